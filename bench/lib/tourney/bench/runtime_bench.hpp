#pragma once
// `tourney bench runtime`: the original's measured scenarios, run through the
// embedding API with instant games (built-in resign players, rules referee,
// real persistence). Returns one JSON object; keys other tools read:
// e2e_100x4x2_s, e2e_1x50x20_s, first_game_ms, cancel_ms,
// retained_bytes_per_tournament, retained_bytes_per_finished_game.
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace tourney::bench {

struct runtime_bench_options {
  /// Where tournament folders go; empty: a fresh temporary directory (removed).
  std::string storage_dir;
  /// Tournaments in the memory series (after a warm-up of series / 5).
  std::size_t series = 2000;
  /// Repetitions of the latency measurements (medians are reported).
  std::size_t repetitions = 15;
  /// Games of the long tournament whose memory per finished game is measured.
  std::size_t long_games = 20000;
};

nlohmann::json run_runtime_bench(const runtime_bench_options& options = {});

}  // namespace tourney::bench
