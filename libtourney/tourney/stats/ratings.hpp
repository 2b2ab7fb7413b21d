#pragma once
// Ratings of every player of a tournament by maximum likelihood in the
// Bradley-Terry (logistic Elo) model: P(i scores against j) =
// 1 / (1 + 10^((r_j - r_i)/400)), a draw counting as half a point for each.
// 95% intervals from the inverse of the observed Fisher information.
//
// The likelihood has a finite maximum only where players took points from
// each other in both directions (a strongly connected "took points from"
// graph). Players outside the anchor's strongly connected group have no
// finite rating: they are marked above, below or unbounded.
#include <cstdint>
#include <optional>
#include <vector>

#include "tourney/stats/counts.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::stats {

/// Games between two players, counts from the first player's view.
struct head_to_head {
  int first = 0;
  int second = 0;
  wdl_counts counts;
};

/// Ratings relative to one player (who gets 0) or to the mean of all (0).
struct rating_anchor {
  std::optional<int> player;  // nullopt: mean of all players is 0
};

enum class rating_bound {
  finite,     // elo and error95 are set
  above,      // infinitely above the anchor's group (took every point from it)
  below,      // infinitely below it
  unbounded,  // no finite value relative to the anchor (no games, or not comparable)
};

const char* to_string(rating_bound bound);

struct player_rating {
  std::uint64_t games = 0;
  double points = 0.0;
  std::optional<double> elo;
  std::optional<double> error95;  // half width of the 95% interval
  rating_bound bound = rating_bound::unbounded;
};

struct rating_table {
  std::vector<player_rating> players;  // indexed like the tournament's players
  rating_anchor anchor;
  /// Whether every player has a finite rating.
  bool complete = false;
};

/// Errors: player_count < 1, an index out of range or first == second, an
/// anchor out of range. Games of the same two players may be split over
/// several entries.
expected<rating_table> compute_ratings(int player_count, const std::vector<head_to_head>& games,
                                       rating_anchor anchor);

}  // namespace tourney::stats
