#include "tourney/game/declaration.hpp"

namespace tourney::game {

using shogi::color;
using shogi::piece_kind;

namespace {

bool in_enemy_camp(color side, shogi::square s) {
  const int rank = shogi::rank_of(s);
  return side == color::black ? rank <= 3 : rank >= 7;
}

int points_of(piece_kind kind) {
  switch (shogi::unpromoted(kind)) {
    case piece_kind::king:
      return 0;
    case piece_kind::bishop:
    case piece_kind::rook:
      return 5;
    default:
      return 1;
  }
}

struct camp_count {
  int points = 0;
  int pieces = 0;
};

camp_count count_camp_and_hand(const shogi::position& pos, color side) {
  camp_count count;
  for (int s = 0; s < shogi::square_count; ++s) {
    const auto sq = static_cast<shogi::square>(s);
    if (!in_enemy_camp(side, sq)) {
      continue;
    }
    const auto p = pos.at(sq);
    if (!p || p->owner != side || p->kind == piece_kind::king) {
      continue;
    }
    count.points += points_of(p->kind);
    ++count.pieces;
  }
  for (int k = 0; k < shogi::hand_kind_count; ++k) {
    const auto kind = static_cast<piece_kind>(k);
    count.points += points_of(kind) * pos.hand_count(side, kind);
  }
  return count;
}

}  // namespace

int declaration_points(const shogi::position& pos, color side) {
  return count_camp_and_hand(pos, side).points;
}

declaration_check check_declaration(const shogi::position& pos, spec::entering_king_rule rule) {
  declaration_check check;
  const color side = pos.side_to_move();
  const camp_count count = count_camp_and_hand(pos, side);
  check.points = count.points;
  check.pieces_in_camp = count.pieces;
  check.king_in_camp = in_enemy_camp(side, pos.king_square(side));
  check.in_check = pos.in_check();
  int needed = 0;
  switch (rule) {
    case spec::entering_king_rule::none:
      check.why = "entering-king declarations are not allowed in this match";
      return check;
    case spec::entering_king_rule::points_27:
      needed = side == color::black ? 28 : 27;
      break;
    case spec::entering_king_rule::points_24:
      needed = 31;
      break;
  }
  const std::string who = side == color::black ? "black" : "white";
  if (!check.king_in_camp) {
    check.why = who + "'s king is not in the enemy camp";
  } else if (check.pieces_in_camp < 10) {
    check.why = who + " has " + std::to_string(check.pieces_in_camp) +
                " pieces besides the king in the enemy camp (10 needed)";
  } else if (check.points < needed) {
    check.why = who + " has " + std::to_string(check.points) + " points (" +
                std::to_string(needed) + " needed)";
  } else if (check.in_check) {
    check.why = who + "'s king is in check";
  } else {
    check.valid = true;
  }
  return check;
}

}  // namespace tourney::game
