#pragma once
// `tourney bench usi`: a batch of Fairy-Stockfish self-play games at a small
// fixed node count through the embedding API (USI engine pool, rules
// referee, real persistence), measuring the tourney process's own CPU time
// per ply: getrusage(RUSAGE_SELF), which excludes the engine processes.
// Returns one JSON object; keys other tools read: games, plies,
// manager_cpu_us_per_ply, wall_s (also manager_cpu_s, engine_cpu_s,
// plies_per_s, manager_system_cpu_us_per_ply (the kernel's part, as the
// kernel samples it per tick: indicative only),
// manager_context_switches_per_ply, reactor_cpu_us_per_ply (the engine
// reactor thread's share), nodes, depth, engine, concurrency,
// results); beside them, in the same run: floor_cpu_us_per_ply (the same
// games through the floor of floor_relay.hpp) and ratio_to_floor, and the
// relay latency (relay_latency.hpp) at concurrency 2 (relay_latency_us_p50,
// relay_latency_us_p99; the floor's: floor_relay_latency_us_p50|p99) and 8
// (the same keys suffixed _c8).
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace tourney::bench {

struct usi_bench_options {
  std::string engine = "fairy-stockfish";  // a name looked up in PATH and /usr/games, or a path
  int games = 20;
  std::uint64_t nodes = 1000;
  /// A fixed depth per move instead of nodes (0: nodes). Depth 1 is how the
  /// figures quoted for fastchess and cutechess were measured.
  int depth = 0;
  int concurrency = 2;
  int max_plies = 300;
  /// Scheduler threads of the runtime (0: CAF's default, one per core).
  std::size_t scheduler_threads = 0;
  /// Also relay the same games through the floor (floor_relay.hpp).
  bool floor = true;
  /// Games per concurrency (2 and 8) of the relay latency figure; 0: none.
  int relay_games = 16;
  int relay_max_plies = 100;
  /// The bench engine (bench/instant_engine); empty: looked up beside this program.
  std::string relay_engine;
  /// Where tournament folders go; empty: a fresh temporary directory (removed).
  std::string storage_dir;
};

nlohmann::json run_usi_bench(const usi_bench_options& options = {});

}  // namespace tourney::bench
