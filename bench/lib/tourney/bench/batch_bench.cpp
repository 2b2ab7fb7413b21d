#include "tourney/bench/batch_bench.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "tourney/runtime.hpp"
#include "tourney/spec/player_helpers.hpp"

namespace tourney::bench {

namespace {

using steady = std::chrono::steady_clock;

/// The simulated device: one call at a time, each costing call_cost plus
/// position_cost per position (a sleep models the device's work).
class simulated_device {
 public:
  simulated_device(std::chrono::microseconds call, std::chrono::microseconds per_position)
      : call_(call), per_position_(per_position) {}

  void run(std::size_t positions) {
    // One device: calls from several threads queue here, as on a GPU.
    std::lock_guard<std::mutex> guard(mutex_);
    const auto t0 = steady::now();
    std::this_thread::sleep_for(call_ + per_position_ * static_cast<long>(positions));
    busy_ += steady::now() - t0;
  }
  double busy_seconds() {
    std::lock_guard<std::mutex> guard(mutex_);
    return std::chrono::duration<double>(busy_).count();
  }

 private:
  std::chrono::microseconds call_;
  std::chrono::microseconds per_position_;
  std::mutex mutex_;  // the device itself: one call at a time
  steady::duration busy_{0};
};

// A legal move from the game and ply: the network's "choice".
players::decision choose(const shogi::position& pos, std::size_t ply,
                         const std::vector<shogi::move>& legal) {
  const auto h = pos.key() + ply * 0x9e3779b97f4a7c15ULL;
  return players::decision::play(legal[h % legal.size()]);
}

// The batched network: one device call per batch, a legal move per request.
batch_evaluate network(std::shared_ptr<simulated_device> device) {
  return [device](const move_batch& b) {
    device->run(b.size());
    std::vector<players::decision> out;
    out.reserve(b.size());
    for (const auto& q : b.requests) {
      out.push_back(choose(q.position, q.history.size(), q.legal_moves));
    }
    return out;
  };
}

class per_position_net : public players::player {
 public:
  explicit per_position_net(std::shared_ptr<simulated_device> device)
      : device_(std::move(device)) {}
  players::decision decide(const players::move_request& r) override {
    device_->run(1);
    const auto legal = r.position.legal_moves();
    return choose(r.position, r.history.size(),
                  std::vector<shogi::move>(legal.begin(), legal.end()));
  }

 private:
  std::shared_ptr<simulated_device> device_;
};

spec::tournament_spec gauntlet(int games, int max_plies) {
  spec::tournament_spec s;
  s.name = "batch-bench";
  s.games_per_pairing = games;
  s.adjudication.max_plies = max_plies;
  s.players = {spec::host("net", "net"), spec::builtin("random")};
  return s;
}

double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct way {
  double wall_s = 0.0;
  double cpu_s = 0.0;  // this process, all threads, while the tournament ran
  std::uint64_t games = 0;
  std::string error;
  progress_snapshot final;
};

way play(runtime_options o, const std::function<expected<void>(runtime&)>& register_net, int games,
         int max_plies) {
  way out;
  runtime r(o);
  if (auto ok = register_net(r); !ok) {
    out.error = ok.error().message;
    return out;
  }
  const auto t0 = steady::now();
  const auto cpu0 = cpu_seconds();
  auto id = r.start(gauntlet(games, max_plies), "batch-bench");
  if (!id) {
    out.error = id.error().message;
    return out;
  }
  auto done = r.wait(*id, std::chrono::minutes(30));
  out.wall_s = std::chrono::duration<double>(steady::now() - t0).count();
  out.cpu_s = cpu_seconds() - cpu0;
  if (!done) {
    out.error = "the tournament did not finish";
    return out;
  }
  out.final = *done;
  out.games = out.final.completed_games;
  r.shutdown();
  return out;
}

}  // namespace

nlohmann::json run_batch_bench(const batch_bench_options& o) {
  namespace fs = std::filesystem;
  std::string root = o.storage_dir;
  const bool temporary = root.empty();
  if (temporary) {
    std::string tmpl = (fs::temp_directory_path() / "tourney-batch-bench-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      return {{"error", "cannot create a temporary directory"}};
    }
    root = tmpl;
  }
  runtime_options base;
  base.storage_dir = root;

  // Batched: one call per tick over every game in flight.
  auto batched_device = std::make_shared<simulated_device>(o.call_cost, o.position_cost);
  batched_policy_options bo;
  bo.max_batch = static_cast<std::size_t>(o.games);
  bo.max_games = static_cast<std::size_t>(o.games);
  auto batched = play(
      base,
      [&](runtime& r) { return r.register_batched_policy("net", network(batched_device), bo); },
      o.games, o.max_plies);

  // Two half batches in flight: while one is on the device, the other
  // half's games play their plies (the device still runs one call at a time).
  auto halves_device = std::make_shared<simulated_device>(o.call_cost, o.position_cost);
  batched_policy_options ho;
  ho.max_batch = static_cast<std::size_t>(std::max(1, o.games / 2));
  ho.max_games = static_cast<std::size_t>(o.games);
  ho.max_calls_in_flight = 2;
  auto halves = play(
      base,
      [&](runtime& r) { return r.register_batched_policy("net", network(halves_device), ho); },
      o.games, o.max_plies);

  // Per position: today's path before batching.
  auto single_device = std::make_shared<simulated_device>(o.call_cost, o.position_cost);
  auto single = play(
      base,
      [&](runtime& r) {
        return r.register_policy(
            "net", [single_device] { return std::make_unique<per_position_net>(single_device); });
      },
      o.per_position_games, o.max_plies);

  if (temporary) {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  for (const auto* w : {&batched, &halves, &single}) {
    if (!w->error.empty()) {
      return {{"error", w->error}};
    }
  }
  std::uint64_t positions = 0, calls = 0;
  double mean_batch = 0.0;
  for (const auto& u : batched.final.policies) {
    positions = u.positions;
    calls = u.calls;
    mean_batch = u.mean_batch();
  }
  const double device_s = batched_device->busy_seconds();
  auto rate = [](std::uint64_t games, double s) {
    return s <= 0.0 ? 0.0 : static_cast<double>(games) / s;
  };
  const double gps_batched = rate(batched.games, batched.wall_s);
  const double gps_single = rate(single.games, single.wall_s);
  const double gps_ideal = rate(batched.games, device_s);
  return {
      {"games", batched.games},
      {"positions", positions},
      {"calls", calls},
      {"mean_batch", mean_batch},
      {"games_per_s_batched", gps_batched},
      {"games_per_s_per_position", gps_single},
      {"games_per_s_ideal", gps_ideal},
      {"batched_to_ideal", gps_ideal <= 0.0 ? 0.0 : gps_batched / gps_ideal},
      {"batched_to_per_position", gps_single <= 0.0 ? 0.0 : gps_batched / gps_single},
      {"games_per_s_two_halves", rate(halves.games, halves.wall_s)},
      {"two_halves_to_ideal",
       gps_ideal <= 0.0 ? 0.0 : rate(halves.games, halves.wall_s) / gps_ideal},
      {"two_halves_device_s", halves_device->busy_seconds()},
      {"per_position_games", single.games},
      {"batched_wall_s", batched.wall_s},
      {"batched_device_s", device_s},
      {"batched_cpu_s", batched.cpu_s},
      {"per_position_wall_s", single.wall_s},
      {"per_position_cpu_s", single.cpu_s},
      {"per_position_device_s", single_device->busy_seconds()},
      {"call_cost_us", o.call_cost.count()},
      {"position_cost_us", o.position_cost.count()},
      {"max_plies", o.max_plies},
  };
}

}  // namespace tourney::bench
