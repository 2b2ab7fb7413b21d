// tourney bench runtime|usi|remote|batch|perft|ratings: benchmarks that print figures, one JSON
// object on the last line (other tools read its keys).
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "log.hpp"
#include "tourney/bench/batch_bench.hpp"
#include "tourney/bench/ratings_bench.hpp"
#include "tourney/bench/remote_bench.hpp"
#include "tourney/bench/runtime_bench.hpp"
#include "tourney/bench/usi_bench.hpp"
#include "tourney/shogi/position.hpp"

namespace tourney::app {

namespace {

int perft_bench(int depth) {
  // Best of three runs: the machine may be shared.
  auto pos = shogi::position::startpos();
  double best = 0.0;
  std::uint64_t nodes = 0;
  for (int run = 0; run < 3; ++run) {
    auto start = std::chrono::steady_clock::now();
    nodes = shogi::perft(pos, depth);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best = std::max(best, static_cast<double>(nodes) / std::max(seconds, 1e-9));
  }
  fmt::print("perft depth {} from the start position: {} nodes, {:.1f} M nodes/s (best of 3)\n",
             depth, nodes, best / 1e6);
  fmt::print("{}\n",
             nlohmann::json{{"depth", depth}, {"nodes", nodes}, {"nodes_per_s", best}}.dump());
  return exit_ok;
}

}  // namespace

int run_bench(const bench_options& options) {
  if (options.which == "perft") {
    return perft_bench(options.depth);
  }
  if (options.which == "batch") {
    bench::batch_bench_options b;
    if (options.games_set) {
      b.games = options.games;
    }
    b.max_plies = options.max_plies;
    eprint(
        "tourney bench batch: {} games of {} plies, a simulated network (2 ms + 10 us per position "
        "per call) "
        "against a built-in: batched, per position ({} games) and ideal...\n",
        b.games, b.max_plies, b.per_position_games);
    auto result = bench::run_batch_bench(b);
    fmt::print("{}\n", result.dump());
    return result.contains("error") ? exit_failure : exit_ok;
  }
  if (options.which == "ratings") {
    bench::ratings_bench_options r;
    if (options.games_set) {
      r.games = static_cast<std::uint64_t>(options.games);
    }
    eprint(
        "tourney bench ratings: the league fit on {} generated games among {} players, beside "
        "the old per-tournament fit...\n",
        r.games, r.players);
    auto result = bench::run_ratings_bench(r);
    fmt::print("{}\n", result.dump());
    return result.contains("error") ? exit_failure : exit_ok;
  }
  if (options.which == "remote") {
    bench::remote_bench_options r;
    r.tourney_path = "/proc/self/exe";
    if (options.games_set) {
      r.games = options.games;
    }
    eprint("tourney bench remote: {} short games with 1, 2, 3 worker processes on loopback...\n",
           r.games);
    auto result = bench::run_remote_bench(r);
    if (!result.contains("error")) {
      fmt::print("{}", bench::remote_bench_table(result));
    }
    fmt::print("{}\n", result.dump());
    return result.contains("error") ? exit_failure : exit_ok;
  }
  if (options.which == "usi") {
    bench::usi_bench_options u;
    u.games = options.games;
    u.nodes = options.nodes;
    if (options.depth_set) {
      u.depth = options.depth;
      eprint("tourney bench usi: {} fairy-stockfish games at depth {}...\n", u.games, u.depth);
    } else {
      eprint("tourney bench usi: {} fairy-stockfish games at {} nodes...\n", u.games, u.nodes);
    }
    fmt::print("{}\n", bench::run_usi_bench(u).dump());
    return exit_ok;
  }
  bench::runtime_bench_options o;
  o.series = options.series;
  o.repetitions = options.repetitions;
  o.end_to_end_only = options.end_to_end_only;
  o.competing_writer = options.competing_writer;
  eprint("tourney bench runtime: the original's scenarios with instant games...\n");
  auto result = bench::run_runtime_bench(o);
  fmt::print("{}\n", result.dump());
  return exit_ok;
}

}  // namespace tourney::app
