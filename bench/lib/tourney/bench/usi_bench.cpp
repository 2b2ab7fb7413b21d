#include "tourney/bench/usi_bench.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>

#include "tourney/bench/floor_relay.hpp"
#include "tourney/bench/relay_latency.hpp"
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


std::string fresh_directory(const std::string& root, const std::string& name) {
  std::string tmpl = root + "/" + name + "-XXXXXX";
  return ::mkdtemp(tmpl.data()) ? tmpl : std::string();
}

// Games between two bench engines (instant random legal moves) through the
// runtime, each engine stamping into `stamps`; an error message or "".
std::string relay_through_runtime(const usi_bench_options& o, const std::string& engine, const std::string& stamps,
                                  int concurrency, const std::string& storage) {
  spec::tournament_spec s;
  s.name = "relay-bench";
  s.games_per_pairing = o.relay_games;
  for (const char* name : {"a", "b"}) {
    auto p = spec::usi_engine(name, engine);
    p.as_usi()->engine.args = {"--stamps", stamps};
    s.players.push_back(std::move(p));
  }
  s.concurrency = concurrency;
  s.adjudication.max_plies = o.relay_max_plies;
  s.clock.clockless_move_budget = std::chrono::milliseconds(5000);
  runtime_options ro;
  ro.storage_dir = storage;
  ro.game_slots = static_cast<std::size_t>(concurrency);
  ro.scheduler_threads = o.scheduler_threads;
  runtime r(ro);
  auto id = r.start(s);
  if (!id) {
    return id.error().message;
  }
  auto final = r.wait(*id, std::chrono::hours(1));
  if (!final) {
    return "the relay tournament did not finish";
  }
  return final->error_message;
}

// The relay latency figures at `concurrency` through the runtime and through
// the floor, into `out` (keys suffixed "" at concurrency 2, "_c<N>" else).
void measure_relay_latency(const usi_bench_options& o, const std::string& engine, const std::string& root,
                           int concurrency, nlohmann::json& out) {
  const std::string suffix = concurrency == 2 ? "" : "_c" + std::to_string(concurrency);
  const auto tourney_stamps = fresh_directory(root, "stamps-tourney");
  const auto floor_stamps = fresh_directory(root, "stamps-floor");
  const auto storage = fresh_directory(root, "relay");
  if (auto error = relay_through_runtime(o, engine, tourney_stamps, concurrency, storage); !error.empty()) {
    out["relay_error"] = error;
  }
  floor_relay_options f;
  f.engine = engine;
  f.args = {"--stamps", floor_stamps};
  f.go = "go";
  f.games = o.relay_games;
  f.concurrency = concurrency;
  f.max_plies = o.relay_max_plies;
  if (auto floor = run_floor_relay(f); !floor.error.empty()) {
    out["relay_error"] = floor.error;
  }
  const auto tourney_gaps = relay_gaps_us(tourney_stamps);
  const auto floor_gaps = relay_gaps_us(floor_stamps);
  out["relay_latency_us_p50" + suffix] = quantile(tourney_gaps, 0.5);
  out["relay_latency_us_p99" + suffix] = quantile(tourney_gaps, 0.99);
  out["floor_relay_latency_us_p50" + suffix] = quantile(floor_gaps, 0.5);
  out["floor_relay_latency_us_p99" + suffix] = quantile(floor_gaps, 0.99);
  out["relay_moves" + suffix] = tourney_gaps.size();
  out["floor_relay_moves" + suffix] = floor_gaps.size();
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
  // The floor: the same games relayed by the simplest manager, in this
  // process once the runtime is gone (its CPU time is the floor's alone).
  if (o.floor) {
    floor_relay_options f;
    f.engine = o.engine;
    f.engine_options = {{"Threads", "1"}, {"Hash", "16"}};
    f.go = o.depth > 0 ? "go depth " + std::to_string(o.depth) : "go nodes " + std::to_string(o.nodes);
    f.games = o.games;
    f.concurrency = o.concurrency;
    f.max_plies = o.max_plies;
    auto floor = run_floor_relay(f);
    if (!floor.error.empty()) {
      out["floor_error"] = floor.error;
    }
    const double floor_per_ply = floor.plies > 0 ? floor.cpu_s * 1e6 / static_cast<double>(floor.plies) : 0.0;
    out["floor_games"] = floor.games;
    out["floor_plies"] = floor.plies;
    out["floor_wall_s"] = floor.wall_s;
    out["floor_cpu_us_per_ply"] = floor_per_ply;
    const double manager_per_ply = out.value("manager_cpu_us_per_ply", 0.0);
    out["ratio_to_floor"] = floor_per_ply > 0 ? manager_per_ply / floor_per_ply : 0.0;
  }
  if (o.relay_games > 0) {
    const auto engine = find_instant_engine(o.relay_engine);
    if (engine.empty()) {
      out["relay_error"] = "the bench engine instant_engine was not found (build the instant_engine target)";
    } else {
      for (int concurrency : {2, 8}) {
        measure_relay_latency(o, engine, root, concurrency, out);
      }
    }
  }
  if (temporary) {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  return out;
}

}  // namespace tourney::bench
