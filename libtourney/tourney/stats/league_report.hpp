#pragma once
// A league's rating list as text (`tourney ratings`) and as JSON
// (`--json`). Pure formatting: no I/O.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tourney/stats/anchor_text.hpp"
#include "tourney/stats/league.hpp"

namespace tourney::stats {

/// What the ratings were computed from, for the header and the JSON.
struct league_context {
  std::vector<std::string> folders;
  std::uint64_t games = 0;
  std::uint64_t error_games = 0;
  std::vector<named_anchor> anchors;
  double sequential_sd = 0.0;
};

/// The table, strongest first, with a sentence on what the numbers mean.
std::string league_text(const league_ratings& ratings, const league_context& context);

/// {folders, games, error_games, model, anchors, sequential_prior_sd,
/// first_move: {elo, error95}, draw: {elo, error95}, players: [{rank, name,
/// elo, error95, lower95, upper95, bound, bound_elo, games, points, score,
/// draws, los_next, anchored, group}] (strongest first), groups: [[names]],
/// warnings, complete}. A value that does not exist is null.
nlohmann::json league_json(const league_ratings& ratings, const league_context& context);

}  // namespace tourney::stats
