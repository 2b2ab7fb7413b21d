#pragma once
// Entering-king declaration (入玉宣言, USI `bestmove win`, CSA %KACHI) under
// the rule a match selects (docs/shogi.md section 6):
//  - none: a declaration is always false (the declarer loses);
//  - points_27 (CSA rule, Floodgate): the side to move's king is in the enemy
//    camp (its 3 farthest ranks), at least 10 of its other pieces are in the
//    enemy camp, the points of its pieces in the camp plus its hand (R and B,
//    promoted or not, 5; every other piece but the king 1) reach 28 for Black
//    or 27 for White, and its king is not in check;
//  - points_24 (YaneuraOu CSARule24): the same conditions with 31 points for
//    either side. (The JSA amateur rule would draw at 24-30 points; here a
//    declaration below 31 is false, as the engines that use this rule assume.)
// The clock condition ("it still has time") is the referee's charge().
#include <string>

#include "tourney/shogi/position.hpp"
#include "tourney/spec/tournament_spec.hpp"

namespace tourney::game {

struct declaration_check {
  bool valid = false;
  int points = 0;          // pieces in the enemy camp + hand, R/B = 5, others 1
  int pieces_in_camp = 0;  // excluding the king
  bool king_in_camp = false;
  bool in_check = false;
  /// Why a declaration is false (empty when valid).
  std::string why;
};

/// Judges a declaration by the side to move of `pos`.
declaration_check check_declaration(const shogi::position& pos, spec::entering_king_rule rule);

/// Points (R/B 5, others 1, king 0) of `side`'s pieces in its enemy camp plus
/// its hand.
int declaration_points(const shogi::position& pos, shogi::color side);

}  // namespace tourney::game
