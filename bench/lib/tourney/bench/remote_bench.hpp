#pragma once
// `tourney bench remote`: games per second with 1, 2 and 3 worker processes
// (`tourney worker` on loopback, one game slot each) against the same
// tournament played in this process with as many local slots, so the table
// shows both the scaling with workers and the cost of the network hop per
// game. Built-in players (a depth-2 search against the heuristic player)
// and short games.
// Returns one JSON object: rows [{workers, slots, games, wall_s,
// games_per_s, local_games_per_s, hop_ms_per_game}], plus the settings.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tourney::bench {

struct remote_bench_options {
  /// The tourney executable that runs the workers (the app passes itself).
  std::string tourney_path;
  int games = 60;
  int max_plies = 60;
  std::vector<int> worker_counts{1, 2, 3};
  std::size_t slots_per_worker = 1;
};

nlohmann::json run_remote_bench(const remote_bench_options& options);

/// The table as text (one row per worker count).
std::string remote_bench_table(const nlohmann::json& result);

}  // namespace tourney::bench
