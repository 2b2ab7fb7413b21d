// Several `tourney` processes on loopback, as an operator runs them: three
// `tourney worker` nodes and a `tourney run --workers ... --local-slots 0`
// coordinator. One worker is killed with SIGKILL and another frozen with
// SIGSTOP while they play; the tournament still ends with exactly the
// planned games. Everything is driven by the processes' output lines, with a
// deadline (no sleeps).
#include <boost/test/unit_test.hpp>

#include <poll.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "tourney/usi/child_process.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using tourney::usi::child_process;

namespace {

struct running {
  child_process process;
  std::vector<std::string> lines;
};

running launch(const tourney::test::temp_dir& dir, std::vector<std::string> args, const std::string& name) {
  tourney::usi::spawn_options o;
  o.command = TOURNEY_APP_PATH;
  o.args = std::move(args);
  o.working_dir = dir.path();
  o.stderr_log = dir.path() + "/" + name + ".stderr.log";
  auto p = child_process::spawn(o);
  BOOST_REQUIRE_MESSAGE(static_cast<bool>(p), (p ? "" : p.error().message));
  return running{std::move(*p), {}};
}

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Reads lines from the processes until `done` holds or the deadline passes;
// `on_line(i, line)` sees each new line of process i.
bool pump(std::vector<running*> procs, const std::function<void(std::size_t, const std::string&)>& on_line,
          const std::function<bool()>& done, std::chrono::milliseconds budget) {
  const auto deadline = std::chrono::steady_clock::now() + budget;
  while (!done()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return false;
    }
    std::vector<pollfd> fds;
    for (auto* p : procs) {
      fds.push_back({p->process.at_eof() ? -1 : p->process.fd(), POLLIN, 0});
      fds.push_back({p->process.reaped() ? -1 : p->process.exit_fd(), POLLIN, 0});
    }
    ::poll(fds.data(), fds.size(), static_cast<int>(std::min<long>(left.count(), 1000)));
    for (std::size_t i = 0; i < procs.size(); ++i) {
      for (auto& line : procs[i]->process.read_available()) {
        procs[i]->lines.push_back(line);
        on_line(i, line);
      }
      if (fds[2 * i + 1].revents != 0) {
        // Drain what it printed before it exited, then reap it.
        for (auto& line : procs[i]->process.read_available()) {
          procs[i]->lines.push_back(line);
          on_line(i, line);
        }
        (void)procs[i]->process.try_wait();
      }
    }
  }
  return true;
}

std::string listening_address(running& w) {
  std::string address;
  const bool ok = pump(
      {&w},
      [&](std::size_t, const std::string& line) {
        if (line.rfind("listening on ", 0) == 0) {
          address = line.substr(13);
        }
      },
      [&] { return !address.empty() || w.process.reaped(); }, 30s);
  BOOST_REQUIRE_MESSAGE(ok && !address.empty(), "the worker did not say where it listens");
  return address;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(remote_worker_process)

BOOST_AUTO_TEST_CASE(a_killed_and_a_frozen_worker_do_not_lose_or_double_count_a_game) {
  tourney::test::temp_dir dir;
  std::vector<running> workers;
  std::vector<std::string> addresses;
  for (int i = 0; i < 3; ++i) {
    workers.push_back(launch(dir, {"--log-level", "info", "worker", "--listen", "127.0.0.1:0", "--slots", "1",
                                   "--storage", "w" + std::to_string(i)},
                             "worker" + std::to_string(i)));
  }
  for (auto& w : workers) {
    addresses.push_back(listening_address(w));
  }
  const int games = 12;
  std::ofstream(dir.path() + "/config.json") << nlohmann::json{
      {"name", "spread"},
      {"seed", 3},
      {"players", {{{"name", "ab2"}, {"builtin", "alphabeta"}, {"depth", 2}}, {{"name", "heur"}, {"builtin", "heuristic"}}}},
      {"games_per_pairing", games},
      {"adjudication", {{"max_plies", 160}}},
      {"storage", "results"}}
                                                   .dump();
  auto coordinator = launch(dir,
                            {"run", "config.json", "--workers", addresses[0] + "," + addresses[1] + "," + addresses[2],
                             "--local-slots", "0", "--progress", "json"},
                            "coordinator");
  bool killed = false;
  bool frozen = false;
  std::vector<running*> all{&coordinator, &workers[0], &workers[1], &workers[2]};
  const bool finished = pump(
      all,
      [&](std::size_t i, const std::string& line) {
        if (line.find("started") == std::string::npos) {
          return;
        }
        if (i == 1 && !killed) {
          killed = true;
          workers[0].process.send_signal(SIGKILL);
        } else if (i == 2 && !frozen) {
          frozen = true;
          workers[1].process.send_signal(SIGSTOP);
        }
      },
      [&] { return coordinator.process.reaped(); }, 180s);
  workers[1].process.send_signal(SIGCONT);
  BOOST_REQUIRE_MESSAGE(finished, "the coordinator did not finish: " + file_text(dir.path() + "/coordinator.stderr.log"));
  BOOST_TEST(killed);
  BOOST_TEST(frozen);
  auto status = coordinator.process.try_wait();
  BOOST_REQUIRE(status);
  BOOST_TEST(!status->signalled);
  BOOST_TEST_MESSAGE(file_text(dir.path() + "/coordinator.stderr.log"));
  BOOST_TEST(status->code == 0);
  // The folder is the coordinator's last line.
  BOOST_REQUIRE(!coordinator.lines.empty());
  const fs::path folder = fs::path(dir.path()) / coordinator.lines.back();
  std::ifstream in(folder / "games.jsonl");
  std::string line;
  std::set<std::uint64_t> indices;
  std::map<std::string, int> per_node;
  int lines = 0;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    ++lines;
    indices.insert(j["index"].get<std::uint64_t>());
    per_node[j.value("node", std::string())] += 1;
    BOOST_TEST(j["result"].get<std::string>() != "error");
  }
  BOOST_TEST(lines == games);
  BOOST_TEST(indices.size() == static_cast<std::size_t>(games));
  BOOST_TEST(per_node.count("") == 0u);  // every game on a worker
  BOOST_TEST(per_node[addresses[2]] > 0);
  auto t = nlohmann::json::parse(file_text((folder / "tournament.json").string()));
  BOOST_TEST(t["status"].get<std::string>() == "completed");
  BOOST_TEST(t["completed_games"].get<int>() == games);
}

BOOST_AUTO_TEST_SUITE_END()
