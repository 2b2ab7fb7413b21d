#pragma once
// Perft: leaf counts of the legal move tree, the standard check of a move
// generator against published numbers.
#include <cstdint>
#include <utility>
#include <vector>

#include "tourney/shogi/position.hpp"

namespace tourney::shogi {

/// One entry per legal move of pos (in generation order) with the number of
/// leaf nodes below it at depth - 1; the counts sum to perft(pos, depth).
/// depth >= 1.
std::vector<std::pair<move, std::uint64_t>> perft_divide(const position& pos, int depth);

}  // namespace tourney::shogi
