#pragma once
// tournament.json: the original's keys (tournament_id, context, timestamp,
// total_games, summary_stats, analytics_data.tournament_specific_analytics,
// errors) with its counting fixed (error games counted, everywhere, as
// errors), plus status, timing, standings, the spec and statistics.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tourney/runtime/progress.hpp"

namespace tourney::rt {

struct report_input {
  progress_snapshot snapshot;
  /// The first player's results per opponent (progress_tracker).
  std::vector<player_standing> first_player_versus;
  std::uint64_t total_plies = 0;
  nlohmann::json spec;        // spec_to_json
  nlohmann::json statistics;  // Elo/SPRT (may be null)
  std::vector<std::string> errors;
};

/// ISO-8601 UTC with milliseconds ("2026-11-29T16:20:00.123Z").
std::string iso_time(wall_clock::time_point t);

nlohmann::json tournament_json(const report_input& in, wall_clock::time_point now);

}  // namespace tourney::rt
