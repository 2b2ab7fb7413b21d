#pragma once
// The floor of `tourney bench usi`: the simplest manager that could relay the
// same engine games. Per game slot one thread starts both engines, then per
// move writes `position ... moves ...` and `go ...` to the side to move and
// reads (blocking) lines until its `bestmove`. No legality check, no referee,
// no records, no clock: a game ends on `bestmove resign|win` or at max_plies.
// What it costs per ply is what any manager must spend to relay a move.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tourney::bench {

struct floor_relay_options {
  std::string engine;  // a path, or a name looked up in PATH and /usr/games
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> engine_options;  // setoption name/value
  std::string go = "go depth 1";
  int games = 20;
  int concurrency = 2;
  int max_plies = 300;
};

struct floor_relay_result {
  std::string error;  // empty when every game was relayed
  std::uint64_t games = 0;
  std::uint64_t plies = 0;
  double cpu_s = 0;  // this process's CPU time (all threads) while relaying
  double wall_s = 0;
};

/// Runs in the calling process: call it while no other work runs in it, so
/// that the CPU time is the floor's alone.
floor_relay_result run_floor_relay(const floor_relay_options& options);

}  // namespace tourney::bench
