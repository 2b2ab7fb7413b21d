#pragma once
// Ratings of the players of one tournament: the league fit (league.hpp, one
// implementation) on the tournament's per-pairing totals, whose colours are
// not kept, so without the first-move term. Anchored to one player (a
// gauntlet's agent) or to the mean of the rated players.
//
// Players who took every point from the anchor's group (or lost every point
// to it) have no finite rating: they are marked above or below, with the end
// of their 95% likelihood-ratio interval.
#include <cstdint>
#include <optional>
#include <vector>

#include "tourney/stats/counts.hpp"
#include "tourney/stats/league.hpp"
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

struct player_rating {
  std::uint64_t games = 0;
  double points = 0.0;
  std::optional<double> elo;
  std::optional<double> error95;  // half width of the 95% interval
  rating_bound bound = rating_bound::unbounded;
  /// above: the lower end of the 95% interval; below: its upper end.
  std::optional<double> bound_elo;
};

struct rating_table {
  std::vector<player_rating> players;  // indexed like the tournament's players
  rating_anchor anchor;
  /// Whether every player has a finite rating.
  bool complete = false;
  double draw_elo = 0.0;  // the model's draw term (league.hpp)
};

/// Errors: player_count < 1, an index out of range or first == second, an
/// anchor out of range. Games of the same two players may be split over
/// several entries.
expected<rating_table> compute_ratings(int player_count, const std::vector<head_to_head>& games,
                                       rating_anchor anchor);

}  // namespace tourney::stats
