#pragma once
// `tourney bench runtime`: the original's measured scenarios, run through the
// embedding API with instant games (built-in resign players, rules referee,
// real persistence). Returns one JSON object; keys other tools read:
// e2e_100x4x2_s, e2e_1x50x20_s, first_game_ms, cancel_ms,
// retained_bytes_per_tournament, retained_bytes_per_finished_game; beside the
// two end-to-end cases, in the same run, the durable floor's time
// (durable_floor.hpp): e2e_100x4x2_floor_s, e2e_1x50x20_floor_s, and the
// ratios e2e_100x4x2_ratio_to_floor, e2e_1x50x20_ratio_to_floor, and the
// simplest durable manager's (one sync per game): e2e_*_sync_per_game_s.
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
  /// Only the two end-to-end cases and their floors (no latency or memory).
  bool end_to_end_only = false;
  /// While the end-to-end cases and floors run, a writer thread appends
  /// 64 KiB blocks to a file in the same folder and fdatasyncs each one.
  bool competing_writer = false;
};

nlohmann::json run_runtime_bench(const runtime_bench_options& options = {});

}  // namespace tourney::bench
