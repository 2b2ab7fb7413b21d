#pragma once
// One rating list over many games of many players (a league of checkpoints
// across tournaments), by maximum likelihood. Public embedding API: no CAF,
// no nlohmann/json, no I/O.
//
// Model (BayesElo's, Coulom 2005; Rao-Kupper's ties with a home advantage,
// Hunter 2004 section 3): with d = r_black - r_white + first_move,
//   P(black wins) = F(d - draw), P(white wins) = F(-d - draw),
//   P(draw) = F(d + draw) - F(d - draw),  F(x) = 1 / (1 + 10^(-x/400)),
// ratings, first_move and draw in Elo. Expected score at difference d is
// (F(d + draw) + F(d - draw)) / 2. Games whose colours are unknown use
// d = r_first - r_second. The first-move and draw terms carry a weak prior
// of three virtual games between equal players (one black win, one white
// win, one draw), so a league without draws or without a white win still
// has finite terms; it weighs nothing next to a few hundred real games.
//
// Gauge: hard anchors fix players; loose anchors are Gaussian priors
// (elo +- sd); an optional sequential prior ties consecutive checkpoints
// (r_next - r_prev ~ N(0, sd^2)), as KataGo's elo.py does with virtual
// games. A group with no anchor and no prior has mean 0.
//
// Players who took every point from the rated group (or lost every point to
// it) have no finite maximum-likelihood rating: they are marked above or
// below, with the 95% bound of the likelihood-ratio interval [bound, inf).
// 95% intervals of finite ratings: the inverse of the observed information
// (the first-move and draw terms' uncertainty included).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tourney/util/expected.hpp"

namespace tourney::stats {

/// Games of two players with known colours: `black` moved first.
struct colour_results {
  int black = 0;
  int white = 1;
  std::uint64_t black_wins = 0;
  std::uint64_t white_wins = 0;
  std::uint64_t draws = 0;
};

/// Games of two players whose colours are not known, from `first`'s view.
struct neutral_results {
  int first = 0;
  int second = 1;
  std::uint64_t wins = 0;
  std::uint64_t losses = 0;
  std::uint64_t draws = 0;
};

/// A player's rating fixed (sd 0) or a Gaussian prior on it (sd > 0), Elo.
struct rating_prior {
  int player = 0;
  double elo = 0.0;
  double sd = 0.0;
};

struct league_input {
  std::vector<std::string> players;  // names; indices below refer to this list
  std::vector<colour_results> games;
  std::vector<neutral_results> neutral_games;
  std::vector<rating_prior> anchors;
  /// Checkpoints in training order; with sequential_sd > 0 every two
  /// consecutive ones get the prior r_next - r_prev ~ N(0, sequential_sd^2).
  std::vector<int> sequence;
  double sequential_sd = 0.0;
};

enum class rating_bound {
  finite,     // elo and the interval are set
  above,      // took every point from the rated group: [bound_elo, +inf)
  below,      // lost every point to it: (-inf, bound_elo]
  unbounded,  // no games, or no games with a rated player
};

const char* to_string(rating_bound bound);

struct league_player {
  std::string name;
  std::uint64_t games = 0;
  double points = 0.0;
  std::uint64_t draws = 0;
  rating_bound bound = rating_bound::unbounded;
  std::optional<double> elo;
  std::optional<double> error95;  // half width of the 95% interval (0: hard anchor)
  /// above: the interval's lower end; below: its upper end; else nullopt.
  std::optional<double> bound_elo;
  /// Likelihood of superiority over the next player in `order` (same group,
  /// both finite, not both fixed), else nullopt.
  std::optional<double> los_next;
  bool anchored = false;  // a hard anchor
  int group = -1;         // index into league_ratings::groups
};

struct league_ratings {
  std::vector<league_player> players;  // in input order
  std::vector<int> order;              // strongest first: above, finite, below, unbounded
  double first_move_elo = 0.0;         // sente's advantage
  double first_move_error95 = 0.0;
  double draw_elo = 0.0;
  double draw_error95 = 0.0;
  /// Players linked by games (or the sequential prior): ratings of two groups
  /// cannot be compared unless anchors place both.
  std::vector<std::vector<int>> groups;
  std::vector<std::string> warnings;  // "players not connected: ...", ...
  bool complete = false;              // every player has a finite rating
};

/// Errors: no players, an index out of range, a player against itself, an
/// anchor twice for one player, a negative or non-finite sd or elo, a
/// sequence naming a player twice. Games may come in any order and be split
/// over several entries: the result is the same.
[[nodiscard]] expected<league_ratings> fit_league(const league_input& input);

/// Elo per natural-log unit of the odds (400 / ln 10).
inline constexpr double elo_per_nat = 173.71779276130073;

}  // namespace tourney::stats
