#include "tourney/bench/usi_bench.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>

#include "tourney/runtime.hpp"
#include "tourney/spec/player_helpers.hpp"

namespace tourney::bench {

namespace {

double cpu_seconds(int who) {
  rusage usage{};
  ::getrusage(who, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// This process's kernel (system) CPU time: wake-ups and I/O live there.
double system_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_stime.tv_sec) + static_cast<double>(usage.ru_stime.tv_usec) / 1e6;
}

// Voluntary + involuntary context switches of this process (all its threads):
// each thread hop of the runtime (a wake-up through a futex, an eventfd, the
// actor clock) costs one, so per ply it counts the hops.
long context_switches() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_nvcsw + usage.ru_nivcsw;
}

spec::player_spec engine_player(const usi_bench_options& o, std::string name) {
  auto p = spec::usi_engine(std::move(name), o.engine);
  p.as_usi()->engine.options = {{"Threads", "1"}, {"Hash", "16"}};
  if (o.depth == 0) {
    p.as_usi()->nodes = o.nodes;
  }
  return p;
}

// CPU time of this process's threads with that name (/proc/self/task/*/
// schedstat: nanoseconds on a CPU).
double thread_cpu_seconds(const std::string& name) {
  namespace fs = std::filesystem;
  double total = 0;
  std::error_code ec;
  for (const auto& task : fs::directory_iterator("/proc/self/task", ec)) {
    std::ifstream comm(task.path() / "comm");
    std::string comm_name;
    std::getline(comm, comm_name);
    if (comm_name != name) {
      continue;
    }
    std::ifstream stat(task.path() / "schedstat");
    std::uint64_t ns = 0;
    stat >> ns;
    total += static_cast<double>(ns) / 1e9;
  }
  return total;
}

}  // namespace

nlohmann::json run_usi_bench(const usi_bench_options& o) {
  namespace fs = std::filesystem;
  std::string root = o.storage_dir;
  const bool temporary = root.empty();
  if (temporary) {
    std::string tmpl = (fs::temp_directory_path() / "tourney-usi-bench-XXXXXX").string();
    root = ::mkdtemp(tmpl.data()) ? tmpl : std::string(".");
  }
  nlohmann::json out;
  {
    spec::tournament_spec s;
    s.name = "usi-bench";
    s.games_per_pairing = o.games;
    s.players = {engine_player(o, "a"), engine_player(o, "b")};
    s.concurrency = o.concurrency;
    s.adjudication.max_plies = o.max_plies;
    s.clock.clockless_move_budget = std::chrono::milliseconds(5000);
    if (o.depth > 0) {
      s.clock.depth = o.depth;
    }
    runtime_options ro;
    ro.storage_dir = root;
    ro.game_slots = static_cast<std::size_t>(o.concurrency);
    ro.scheduler_threads = o.scheduler_threads;
    auto owned = std::make_unique<runtime>(ro);
    auto& r = *owned;
    const double self0 = cpu_seconds(RUSAGE_SELF);
    const double children0 = cpu_seconds(RUSAGE_CHILDREN);
    const long switches0 = context_switches();
    const double system0 = system_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    auto id = r.start(s);
    if (!id) {
      out["error"] = id.error().message;
      return out;
    }
    auto final = r.wait(*id, std::chrono::hours(1));
    // Before shutdown, while every thread still runs: the reactor's share.
    const double reactor_cpu = thread_cpu_seconds("tourney.usi");
    r.shutdown();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double self1 = cpu_seconds(RUSAGE_SELF);
    const long switches1 = context_switches();
    const double system1 = system_seconds();
    // Engine processes are reaped when their pool's state goes, with the
    // runtime's actor system: only then do they count as children's time.
    owned.reset();
    const double children1 = cpu_seconds(RUSAGE_CHILDREN);
    std::uint64_t plies = 0;
    std::uint64_t games = 0;
    nlohmann::json results = nlohmann::json::object();
    if (final) {
      std::ifstream in(final->folder + "/games.jsonl");
      std::string line;
      while (std::getline(in, line)) {
        auto g = nlohmann::json::parse(line, nullptr, false);
        if (g.is_discarded()) {
          continue;
        }
        ++games;
        plies += g.value("plies", 0);
        auto key = g.value("result", std::string("?")) + "/" + g.value("reason", std::string("?"));
        results[key] = results.value(key, 0) + 1;
      }
      out["status"] = std::string(rt::to_string(final->status));
      if (!final->error_message.empty()) {
        out["error"] = final->error_message;
      }
    } else {
      out["error"] = "the tournament did not finish";
    }
    const double manager = self1 - self0;
    out["engine"] = o.engine;
    if (o.depth > 0) {
      out["depth"] = o.depth;
    } else {
      out["nodes"] = o.nodes;
    }
    out["concurrency"] = o.concurrency;
    out["scheduler_threads"] = o.scheduler_threads;
    out["games"] = games;
    out["plies"] = plies;
    out["wall_s"] = wall;
    out["manager_cpu_s"] = manager;
    out["engine_cpu_s"] = children1 - children0;
    out["manager_cpu_us_per_ply"] = plies > 0 ? manager * 1e6 / static_cast<double>(plies) : 0.0;
    // The engine reactor thread reads the engines, plays each ply and asks
    // the next engine: the part of the figure that is per ply by design.
    out["reactor_cpu_us_per_ply"] = plies > 0 ? reactor_cpu * 1e6 / static_cast<double>(plies) : 0.0;
    out["manager_system_cpu_us_per_ply"] =
        plies > 0 ? (system1 - system0) * 1e6 / static_cast<double>(plies) : 0.0;
    out["manager_context_switches_per_ply"] =
        plies > 0 ? static_cast<double>(switches1 - switches0) / static_cast<double>(plies) : 0.0;
    out["plies_per_s"] = wall > 0 ? static_cast<double>(plies) / wall : 0.0;
    out["results"] = results;
  }
  if (temporary) {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  return out;
}

}  // namespace tourney::bench
