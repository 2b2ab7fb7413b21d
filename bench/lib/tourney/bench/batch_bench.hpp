#pragma once
// `tourney bench batch`: a trainer's network playing many games at once
// against a cheap built-in opponent, through the embedding API (real
// referee, real persistence), with a simulated device whose call costs a
// fixed part plus a part per position (it sleeps: that models a device call
// and synchronises nothing; one device, so calls never overlap). Played
// three ways in one run:
//   batched       register_batched_policy, `games` games at once;
//   per position  the same device asked one position per call through
//                 register_policy (the path before batching: a thread per
//                 game in flight, game slots = hardware threads);
//   ideal         the device's own time for the batched run's calls alone;
//   two halves    batched with max_batch = games / 2 and two calls in
//                 flight: one half's plies run while the other half is on
//                 the device (more calls, so more device time in all).
// Returns one JSON object; keys other tools read: games, positions, calls,
// mean_batch, games_per_s_batched, games_per_s_per_position,
// games_per_s_ideal (also batched_to_ideal, batched_to_per_position,
// games_per_s_two_halves, two_halves_to_ideal,
// per_position_games, wall and device seconds of each way).
#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace tourney::bench {

struct batch_bench_options {
  int games = 256;
  /// The per-position way plays fewer games (it is that much slower); games
  /// per second compare the same games.
  int per_position_games = 32;
  int max_plies = 40;
  std::chrono::microseconds call_cost{2000};
  std::chrono::microseconds position_cost{10};
  /// Where tournament folders go; empty: a fresh temporary directory (removed).
  std::string storage_dir;
};

nlohmann::json run_batch_bench(const batch_bench_options& options = {});

}  // namespace tourney::bench
