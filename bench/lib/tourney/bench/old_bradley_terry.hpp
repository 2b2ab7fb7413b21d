#pragma once
// The per-tournament fit tourney had before issue 17 (Bradley-Terry, draws as
// half points, no first-move term; Newton with Gauss-Jordan inversion and an
// O(n^3) reachability closure), kept only as the baseline `tourney bench
// ratings` times beside the league fit. Not in the product libraries.
#include <vector>

#include "tourney/stats/ratings.hpp"

namespace tourney::bench {

expected<stats::rating_table> old_bradley_terry_ratings(
    int player_count, const std::vector<stats::head_to_head>& games, stats::rating_anchor anchor);

}  // namespace tourney::bench
