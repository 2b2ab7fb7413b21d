// Several `tourney` processes on loopback, as an operator runs them: three
// `tourney worker` nodes and a `tourney run --workers ... --local-slots 0`
// coordinator. One worker is killed with SIGKILL and another frozen with
// SIGSTOP while they play; the tournament still ends with exactly the
// planned games. Everything is driven by the processes' output lines, with a
// deadline (no sleeps).
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "tourney/net/peer_guard.hpp"
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

// A field of /proc/<pid>/status in MiB (VmRSS, VmHWM: kB there).
long status_mib(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) {
      return std::stol(line.substr(field.size() + 1)) / 1024;
    }
  }
  return -1;
}

// A raw TCP connection to 127.0.0.1:port that first sends `bytes`.
int raw_peer(std::uint16_t port, const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  BOOST_REQUIRE(fd >= 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  BOOST_REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof(to)) == 0);
  if (!bytes.empty()) {
    BOOST_REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
  }
  return fd;
}

struct raw_connection {
  int fd = -1;
  std::string kind;
  std::chrono::steady_clock::time_point opened;
  std::chrono::steady_clock::time_point closed{};
};

// Reads (and drops) what the worker sends until each connection is closed
// by the worker or the deadline passes; false on the deadline.
bool wait_closed(std::vector<raw_connection>& peers, std::chrono::milliseconds budget) {
  const auto deadline = std::chrono::steady_clock::now() + budget;
  for (;;) {
    std::vector<pollfd> fds;
    std::vector<raw_connection*> open;
    for (auto& p : peers) {
      if (p.closed == std::chrono::steady_clock::time_point{}) {
        fds.push_back({p.fd, POLLIN, 0});
        open.push_back(&p);
      }
    }
    if (open.empty()) {
      return true;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return false;
    }
    ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents == 0) {
        continue;
      }
      char buffer[4096];
      const auto n = ::recv(open[i]->fd, buffer, sizeof(buffer), 0);
      if (n <= 0) {
        open[i]->closed = std::chrono::steady_clock::now();
      }
    }
  }
}

std::size_t count_lines(const std::string& text, const std::string& a, const std::string& b) {
  std::size_t n = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    const auto line = text.substr(start, end - start);
    n += line.find(a) != std::string::npos && line.find(b) != std::string::npos ? 1 : 0;
    start = end + 1;
  }
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(remote_worker_process)

// The red team's attack: one 32-byte BASP header announcing a 4 GB payload
// made a plaintext worker allocate 4 GB per connection, and connections that
// never handshook stayed open for ever, unlogged.
BOOST_AUTO_TEST_CASE(hostile_and_silent_peers_cost_bounded_memory_are_logged_and_closed) {
  using tourney::net::basp_header;
  using tourney::net::encode_basp_header;
  tourney::test::temp_dir dir;
  auto worker = launch(dir, {"worker", "--listen", "127.0.0.1:0", "--handshake-timeout", "1", "--storage", "w"},
                       "worker");
  const auto address = listening_address(worker);
  const auto port = static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
  const auto idle_mib = status_mib(worker.process.pid(), "VmRSS");
  BOOST_TEST_MESSAGE("worker RSS when idle: " << idle_mib << " MiB");
  basp_header four_gb;
  four_gb.operation = 2;  // direct_message
  four_gb.payload_len = 0xffffffffu;
  four_gb.dest_actor = 1;
  basp_header big_handshake;
  big_handshake.operation = 1;  // client_handshake
  big_handshake.payload_len = 0xffffffffu;
  basp_header empty_handshake;  // CAF 0.17.6 reads the missing payload: SIGSEGV before the relay
  empty_handshake.operation = 1;
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"4gb", encode_basp_header(four_gb)},
      {"empty-handshake", encode_basp_header(empty_handshake)},
      {"big-handshake", encode_basp_header(big_handshake)},
      {"silent", ""},
      {"partial", encode_basp_header(big_handshake).substr(0, 16)},
  };
  const std::map<std::string, int> how_many = {{"4gb", 25}, {"empty-handshake", 5}, {"big-handshake", 10}, {"silent", 15}, {"partial", 5}};
  std::vector<raw_connection> peers;
  for (const auto& [kind, bytes] : kinds) {
    for (int i = 0; i < how_many.at(kind); ++i) {
      peers.push_back({raw_peer(port, bytes), kind, std::chrono::steady_clock::now()});
    }
  }
  const bool all_closed = wait_closed(peers, 20s);
  const auto rss_mib = status_mib(worker.process.pid(), "VmRSS");
  const auto peak_mib = status_mib(worker.process.pid(), "VmHWM");
  BOOST_TEST_MESSAGE("worker RSS after " << peers.size() << " hostile peers: " << rss_mib << " MiB, peak " << peak_mib
                                         << " MiB");
  BOOST_TEST(all_closed);
  for (auto& p : peers) {
    const auto after = std::chrono::duration_cast<std::chrono::milliseconds>(p.closed - p.opened);
    if (p.kind == "silent" || p.kind == "partial") {
      // Closed at the handshake deadline, not before.
      BOOST_TEST(after.count() >= 900, p.kind << " closed after " << after.count() << " ms");
    } else {
      BOOST_TEST(after.count() < 900, p.kind << " closed after " << after.count() << " ms");
    }
    ::close(p.fd);
  }
  // Before the relay: 4 GB per hostile peer. Now each costs a few kilobytes.
  BOOST_TEST(peak_mib < idle_mib + 64);
  // The worker said whom it refused and why (written before each close).
  const auto log = file_text(dir.path() + "/worker.stderr.log");
  BOOST_TEST(count_lines(log, "refused peer 127.0.0.1:", "a direct_message before the handshake") == 25u, log);
  BOOST_TEST(count_lines(log, "refused peer 127.0.0.1:", "a malformed client_handshake header") == 5u, log);
  BOOST_TEST(count_lines(log, "refused peer 127.0.0.1:", "4294967295 bytes, over the limit") == 10u, log);
  BOOST_TEST(count_lines(log, "refused peer 127.0.0.1:", "no BASP client handshake within 1000 ms (0 byte") == 15u);
  BOOST_TEST(count_lines(log, "refused peer 127.0.0.1:", "no BASP client handshake within 1000 ms (16 byte") == 5u);
  // And it still plays for a real coordinator.
  std::ofstream(dir.path() + "/config.json") << nlohmann::json{
      {"name", "after"},
      {"players", {{{"name", "ab"}, {"builtin", "alphabeta"}, {"depth", 1}}, {{"name", "heur"}, {"builtin", "heuristic"}}}},
      {"games_per_pairing", 2},
      {"adjudication", {{"max_plies", 60}}},
      {"storage", "results"}}
                                                   .dump();
  auto coordinator = launch(dir, {"run", "config.json", "--workers", address, "--local-slots", "0", "--progress", "none"},
                            "coordinator");
  const bool finished = pump({&coordinator, &worker}, [](std::size_t, const std::string&) {},
                             [&] { return coordinator.process.reaped(); }, 120s);
  BOOST_REQUIRE_MESSAGE(finished, "the coordinator did not finish: " + file_text(dir.path() + "/coordinator.stderr.log"));
  auto status = coordinator.process.try_wait();
  BOOST_REQUIRE(status);
  BOOST_TEST(status->code == 0, file_text(dir.path() + "/coordinator.stderr.log"));
  worker.process.send_signal(SIGTERM);
  BOOST_TEST(pump({&worker}, [](std::size_t, const std::string&) {}, [&] { return worker.process.reaped(); }, 30s));
}

BOOST_AUTO_TEST_CASE(plaintext_beyond_loopback_needs_an_explicit_flag) {
  tourney::test::temp_dir dir;
  auto refused = launch(dir, {"worker", "--listen", "0.0.0.0:0", "--storage", "w"}, "refused");
  BOOST_REQUIRE(pump({&refused}, [](std::size_t, const std::string&) {}, [&] { return refused.process.reaped(); }, 30s));
  auto status = refused.process.try_wait();
  BOOST_REQUIRE(status);
  BOOST_TEST(status->code == 2);
  const auto why = file_text(dir.path() + "/refused.stderr.log");
  BOOST_TEST(why.find("--insecure-plaintext") != std::string::npos, why);
  BOOST_TEST(why.find("TLS") != std::string::npos, why);
  // (Not started with --insecure-plaintext here: the tests open no port
  // beyond loopback.)
}

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
