// SFEN parsing and printing. Every defect is reported with what is wrong and
// where; nothing here aborts on input.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tourney/shogi/board_geometry.hpp"
#include "tourney/shogi/position_internals.hpp"

namespace tourney::shogi {

namespace g = geometry;

namespace {

// Pieces of each hand kind in a full set (both sides), pawn..rook, then king.
constexpr std::array<int, hand_kind_count> full_set{18, 4, 4, 4, 4, 2, 2};

constexpr std::string_view kind_letters = "PLNSGBRK";
constexpr std::array<std::string_view, piece_kind_count> kind_names{
    "pawn",  "lance",     "knight",    "silver",     "gold",  "bishop", "rook",
    "king",  "promoted pawn", "promoted lance", "promoted knight", "promoted silver",
    "horse", "dragon"};

std::optional<piece_kind> kind_from_letter(char upper) {
  auto i = kind_letters.find(upper);
  if (i == std::string_view::npos) {
    return std::nullopt;
  }
  return static_cast<piece_kind>(i);
}

char upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

std::string square_name(int file, int rank) {
  return fmt::format("{}{}", file, static_cast<char>('a' + rank - 1));
}

std::string printable(char c) {
  if (c >= 0x21 && c <= 0x7e) {
    return fmt::format("'{}'", c);
  }
  return fmt::format("byte 0x{:02x}", static_cast<unsigned char>(c));
}

std::string color_name(color c) {
  return c == color::black ? "black" : "white";
}

std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
      ++i;
    }
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') {
      ++i;
    }
    if (i > start) {
      fields.push_back(text.substr(start, i - start));
    }
  }
  return fields;
}

}  // namespace

expected<position> position::from_sfen(std::string_view sfen) {
  using pi = position_internals;
  auto fields = split_fields(sfen);
  if (fields.empty()) {
    return fail("sfen: empty input");
  }
  if (fields.size() < 2) {
    return fail("sfen: missing side to move (expected '<board> <b|w> <hands> [move number]')");
  }
  if (fields.size() < 3) {
    return fail("sfen: missing hands (use '-' for empty hands)");
  }
  if (fields.size() > 4) {
    return fail(fmt::format("sfen: unexpected text after the move number: '{}'", fields[4]));
  }
  position pos = pi::empty_board();
  std::array<int, 8> counts{};  // pieces per unpromoted kind, both sides, board and hands
  std::array<int, 2> kings{};

  // Board: ranks a..i separated by '/', each rank from file 9 to file 1.
  std::string_view board = fields[0];
  int rank = 1;
  int file = 9;  // next file to fill
  bool promote_next = false;
  for (std::size_t i = 0; i <= board.size(); ++i) {
    const char c = i < board.size() ? board[i] : '/';
    const bool at_end = i == board.size();
    if (c == '/') {
      if (promote_next) {
        return fail(fmt::format("sfen: rank {} ({}): '+' must be followed by a piece letter", rank,
                                static_cast<char>('a' + rank - 1)));
      }
      if (file != 0) {
        return fail(fmt::format("sfen: rank {} ({}) has {} squares, expected 9", rank,
                                static_cast<char>('a' + rank - 1), 9 - file));
      }
      if (at_end) {
        break;
      }
      ++rank;
      file = 9;
      if (rank > 9) {
        return fail("sfen: the board has more than 9 ranks");
      }
      continue;
    }
    const std::string where =
        fmt::format("rank {} ({})", rank, static_cast<char>('a' + rank - 1));
    if (c >= '1' && c <= '9') {
      if (promote_next) {
        return fail(fmt::format("sfen: {}: '+' must be followed by a piece letter", where));
      }
      file -= c - '0';
      if (file < 0) {
        return fail(fmt::format("sfen: {} has more than 9 squares", where));
      }
      continue;
    }
    if (c == '+') {
      if (promote_next) {
        return fail(fmt::format("sfen: {}: '++' is not a piece", where));
      }
      promote_next = true;
      continue;
    }
    auto kind = kind_from_letter(upper(c));
    if (!kind) {
      return fail(fmt::format("sfen: {}: unknown piece letter {}", where, printable(c)));
    }
    if (file == 0) {
      return fail(fmt::format("sfen: {} has more than 9 squares", where));
    }
    const color owner = c >= 'a' && c <= 'z' ? color::white : color::black;
    piece_kind k = *kind;
    if (promote_next) {
      if (!can_promote(k)) {
        return fail(fmt::format("sfen: {}: '+{}' is not a piece ({} never promotes)", where, c,
                                kind_names[static_cast<int>(k)]));
      }
      k = promoted(k);
      promote_next = false;
    }
    const std::string sq = square_name(file, rank);
    const int rr = g::relative_rank(owner, rank);
    if (((k == piece_kind::pawn || k == piece_kind::lance) && rr == 1) ||
        (k == piece_kind::knight && rr <= 2)) {
      return fail(fmt::format("sfen: {} {} on {} can never move (dead piece)", color_name(owner),
                              kind_names[static_cast<int>(k)], sq));
    }
    if (k == piece_kind::king) {
      ++kings[static_cast<int>(owner)];
    } else {
      ++counts[static_cast<int>(unpromoted(k))];
    }
    pi::put(pos, g::padded(file, rank), g::code_of(owner, k));
    --file;
  }
  if (rank != 9) {
    return fail(fmt::format("sfen: the board has {} ranks, expected 9", rank));
  }
  for (int c = 0; c < 2; ++c) {
    auto who = color_name(static_cast<color>(c));
    if (kings[c] == 0) {
      return fail(fmt::format("sfen: {} has no king", who));
    }
    if (kings[c] > 1) {
      return fail(fmt::format("sfen: {} has {} kings", who, kings[c]));
    }
  }
  for (int c = 0; c < 2; ++c) {
    const auto own_pawn = g::code_of(static_cast<color>(c), piece_kind::pawn);
    for (int f = 1; f <= 9; ++f) {
      int pawns = 0;
      for (int r = 1; r <= 9; ++r) {
        pawns += pi::cell(pos, g::padded(f, r)) == own_pawn ? 1 : 0;
      }
      if (pawns > 1) {
        return fail(fmt::format("sfen: nifu: {} has {} unpromoted pawns on file {}",
                                color_name(static_cast<color>(c)), pawns, f));
      }
    }
  }

  // Side to move.
  if (fields[1] == "b") {
    pi::set_side(pos, color::black);
  } else if (fields[1] == "w") {
    pi::set_side(pos, color::white);
  } else {
    return fail(fmt::format("sfen: side to move must be 'b' or 'w', got '{}'", fields[1]));
  }

  // Hands: '-' or [count]letter..., black's uppercase, white's lowercase.
  std::string_view hands = fields[2];
  if (hands != "-") {
    std::array<std::array<bool, hand_kind_count>, 2> seen{};
    std::size_t i = 0;
    while (i < hands.size()) {
      const std::size_t start = i;
      int count = 1;
      if (hands[i] >= '0' && hands[i] <= '9') {
        count = 0;
        while (i < hands.size() && hands[i] >= '0' && hands[i] <= '9') {
          count = count * 10 + (hands[i] - '0');
          if (count > 99) {
            return fail(fmt::format("sfen: hands: count '{}...' is too large",
                                    hands.substr(start, i + 1 - start)));
          }
          ++i;
        }
        if (i == hands.size()) {
          return fail(fmt::format("sfen: hands: count {} is not followed by a piece letter", count));
        }
        if (count < 1) {
          return fail(fmt::format("sfen: hands: count {} before '{}' must be at least 1", count,
                                  hands[i]));
        }
      }
      const char c = hands[i];
      auto kind = kind_from_letter(upper(c));
      if (!kind) {
        return fail(fmt::format("sfen: hands: unknown piece letter {}", printable(c)));
      }
      if (*kind == piece_kind::king) {
        return fail("sfen: hands: a king cannot be in hand");
      }
      const color owner = c >= 'a' && c <= 'z' ? color::white : color::black;
      const int k = static_cast<int>(*kind);
      if (seen[static_cast<int>(owner)][k]) {
        return fail(fmt::format("sfen: hands: '{}' is listed twice", c));
      }
      seen[static_cast<int>(owner)][k] = true;
      if (count > full_set[k]) {
        return fail(fmt::format("sfen: hands: {} {}s in {}'s hand, at most {} exist", count,
                                kind_names[k], color_name(owner), full_set[k]));
      }
      counts[k] += count;
      pi::set_hand(pos, owner, *kind, count);
      ++i;
    }
  }
  for (int k = 0; k < hand_kind_count; ++k) {
    if (counts[k] > full_set[k]) {
      return fail(fmt::format("sfen: too many {}s: {} on the board and in hands, at most {}",
                              kind_names[k], counts[k], full_set[k]));
    }
  }

  // Move number (optional).
  if (fields.size() == 4) {
    std::string_view text = fields[3];
    long n = 0;
    for (char c : text) {
      if (c < '0' || c > '9') {
        return fail(fmt::format("sfen: move number must be a positive integer, got '{}'", text));
      }
      n = n * 10 + (c - '0');
      if (n > 1'000'000) {
        return fail(fmt::format("sfen: move number '{}' is too large", text));
      }
    }
    if (n < 1) {
      return fail(fmt::format("sfen: move number must be a positive integer, got '{}'", text));
    }
    pi::set_move_number(pos, static_cast<int>(n));
  }

  // The side that just moved cannot have left its king attacked.
  const color waiting = opponent(pos.side_to_move());
  const int waiting_king = g::table.to_padded[pos.king_square(waiting)];
  position_internals::board_type cells{};
  for (int p = 0; p < g::padded_size; ++p) {
    cells[p] = pi::cell(pos, p);
  }
  if (pi::attacked(cells, waiting_king, pos.side_to_move())) {
    return fail(fmt::format("sfen: {} is not to move but its king is in check",
                            color_name(waiting)));
  }
  return pos;
}

std::string position::to_sfen() const {
  std::string out;
  for (int rank = 1; rank <= 9; ++rank) {
    int empties = 0;
    for (int file = 9; file >= 1; --file) {
      const std::uint8_t c = board_[g::padded(file, rank)];
      if (c == g::empty) {
        ++empties;
        continue;
      }
      if (empties > 0) {
        out += static_cast<char>('0' + empties);
        empties = 0;
      }
      piece_kind k = g::kind_of(c);
      if (is_promoted(k)) {
        out += '+';
        k = unpromoted(k);
      }
      char letter = kind_letters[static_cast<int>(k)];
      if (g::owner_of(c) == color::white) {
        letter = static_cast<char>(letter - 'A' + 'a');
      }
      out += letter;
    }
    if (empties > 0) {
      out += static_cast<char>('0' + empties);
    }
    if (rank < 9) {
      out += '/';
    }
  }
  out += side_ == color::black ? " b " : " w ";
  std::string hands;
  static constexpr std::array<piece_kind, hand_kind_count> order{
      piece_kind::rook,   piece_kind::bishop, piece_kind::gold, piece_kind::silver,
      piece_kind::knight, piece_kind::lance,  piece_kind::pawn};
  for (int c = 0; c < 2; ++c) {
    for (piece_kind k : order) {
      const int n = hands_[c][static_cast<int>(k)];
      if (n == 0) {
        continue;
      }
      if (n > 1) {
        hands += std::to_string(n);
      }
      char letter = kind_letters[static_cast<int>(k)];
      hands += c == 0 ? letter : static_cast<char>(letter - 'A' + 'a');
    }
  }
  out += hands.empty() ? "-" : hands;
  out += ' ';
  out += std::to_string(move_number_);
  return out;
}

}  // namespace tourney::shogi
