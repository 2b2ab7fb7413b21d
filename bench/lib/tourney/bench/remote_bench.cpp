#include "tourney/bench/remote_bench.hpp"

#include <poll.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>

#include <fmt/format.h>

#include "tourney/runtime.hpp"
#include "tourney/spec/player_helpers.hpp"
#include "tourney/spec/json.hpp"
#include "tourney/usi/child_process.hpp"

namespace tourney::bench {

namespace {

using steady = std::chrono::steady_clock;

spec::tournament_spec short_games(const remote_bench_options& o) {
  spec::tournament_spec s;
  s.name = "remote-bench";
  s.games_per_pairing = o.games;
  // A searching player keeps each game busy for a few milliseconds of CPU,
  // so the table shows how games spread over cores, not the journal's fsync.
  s.players = {spec::builtin("alphabeta", 2), spec::builtin("heuristic")};
  s.adjudication.max_plies = o.max_plies;
  return s;
}

// Wall seconds to play the spec with these options, or an error text.
expected<double> play(const spec::tournament_spec& s, runtime_options ro) {
  runtime r(ro);
  const auto t0 = steady::now();
  auto id = r.start(s, s.name, 0);
  if (!id) {
    return tl::unexpected(id.error());
  }
  auto final = r.wait(*id, std::chrono::minutes(30));
  const double wall = std::chrono::duration<double>(steady::now() - t0).count();
  r.shutdown();
  if (!final || final->status != tournament_status::completed) {
    return fail("the benchmark tournament did not complete: " + (final ? final->error_message : "timeout"));
  }
  return wall;
}

// Starts a worker process and returns it with its address.
expected<std::pair<usi::child_process, std::string>> start_worker(const remote_bench_options& o,
                                                                  const std::string& dir, int n) {
  usi::spawn_options so;
  so.command = o.tourney_path;
  so.args = {"worker", "--listen", "127.0.0.1:0", "--slots", std::to_string(o.slots_per_worker), "--storage",
             dir + "/worker" + std::to_string(n)};
  so.stderr_log = dir + "/worker" + std::to_string(n) + ".stderr.log";
  auto spawned = usi::child_process::spawn(so);
  if (!spawned) {
    return tl::unexpected(spawned.error());
  }
  auto p = std::move(*spawned);
  const auto deadline = steady::now() + std::chrono::seconds(30);
  while (steady::now() < deadline && !p.at_eof()) {
    pollfd fd{p.fd(), POLLIN, 0};
    ::poll(&fd, 1, 1000);
    for (const auto& line : p.read_available()) {
      if (line.rfind("listening on ", 0) == 0) {
        auto address = line.substr(13);
        return std::make_pair(std::move(p), std::move(address));
      }
    }
  }
  return fail("worker " + std::to_string(n) + " did not start (see " + so.stderr_log + ")");
}

}  // namespace

nlohmann::json run_remote_bench(const remote_bench_options& o) {
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "tourney-remote-bench-XXXXXX").string();
  const std::string dir = ::mkdtemp(tmpl.data()) ? tmpl : std::string(".");
  nlohmann::json out;
  out["games"] = o.games;
  out["max_plies"] = o.max_plies;
  out["slots_per_worker"] = o.slots_per_worker;
  out["rows"] = nlohmann::json::array();
  const auto s = short_games(o);
  for (int n : o.worker_counts) {
    const auto slots = static_cast<std::size_t>(n) * o.slots_per_worker;
    runtime_options local;
    local.storage_dir = dir + "/local";
    local.game_slots = slots;
    auto local_wall = play(s, local);
    std::vector<usi::child_process> workers;
    runtime_options remote;
    remote.storage_dir = dir + "/remote";
    remote.local_games = false;
    for (int i = 0; i < n; ++i) {
      auto w = start_worker(o, dir, i);
      if (!w) {
        out["error"] = w.error().message;
        break;
      }
      remote.workers.push_back(w->second);
      workers.push_back(std::move(w->first));
    }
    if (out.contains("error")) {
      break;
    }
    auto remote_wall = play(s, remote);
    for (auto& w : workers) {
      w.terminate();
    }
    if (!local_wall || !remote_wall) {
      out["error"] = !local_wall ? local_wall.error().message : remote_wall.error().message;
      break;
    }
    const double games = static_cast<double>(s.games_per_pairing);
    nlohmann::json row;
    row["workers"] = n;
    row["slots"] = slots;
    row["wall_s"] = *remote_wall;
    row["games_per_s"] = games / *remote_wall;
    row["local_wall_s"] = *local_wall;
    row["local_games_per_s"] = games / *local_wall;
    // Extra wall time per game and slot that the hop adds.
    row["hop_ms_per_game"] = (*remote_wall - *local_wall) * 1000.0 * static_cast<double>(slots) / games;
    out["rows"].push_back(row);
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return out;
}

std::string remote_bench_table(const nlohmann::json& result) {
  std::string text = fmt::format("{} games (alphabeta depth 2 vs heuristic, max {} plies), {} slot(s) per worker\n",
                                 result.value("games", 0), result.value("max_plies", 0),
                                 result.value("slots_per_worker", 0));
  text += "workers | games/s remote | games/s local (same slots) | hop ms/game\n";
  for (const auto& r : result["rows"]) {
    text += fmt::format("{:>7} | {:>14.1f} | {:>26.1f} | {:>11.2f}\n", r["workers"].get<int>(),
                        r["games_per_s"].get<double>(), r["local_games_per_s"].get<double>(),
                        r["hop_ms_per_game"].get<double>());
  }
  return text;
}

}  // namespace tourney::bench
