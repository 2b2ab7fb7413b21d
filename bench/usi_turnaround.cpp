// USI layer cost and engine turnaround: fairy-stockfish self-play through
// engine_session + child_process (session_runner's poll loop), at a small
// fixed node count. Prints the start-up time, go->bestmove latency and this
// process's own CPU time per ply (getrusage(RUSAGE_SELF): the engines'
// CPU is not included). No rules core: a game ends on resign/win or at the
// ply cap, and the moves are the engines' own.
//   usi_turnaround [games=4] [nodes=1000] [max_plies=160] [engine=fairy-stockfish [args...]]
// e.g. `usi_turnaround 4 1000 160 build/tests/fakes/fake_usi_engine --cycle`
// measures the layer against an engine that answers at once with one info line.
#include <fmt/core.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tourney/usi/session_runner.hpp"

using namespace tourney::usi;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

namespace {

struct cpu_times {
  double user = 0;
  double system = 0;
};

cpu_times cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

double ms_since(steady::time_point start) {
  return std::chrono::duration<double, std::milli>(steady::now() - start).count();
}

template <class Report>
bool wait_for(session_runner& runner, std::vector<session_action>* seen = nullptr) {
  auto reports = runner.run_until([](const session_action& a) {
    return std::holds_alternative<Report>(a) || std::holds_alternative<engine_fault>(a) ||
           std::holds_alternative<engine_exited>(a);
  });
  for (const auto& report : reports) {
    if (const auto* fault = std::get_if<engine_fault>(&report)) {
      std::fprintf(stderr, "fault: %s\n", fault->message.c_str());
    }
  }
  if (seen != nullptr) {
    *seen = reports;
  }
  return !reports.empty() && std::holds_alternative<Report>(reports.back());
}

}  // namespace

int main(int argc, char** argv) {
  int games = argc > 1 ? std::atoi(argv[1]) : 4;
  std::uint64_t nodes = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000;
  int max_plies = argc > 3 ? std::atoi(argv[3]) : 160;
  std::string engine = argc > 4 ? argv[4] : "fairy-stockfish";
  std::vector<std::string> engine_args(argv + std::min(argc, 5), argv + argc);

  session_config config;
  config.command = engine;
  config.options = {{"USI_Hash", "16"}, {"Threads", "1"}};
  config.profile.quit_timeout = 2000ms;
  std::vector<session_runner> players;
  std::vector<double> startup_ms;
  for (const char* name : {"black", "white"}) {
    config.name = name;
    auto start = steady::now();
    auto runner = session_runner::launch(config, {engine, engine_args, {}, {}, {}});
    if (!runner) {
      std::fprintf(stderr, "%s\n", runner.error().message.c_str());
      return 1;
    }
    if (!wait_for<engine_ready>(*runner)) {
      return 1;
    }
    startup_ms.push_back(ms_since(start));
    players.push_back(std::move(*runner));
  }

  const std::vector<std::string> openings{"7g7f", "2g2f", "5g5f", "1g1f", "9g9f", "3g3f"};
  tourney::players::search_limits limits;
  limits.nodes = nodes;
  std::vector<double> latencies;
  std::vector<double> newgame_ms;
  long plies = 0;
  auto wall_start = steady::now();
  auto cpu_start = cpu_seconds();
  for (int game = 0; game < games; ++game) {
    for (auto& player : players) {
      auto start = steady::now();
      if (!player.execute(player.session().new_game()) || !wait_for<engine_ready>(player)) {
        return 1;
      }
      newgame_ms.push_back(ms_since(start));
    }
    std::vector<std::string> moves{openings[static_cast<std::size_t>(game) % openings.size()]};
    while (static_cast<int>(moves.size()) < max_plies) {
      auto& player = players[moves.size() % 2];
      auto start = steady::now();
      std::vector<session_action> seen;
      if (!player.execute(player.session().go("", moves, limits, 5000ms)) ||
          !wait_for<engine_decided>(player, &seen)) {
        return 1;
      }
      latencies.push_back(ms_since(start));
      const auto& decision = std::get<engine_decided>(seen.back()).decision;
      ++plies;
      if (decision.what != bestmove_line::kind::move) {
        break;
      }
      moves.push_back(decision.move);
    }
  }
  auto cpu_end = cpu_seconds();
  auto user = cpu_end.user - cpu_start.user;
  auto system = cpu_end.system - cpu_start.system;
  auto cpu = user + system;
  auto wall = std::chrono::duration<double>(steady::now() - wall_start).count();
  for (auto& player : players) {
    player.shutdown();
  }
  std::sort(latencies.begin(), latencies.end());
  auto median = latencies.empty() ? 0.0 : latencies[latencies.size() / 2];
  auto p99 = latencies.empty() ? 0.0 : latencies[latencies.size() * 99 / 100];
  std::printf("%s: startup (spawn -> readyok) %.1f / %.1f ms; usinewgame+isready median %.2f ms\n",
              engine.c_str(), startup_ms[0], startup_ms[1],
              newgame_ms.empty() ? 0.0 : newgame_ms[newgame_ms.size() / 2]);
  std::printf("go nodes %llu -> bestmove: median %.2f ms, p99 %.2f ms over %ld plies\n",
              static_cast<unsigned long long>(nodes), median, p99, plies);
  std::printf("manager CPU per ply: %.1f us user + %.1f us system\n",
              user * 1e6 / static_cast<double>(std::max(plies, 1L)),
              system * 1e6 / static_cast<double>(std::max(plies, 1L)));
  std::printf(
      "%s\n",
      fmt::format(
          "{{\"games\": {}, \"plies\": {}, \"manager_cpu_us_per_ply\": {:.1f}, \"wall_s\": {:.3f}, "
          "\"nodes\": {}, \"median_go_ms\": {:.3f}}}",
          games, plies, plies > 0 ? cpu * 1e6 / static_cast<double>(plies) : 0.0, wall, nodes,
          median)
          .c_str());
  return 0;
}
