// Legal move generation: pseudo-legal moves filtered by checks and pins
// computed once per position, so only king moves need an attack test.
#include <array>

#include "tourney/shogi/board_geometry.hpp"
#include "tourney/shogi/position_internals.hpp"

namespace tourney::shogi {

namespace g = geometry;

namespace {

struct relative_ranks {
  std::array<std::array<std::int8_t, g::padded_size>, 2> of{};
};

constexpr relative_ranks make_relative_ranks() {
  relative_ranks r{};
  for (int p = 0; p < g::padded_size; ++p) {
    int rank = g::table.rank[p];
    r.of[0][p] = static_cast<std::int8_t>(rank == 0 ? 0 : g::relative_rank(color::black, rank));
    r.of[1][p] = static_cast<std::int8_t>(rank == 0 ? 0 : g::relative_rank(color::white, rank));
  }
  return r;
}

constexpr relative_ranks rel = make_relative_ranks();

struct pin {
  int square;
  int direction;  // from the king towards the pinned piece
};

class generator {
 public:
  generator(const position& pos, const position_internals::board_type& board, color us,
            int own_king, int their_king, move_list& out)
      : pos_(pos), b_(board), us_(us), them_(opponent(us)), own_(g::color_bit(us)),
        enemy_(g::color_bit(them_)), king_(own_king), their_king_(their_king),
        rel_(rel.of[static_cast<int>(us)]), out_(out) {}

  void run(const std::array<std::uint8_t, hand_kind_count>& hand) {
    find_checks_and_pins();
    if (checkers_ < 2) {
      pieces();
      drops(hand);
    }
    king_moves();
  }

 private:
  void find_checks_and_pins() {
    for (int d = 0; d < 8; ++d) {
      const int step = g::delta[d];
      int t = king_ + step;
      std::uint8_t c = b_[t];
      while (c == g::empty) {
        t += step;
        c = b_[t];
      }
      const auto towards_king = g::bit(g::opposite(d));
      if ((c & enemy_) != 0) {
        const bool adjacent = t == king_ + step;
        const std::uint16_t mask = adjacent ? g::table.adjacent[c] : g::table.masks[c].slide;
        if ((mask & towards_king) != 0) {
          add_checker(t, d);
        }
      } else if ((c & own_) != 0) {
        const int candidate = t;
        do {
          t += step;
          c = b_[t];
        } while (c == g::empty);
        if ((c & enemy_) != 0 && (g::table.masks[c].slide & towards_king) != 0) {
          pins_[pin_count_++] = pin{candidate, d};
        }
      }
    }
    const std::uint8_t knight = g::code_of(them_, piece_kind::knight);
    const int k0 = them_ == color::black ? 8 : 10;
    for (int k = k0; k < k0 + 2; ++k) {
      const int t = king_ - g::delta[k];
      if (b_[t] == knight) {
        add_checker(t, -1);
      }
    }
  }

  void add_checker(int at, int direction) {
    if (++checkers_ > 1) {
      return;
    }
    allowed_.fill(0);
    // Capture the checker, or for a distant slider interpose on the line.
    allowed_[at] = 1;
    if (direction >= 0) {
      for (int t = king_ + g::delta[direction]; t != at; t += g::delta[direction]) {
        allowed_[t] = 1;
      }
    }
  }

  bool target_ok(int t) const {
    return checkers_ == 0 || allowed_[t] != 0;
  }

  void add_board_move(int from, int to, piece_kind k) {
    const auto fs = static_cast<square>(g::table.to_square[from]);
    const auto ts = static_cast<square>(g::table.to_square[to]);
    if (!can_promote(k)) {
      out_.push_back(move::board(fs, ts, false));
      return;
    }
    const int rt = rel_[to];
    if (rt > 3 && rel_[from] > 3) {
      out_.push_back(move::board(fs, ts, false));
      return;
    }
    out_.push_back(move::board(fs, ts, true));
    // Forced promotion: a piece that could never move again must promote.
    if ((k == piece_kind::pawn || k == piece_kind::lance) && rt == 1) {
      return;
    }
    if (k == piece_kind::knight && rt <= 2) {
      return;
    }
    out_.push_back(move::board(fs, ts, false));
  }

  void pieces() {
    g::for_each_square(position_internals::occupied(pos_, us_), [this](int s) {
      const int p = g::table.to_padded[s];
      if (p != king_) {
        piece_moves(p);
      }
    });
  }

  void piece_moves(int p) {
    const std::uint8_t blocked = static_cast<std::uint8_t>(own_ | g::wall);
    const std::uint8_t c = b_[p];
    const piece_kind k = g::kind_of(c);
    if (k == piece_kind::pawn) {
      pawn_files_[g::table.file[p]] = true;
    }
    std::uint16_t step = g::table.masks[c].step;
    std::uint16_t slide = g::table.masks[c].slide;
    for (int i = 0; i < pin_count_; ++i) {
      if (pins_[i].square == p) {
        // A pinned piece may only move along the line through its king.
        const auto line = static_cast<std::uint16_t>(g::bit(pins_[i].direction) |
                                                     g::bit(g::opposite(pins_[i].direction)));
        step &= line;
        slide &= line;
      }
    }
    for (; step != 0; step &= static_cast<std::uint16_t>(step - 1)) {
      const int d = __builtin_ctz(step);
      const int t = p + g::delta[d];
      if ((b_[t] & blocked) == 0 && target_ok(t)) {
        add_board_move(p, t, k);
      }
    }
    for (; slide != 0; slide &= static_cast<std::uint16_t>(slide - 1)) {
      const int d = __builtin_ctz(slide);
      const int s = g::delta[d];
      for (int t = p + s;; t += s) {
        const std::uint8_t tc = b_[t];
        if ((tc & blocked) != 0) {
          break;
        }
        if (target_ok(t)) {
          add_board_move(p, t, k);
        }
        if (tc != g::empty) {
          break;
        }
      }
    }
  }

  void drops(const std::array<std::uint8_t, hand_kind_count>& hand) {
    std::array<piece_kind, 4> anywhere{};
    int anywhere_count = 0;
    for (piece_kind k : {piece_kind::silver, piece_kind::gold, piece_kind::bishop, piece_kind::rook}) {
      if (hand[static_cast<int>(k)] != 0) {
        anywhere[anywhere_count++] = k;
      }
    }
    const bool pawn = hand[static_cast<int>(piece_kind::pawn)] != 0;
    const bool lance = hand[static_cast<int>(piece_kind::lance)] != 0;
    const bool knight = hand[static_cast<int>(piece_kind::knight)] != 0;
    if (anywhere_count == 0 && !pawn && !lance && !knight) {
      return;
    }
    // The square in front of the enemy king, where a pawn drop gives check.
    const int pawn_check_square = their_king_ - g::delta[us_ == color::black ? 0 : 4];
    const auto& black = position_internals::occupied(pos_, color::black);
    const auto& white = position_internals::occupied(pos_, color::white);
    const g::square_set empty{~(black[0] | white[0]), ~(black[1] | white[1]) & ((std::uint64_t{1} << 17) - 1)};
    g::for_each_square(empty, [&](int si) {
      const int p = g::table.to_padded[si];
      if (!target_ok(p)) {
        return;
      }
      const auto s = static_cast<square>(si);
      for (int i = 0; i < anywhere_count; ++i) {
        out_.push_back(move::drop(anywhere[i], s));
      }
      const int r = rel_[p];
      if (lance && r > 1) {
        out_.push_back(move::drop(piece_kind::lance, s));
      }
      if (knight && r > 2) {
        out_.push_back(move::drop(piece_kind::knight, s));
      }
      if (pawn && r > 1 && !pawn_files_[g::table.file[p]]) {
        const move m = move::drop(piece_kind::pawn, s);
        if (p != pawn_check_square || !drop_mates(m)) {
          out_.push_back(m);
        }
      }
    });
  }

  // Uchifuzume: a pawn drop that checkmates is illegal.
  bool drop_mates(move m) const {
    position after = pos_;
    after.play(m);
    return !after.has_legal_move();
  }

  void king_moves() {
    const std::uint8_t blocked = static_cast<std::uint8_t>(own_ | g::wall);
    // Attacks are tested with the king lifted, so a slider's line through
    // the king's square still counts behind it.
    position_internals::board_type without_king = b_;
    without_king[king_] = g::empty;
    for (int d = 0; d < 8; ++d) {
      const int t = king_ + g::delta[d];
      if ((b_[t] & blocked) == 0 && !position_internals::attacked(without_king, t, them_)) {
        out_.push_back(move::board(static_cast<square>(g::table.to_square[king_]),
                                   static_cast<square>(g::table.to_square[t]), false));
      }
    }
  }

  const position& pos_;
  const position_internals::board_type& b_;
  const color us_;
  const color them_;
  const std::uint8_t own_;
  const std::uint8_t enemy_;
  const int king_;
  const int their_king_;
  const std::array<std::int8_t, g::padded_size>& rel_;
  move_list& out_;
  int checkers_ = 0;
  std::array<std::uint8_t, g::padded_size> allowed_;
  std::array<pin, 8> pins_;
  int pin_count_ = 0;
  std::array<bool, 10> pawn_files_{};
};

}  // namespace

// One move checked on its own, agreeing with generate() (a test compares the
// two over every encodable move): the piece's reach, promotion rules, drop
// rules, then the move is played on a copy to see that the own king is safe.
// About twenty times cheaper than generating the list, and the referee and
// the record writers check every move of every game.
bool position_internals::is_legal(const position& pos, move m) {
  const color us = pos.side_;
  const int ui = static_cast<int>(us);
  const auto& rel_us = rel.of[ui];
  if (m.is_drop()) {
    const piece_kind k = m.dropped();
    if (m != move::drop(k, m.to()) || pos.hands_[ui][static_cast<int>(k)] == 0) {
      return false;
    }
    const int to = g::table.to_padded[m.to()];
    if (pos.board_[to] != g::empty) {
      return false;
    }
    const int r = rel_us[to];
    if (((k == piece_kind::pawn || k == piece_kind::lance) && r <= 1) || (k == piece_kind::knight && r <= 2)) {
      return false;  // a piece that could never move
    }
    if (k == piece_kind::pawn) {
      const std::uint8_t own_pawn = g::code_of(us, piece_kind::pawn);
      const int file = g::table.file[to];
      for (int rank = 1; rank <= 9; ++rank) {
        if (pos.board_[g::padded(file, rank)] == own_pawn) {
          return false;  // nifu
        }
      }
    }
    position after = pos;
    after.play(m);
    if (king_attacked(after, us)) {
      return false;
    }
    // Uchifuzume: a pawn drop that checkmates is illegal.
    const int in_front_of_their_king = pos.kings_[1 - ui] - g::delta[us == color::black ? 0 : 4];
    return k != piece_kind::pawn || to != in_front_of_their_king || after.has_legal_move();
  }
  if (m != move::board(m.from(), m.to(), m.promotes())) {
    return false;
  }
  const int from = g::table.to_padded[m.from()];
  const int to = g::table.to_padded[m.to()];
  const std::uint8_t code = pos.board_[from];
  if ((code & g::color_bit(us)) == 0 || (pos.board_[to] & (g::color_bit(us) | g::wall)) != 0) {
    return false;
  }
  bool reaches = false;
  for (std::uint16_t step = g::table.masks[code].step; step != 0 && !reaches;
       step &= static_cast<std::uint16_t>(step - 1)) {
    reaches = from + g::delta[__builtin_ctz(step)] == to;
  }
  for (std::uint16_t slide = g::table.masks[code].slide; slide != 0 && !reaches;
       slide &= static_cast<std::uint16_t>(slide - 1)) {
    const int d = g::delta[__builtin_ctz(slide)];
    int t = from + d;
    while (t != to && pos.board_[t] == g::empty) {
      t += d;
    }
    reaches = t == to;
  }
  if (!reaches) {
    return false;
  }
  const piece_kind k = g::kind_of(code);
  const int rt = rel_us[to];
  if (m.promotes()) {
    if (!can_promote(k) || (rt > 3 && rel_us[from] > 3)) {
      return false;
    }
  } else if (((k == piece_kind::pawn || k == piece_kind::lance) && rt == 1) ||
             (k == piece_kind::knight && rt <= 2)) {
    return false;  // must promote
  }
  position after = pos;
  after.play(m);
  return !king_attacked(after, us);
}

move_list position_internals::generate(const position& pos) {
  const int us = static_cast<int>(pos.side_);
  move_list out;
  generator gen(pos, pos.board_, pos.side_, pos.kings_[us], pos.kings_[1 - us], out);
  gen.run(pos.hands_[us]);
  return out;
}

}  // namespace tourney::shogi
