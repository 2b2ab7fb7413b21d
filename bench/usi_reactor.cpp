// The USI layer the way the runtime will run it: engine I/O on an
// engine_reactor thread, the engine_sessions on another thread (standing in
// for the USI player actors) fed through a queue, timers on the steady clock.
// fairy-stockfish self-play at a small fixed node count; prints this
// process's CPU time per ply (both threads; the engines' CPU excluded).
//   usi_reactor [games=4] [nodes=1000] [max_plies=160] [engine=fairy-stockfish [args...]]
#include <fmt/core.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tourney/usi/engine_reactor.hpp"
#include "tourney/usi/engine_session.hpp"

using namespace tourney::usi;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

namespace {

double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);  // all threads of this process
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

class inbox {
 public:
  void push(reactor_event event) {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(std::move(event));
    ready_.notify_one();
  }
  std::optional<reactor_event> pop(steady::time_point deadline) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!ready_.wait_until(lock, deadline, [&] { return !events_.empty(); })) {
      return std::nullopt;
    }
    auto event = std::move(events_.front());
    events_.pop_front();
    return event;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<reactor_event> events_;
};

/// One engine as its actor would hold it.
struct player {
  engine_id id = 0;
  engine_session session;
  std::optional<std::pair<timer_id, steady::time_point>> timer;
  std::vector<session_action> reports;
};

void carry_out(engine_reactor& reactor, player& p, const session_actions& actions) {
  std::vector<std::string> lines;
  for (const auto& action : actions) {
    if (const auto* line = std::get_if<send_line>(&action)) {
      lines.push_back(line->line);
    } else if (const auto* arm = std::get_if<arm_timer>(&action)) {
      p.timer = std::make_pair(arm->id, steady::now() + arm->after);
    } else if (const auto* sig = std::get_if<signal_process>(&action)) {
      reactor.signal(p.id, sig->signal);
    } else {
      p.reports.push_back(action);
    }
  }
  if (!lines.empty()) {
    reactor.write(p.id, std::move(lines));
  }
}

void deliver(engine_reactor& reactor, player& p, const reactor_event& event) {
  switch (event.what) {
    case reactor_event::kind::lines:
      for (const auto& line : event.lines) {
        carry_out(reactor, p, p.session.on_line(line));
      }
      break;
    case reactor_event::kind::eof:
    case reactor_event::kind::input_closed:
      carry_out(reactor, p, p.session.on_eof());
      break;
    case reactor_event::kind::exited:
      carry_out(reactor, p, p.session.on_exit(*event.status));
      break;
    default:
      break;
  }
}

/// Runs events into the players until `p` has a Report (returned); nullopt on a fault.
template <class Report>
std::optional<Report> await(engine_reactor& reactor, inbox& box, std::vector<player>& players,
                            player& p) {
  while (true) {
    for (auto& report : p.reports) {
      if (const auto* fault = std::get_if<engine_fault>(&report)) {
        std::fprintf(stderr, "fault: %s\n", fault->message.c_str());
        return std::nullopt;
      }
      if (const auto* wanted = std::get_if<Report>(&report)) {
        auto result = *wanted;
        p.reports.clear();
        return result;
      }
    }
    auto deadline = p.timer ? p.timer->second : steady::now() + 60s;
    auto event = box.pop(deadline);
    if (!event) {
      if (p.timer) {
        auto id = p.timer->first;
        p.timer.reset();
        carry_out(reactor, p, p.session.on_timer(id));
      }
      continue;
    }
    for (auto& other : players) {
      if (other.id == event->id) {
        deliver(reactor, other, *event);
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  int games = argc > 1 ? std::atoi(argv[1]) : 4;
  std::uint64_t nodes = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000;
  int max_plies = argc > 3 ? std::atoi(argv[3]) : 160;
  std::string engine = argc > 4 ? argv[4] : "fairy-stockfish";
  std::vector<std::string> engine_args(argv + std::min(argc, 5), argv + argc);

  inbox box;
  auto started = engine_reactor::start([&box](reactor_event e) { box.push(std::move(e)); });
  if (!started) {
    std::fprintf(stderr, "%s\n", started.error().message.c_str());
    return 1;
  }
  auto& reactor = **started;
  std::vector<player> players;
  for (const char* name : {"black", "white"}) {
    session_config config;
    config.name = name;
    config.command = engine;
    config.options = {{"USI_Hash", "16"}, {"Threads", "1"}};
    auto id = reactor.spawn({engine, engine_args, {}, {}, {}});
    players.push_back(player{id, engine_session(config), std::nullopt, {}});
  }
  for (auto& p : players) {
    carry_out(reactor, p, *p.session.start());
  }
  for (auto& p : players) {
    if (!await<engine_ready>(reactor, box, players, p)) {
      return 1;
    }
  }

  const std::vector<std::string> openings{"7g7f", "2g2f", "5g5f", "1g1f", "9g9f", "3g3f"};
  tourney::players::search_limits limits;
  limits.nodes = nodes;
  long plies = 0;
  auto wall_start = steady::now();
  auto cpu_start = cpu_seconds();
  for (int game = 0; game < games; ++game) {
    for (auto& p : players) {
      carry_out(reactor, p, *p.session.new_game());
      if (!await<engine_ready>(reactor, box, players, p)) {
        return 1;
      }
    }
    std::vector<std::string> moves{openings[static_cast<std::size_t>(game) % openings.size()]};
    while (static_cast<int>(moves.size()) < max_plies) {
      auto& p = players[moves.size() % 2];
      carry_out(reactor, p, *p.session.go("", moves, limits, 5000ms));
      auto decided = await<engine_decided>(reactor, box, players, p);
      if (!decided) {
        return 1;
      }
      ++plies;
      if (decided->decision.what != bestmove_line::kind::move) {
        break;
      }
      moves.push_back(decided->decision.move);
    }
  }
  auto cpu = cpu_seconds() - cpu_start;
  auto wall = std::chrono::duration<double>(steady::now() - wall_start).count();
  for (auto& p : players) {
    carry_out(reactor, p, p.session.shutdown());
    await<engine_exited>(reactor, box, players, p);
  }
  reactor.stop();
  std::printf("%s\n",
              fmt::format("{{\"games\": {}, \"plies\": {}, \"manager_cpu_us_per_ply\": {:.1f}, "
                          "\"wall_s\": {:.3f}, \"nodes\": {}}}",
                          games, plies, plies > 0 ? cpu * 1e6 / static_cast<double>(plies) : 0.0,
                          wall, nodes)
                  .c_str());
  return 0;
}
