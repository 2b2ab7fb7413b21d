#pragma once
// `tourney bench ratings`: the league fit (stats::fit_league) on generated
// results, by default 100,000 games among 500 checkpoints (each plays
// checkpoints up to 10 apart and a few far ones, colours alternating, drawn
// from the model with known strengths, passed one entry per game), timed beside the per-tournament
// Bradley-Terry fit tourney had before (old_bradley_terry.hpp) on the same
// games. Returns one JSON object: games, players, pairs, fit_s and
// baseline_s (wall, best of the repetitions), fit_cpu_s and baseline_cpu_s
// (process CPU time, best of the repetitions), max_abs_error_elo
// (league fit against the true strengths, mean 0), covered95 (share of
// players whose 95% interval holds the truth).
#include <cstdint>
#include <nlohmann/json.hpp>

namespace tourney::bench {

struct ratings_bench_options {
  int players = 500;
  std::uint64_t games = 100000;
  int repetitions = 3;
  std::uint64_t seed = 17;
};

nlohmann::json run_ratings_bench(const ratings_bench_options& options = {});

}  // namespace tourney::bench
