// USI and CSA move notation.
#include "tourney/shogi/notation.hpp"

#include <array>

#include <fmt/format.h>

#include "tourney/shogi/board_geometry.hpp"
#include "tourney/shogi/position_internals.hpp"

namespace tourney::shogi {

namespace g = geometry;

namespace {

constexpr std::string_view kind_letters = "PLNSGBRK";
constexpr std::array<std::string_view, piece_kind_count> kind_names{
    "pawn",  "lance",         "knight",         "silver",          "gold",
    "bishop", "rook",         "king",           "promoted pawn",   "promoted lance",
    "promoted knight", "promoted silver", "horse", "dragon"};
constexpr std::array<std::string_view, piece_kind_count> csa_names{
    "FU", "KY", "KE", "GI", "KI", "KA", "HI", "OU", "TO", "NY", "NK", "NG", "UM", "RY"};

std::string_view name(piece_kind k) {
  return kind_names[static_cast<int>(k)];
}

std::string_view color_name(color c) {
  return c == color::black ? "black" : "white";
}

/// The move text for messages: printable, bounded (input may be hostile).
std::string quoted(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < 16; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    out += c >= 0x20 && c < 0x7f ? std::string(1, static_cast<char>(c)) : fmt::format("\\x{:02x}", c);
  }
  if (text.size() > 16) {
    out += "...";
  }
  return out;
}

std::string square_name(square s) {
  return fmt::format("{}{}", file_of(s), static_cast<char>('a' + rank_of(s) - 1));
}

std::optional<square> parse_square(char file, char rank) {
  if (file < '1' || file > '9' || rank < 'a' || rank > 'i') {
    return std::nullopt;
  }
  return make_square(file - '0', rank - 'a' + 1);
}

bool in_zone(color c, square s) {
  return g::relative_rank(c, rank_of(s)) <= 3;
}

/// Whether the piece on `from` could move to `to` on an empty path, ignoring
/// whose piece is on `to`, pins and checks.
bool reaches(const position& pos, square from, square to) {
  const auto p = pos.at(from);
  if (!p) {
    return false;
  }
  const auto code = g::code_of(p->owner, p->kind);
  const auto masks = g::table.masks[code];
  const int f = g::table.to_padded[from];
  const int t = g::table.to_padded[to];
  for (int d = 0; d < 12; ++d) {
    if ((masks.step & g::bit(d)) != 0 && f + g::delta[d] == t) {
      return true;
    }
  }
  for (int d = 0; d < 8; ++d) {
    if ((masks.slide & g::bit(d)) == 0) {
      continue;
    }
    for (int s = f + g::delta[d]; g::table.to_square[s] >= 0; s += g::delta[d]) {
      if (s == t) {
        return true;
      }
      if (pos.at(static_cast<square>(g::table.to_square[s]))) {
        break;
      }
    }
  }
  return false;
}

/// Why m, which is not in pos's legal moves, is illegal.
std::string why_illegal(const position& pos, move m) {
  const color us = pos.side_to_move();
  const square to = m.to();
  const auto target = pos.at(to);
  const std::string_view check_text =
      pos.in_check() ? "does not answer the check" : "leaves the king in check";
  if (m.is_drop()) {
    const piece_kind k = m.dropped();
    if (pos.hand_count(us, k) == 0) {
      return fmt::format("{} has no {} in hand", color_name(us), name(k));
    }
    if (target) {
      return fmt::format("{} is occupied", square_name(to));
    }
    const int rr = g::relative_rank(us, rank_of(to));
    if (((k == piece_kind::pawn || k == piece_kind::lance) && rr == 1) ||
        (k == piece_kind::knight && rr <= 2)) {
      return fmt::format("a {} dropped on {} could never move", name(k), square_name(to));
    }
    if (k == piece_kind::pawn) {
      for (int rank = 1; rank <= 9; ++rank) {
        const auto q = pos.at(make_square(file_of(to), rank));
        if (q && q->owner == us && q->kind == piece_kind::pawn) {
          return fmt::format("nifu: {} already has an unpromoted pawn on file {}", color_name(us),
                             file_of(to));
        }
      }
      position after = pos;
      after.play(m);
      if (!position_internals::king_attacked(after, us)) {
        return "uchifuzume: a pawn drop may not give checkmate";
      }
    }
    return std::string(check_text);
  }
  const square from = m.from();
  const auto mover = pos.at(from);
  if (!mover || mover->owner != us) {
    return fmt::format("no piece of the side to move on {}", square_name(from));
  }
  if (target && target->owner == us) {
    return fmt::format("{} is occupied by {}'s own {}", square_name(to), color_name(us),
                       name(target->kind));
  }
  if (!reaches(pos, from, to)) {
    return fmt::format("the {} on {} cannot move to {}", name(mover->kind), square_name(from),
                       square_name(to));
  }
  if (m.promotes()) {
    if (!can_promote(mover->kind)) {
      return is_promoted(mover->kind) ? fmt::format("a {} is already promoted", name(mover->kind))
                                      : fmt::format("a {} never promotes", name(mover->kind));
    }
    if (!in_zone(us, from) && !in_zone(us, to)) {
      return fmt::format("cannot promote: neither {} nor {} is in the promotion zone",
                         square_name(from), square_name(to));
    }
  } else {
    const int rr = g::relative_rank(us, rank_of(to));
    const piece_kind k = mover->kind;
    if (((k == piece_kind::pawn || k == piece_kind::lance) && rr == 1) ||
        (k == piece_kind::knight && rr <= 2)) {
      return fmt::format("a {} moving to {} must promote (it could never move again)", name(k),
                         square_name(to));
    }
  }
  return std::string(check_text);
}

}  // namespace

expected<move> parse_usi_move(std::string_view text, bool allow_at_drop) {
  const std::string q = quoted(text);
  if (text.empty()) {
    return fail("usi move: empty text");
  }
  if (text.size() < 4 || text.size() > 5) {
    return fail(fmt::format("{}: not a USI move (expected 7g7f, 8h2b+ or P*5e)", q));
  }
  if (text[1] == '*' || text[1] == '@') {
    if (text[1] == '@' && !allow_at_drop) {
      return fail(fmt::format("{}: '@' drops are not USI (write {}*{})", q, text[0], text.substr(2)));
    }
    const auto i = kind_letters.find(text[0]);
    if (i == std::string_view::npos) {
      return fail(fmt::format("{}: unknown piece letter '{}' (drops use PLNSGBR)", q, quoted(text.substr(0, 1))));
    }
    if (static_cast<piece_kind>(i) == piece_kind::king) {
      return fail(fmt::format("{}: a king cannot be dropped", q));
    }
    if (text.size() == 5) {
      return fail(fmt::format("{}: a drop cannot promote or carry a suffix", q));
    }
    const auto to = parse_square(text[2], text[3]);
    if (!to) {
      return fail(fmt::format("{}: '{}' is not a square (files 1-9, ranks a-i)", q, quoted(text.substr(2, 2))));
    }
    return move::drop(static_cast<piece_kind>(i), *to);
  }
  const auto from = parse_square(text[0], text[1]);
  if (!from) {
    return fail(fmt::format("{}: '{}' is not a square (files 1-9, ranks a-i)", q, quoted(text.substr(0, 2))));
  }
  const auto to = parse_square(text[2], text[3]);
  if (!to) {
    return fail(fmt::format("{}: '{}' is not a square (files 1-9, ranks a-i)", q, quoted(text.substr(2, 2))));
  }
  if (text.size() == 5 && text[4] != '+') {
    return fail(fmt::format("{}: unexpected '{}' after the move (only '+' for promotion)", q,
                            quoted(text.substr(4, 1))));
  }
  if (*from == *to) {
    return fail(fmt::format("{}: the piece does not move", q));
  }
  return move::board(*from, *to, text.size() == 5);
}

expected<move> parse_legal_usi_move(const position& pos, std::string_view text, bool allow_at_drop) {
  auto m = parse_usi_move(text, allow_at_drop);
  if (!m) {
    return m;
  }
  if (pos.legal_moves().contains(*m)) {
    return m;
  }
  return fail(fmt::format("{}: illegal: {}", quoted(text), why_illegal(pos, *m)));
}

std::string to_usi(move m) {
  if (m.is_null()) {
    return "0000";
  }
  // Built by hand: an engine game converts every move of its history on each
  // ply, and fmt's parsing dominated the runtime's own CPU per USI ply.
  auto square_chars = [](square s, char* out) {
    out[0] = static_cast<char>('0' + file_of(s));
    out[1] = static_cast<char>('a' + rank_of(s) - 1);
  };
  char text[5];
  std::size_t size = 4;
  if (m.is_drop()) {
    text[0] = kind_letters[static_cast<int>(m.dropped())];
    text[1] = '*';
    square_chars(m.to(), text + 2);
  } else {
    square_chars(m.from(), text);
    square_chars(m.to(), text + 2);
    if (m.promotes()) {
      text[4] = '+';
      size = 5;
    }
  }
  return std::string(text, size);
}

std::string to_csa(const position& before, move m) {
  const char sign = before.side_to_move() == color::black ? '+' : '-';
  if (m.is_drop()) {
    return fmt::format("{}00{}{}{}", sign, file_of(m.to()), rank_of(m.to()),
                       csa_names[static_cast<int>(m.dropped())]);
  }
  const auto p = before.at(m.from());
  piece_kind k = p ? p->kind : piece_kind::king;
  if (m.promotes() && can_promote(k)) {
    k = promoted(k);
  }
  return fmt::format("{}{}{}{}{}{}", sign, file_of(m.from()), rank_of(m.from()), file_of(m.to()),
                     rank_of(m.to()), csa_names[static_cast<int>(k)]);
}

}  // namespace tourney::shogi
