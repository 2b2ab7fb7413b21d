#pragma once
// Move notations: USI (7g7f, 8h2b+, P*5e) and CSA (+7776FU).
#include <string>
#include <string_view>

#include "tourney/shogi/position.hpp"
#include "tourney/shogi/types.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::shogi {

/// Syntax only: accepts "7g7f", "8h2b+", "P*5e" (and "P@5e" when
/// allow_at_drop). Does not check legality.
expected<move> parse_usi_move(std::string_view text, bool allow_at_drop = false);

/// Syntax and legality in pos: the error says which move and why
/// ("8h2b+: no piece of the side to move on 8h", "P*5e: nifu", ...).
expected<move> parse_legal_usi_move(const position& pos, std::string_view text,
                                    bool allow_at_drop = false);

std::string to_usi(move m);

/// CSA V2.2 move text for a move made from `before`: "+7776FU", "-0055KA";
/// a promotion shows the promoted piece name ("+8822UM").
std::string to_csa(const position& before, move m);

}  // namespace tourney::shogi
