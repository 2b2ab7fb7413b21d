#include "tourney/bench/runtime_bench.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <malloc.h>
#include <unistd.h>

#include "tourney/bench/durable_floor.hpp"
#include "tourney/runtime.hpp"
#include "tourney/spec/player_helpers.hpp"

namespace tourney::bench {

namespace {

using steady = std::chrono::steady_clock;

double ms_since(steady::time_point t0, steady::time_point t1) {
  return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

double median(std::vector<double> xs) {
  if (xs.empty()) {
    return 0.0;
  }
  std::sort(xs.begin(), xs.end());
  return xs[xs.size() / 2];
}

spec::tournament_spec instant_gauntlet(std::size_t opponents, int games, const std::string& agent_kind) {
  spec::tournament_spec s;
  s.name = "bench";
  s.games_per_pairing = games;
  s.players.push_back(agent_kind == "builtin" ? spec::builtin("resign", "agent") : spec::host(agent_kind, "agent"));
  for (std::size_t i = 0; i < opponents; ++i) {
    s.players.push_back(spec::builtin("resign", "opponent" + std::to_string(i + 1)));
  }
  return s;
}

/// Waits for terminal events of chosen tournaments.
class terminal_latch {
 public:
  void on_event(const tournament_event& e) {
    if (e.kind != event_kind::terminal) {
      return;
    }
    {
      std::lock_guard<std::mutex> guard(mutex_);
      done_[e.snapshot.tournament_id] = steady::now();
    }
    cv_.notify_all();
  }
  steady::time_point wait(const std::string& id) {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait_for(lock, std::chrono::minutes(5), [&] { return done_.count(id) != 0; });
    auto it = done_.find(id);
    auto t = it == done_.end() ? steady::now() : it->second;
    if (it != done_.end()) {
      done_.erase(it);
    }
    return t;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::map<std::string, steady::time_point> done_;
};

/// A resigning host policy that stamps the first move request it gets.
class stamping_resigner : public players::player {
 public:
  explicit stamping_resigner(std::shared_ptr<std::atomic<std::int64_t>> first) : first_(std::move(first)) {}
  players::decision decide(const players::move_request&) override {
    std::int64_t none = 0;
    first_->compare_exchange_strong(none, steady::now().time_since_epoch().count());
    return players::decision::resign();
  }

 private:
  std::shared_ptr<std::atomic<std::int64_t>> first_;
};

/// Searches until stopped (an in-process player in a long search).
class searching_player : public players::player {
 public:
  explicit searching_player(std::shared_ptr<std::atomic<int>> started) : started_(std::move(started)) {}
  players::decision decide(const players::move_request& r) override {
    started_->fetch_add(1);
    while (!r.stop.load(std::memory_order_relaxed)) {
      std::this_thread::yield();
    }
    return players::decision::resign();
  }

 private:
  std::shared_ptr<std::atomic<int>> started_;
};

/// Writes and syncs to the disk under `dir` until destroyed (a benchmark's
/// simulated neighbour; its thread is joined before the object goes).
class competing_writer {
 public:
  explicit competing_writer(const std::string& dir) {
    const auto path = dir + "/competing-writer.bin";
    thread_ = std::thread([this, path] {
      const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (fd < 0) {
        return;
      }
      const std::string block(64 * 1024, 'x');
      std::size_t written = 0;
      while (!stop_.load()) {
        if (::write(fd, block.data(), block.size()) <= 0 || ::fdatasync(fd) != 0) {
          break;
        }
        written += block.size();
        if (written >= 64 * 1024 * 1024) {  // stays a small file
          (void)::ftruncate(fd, 0);
          (void)::lseek(fd, 0, SEEK_SET);
          written = 0;
        }
        syncs_.fetch_add(1);
      }
      ::close(fd);
      ::unlink(path.c_str());
    });
  }
  competing_writer(const competing_writer&) = delete;
  competing_writer& operator=(const competing_writer&) = delete;
  ~competing_writer() {
    stop_.store(true);
    thread_.join();
  }
  std::uint64_t syncs() const {
    return syncs_.load();
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> syncs_{0};
  std::thread thread_;
};

double ratio(double a, double b) {
  return b > 0 ? a / b : 0.0;
}

std::size_t heap_in_use() {
  auto mi = ::mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

}  // namespace

nlohmann::json run_runtime_bench(const runtime_bench_options& options) {
  namespace fs = std::filesystem;
  std::string root = options.storage_dir;
  bool remove_root = false;
  if (root.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "tourney-bench-XXXXXX").string();
    root = ::mkdtemp(tmpl.data()) ? tmpl : std::string(".");
    remove_root = true;
  }
  nlohmann::json out;
  out["hardware_threads"] = std::thread::hardware_concurrency();
  std::unique_ptr<competing_writer> writer;
  if (options.competing_writer) {
    writer = std::make_unique<competing_writer>(root);
  }

  // 1. 100 tournaments x 4 opponents x 2 instant games, 2 at a time (the
  //    original's default concurrency).
  {
    runtime_options o;
    o.storage_dir = root + "/e2e100";
    fs::create_directories(o.storage_dir);
    runtime r(o);
    terminal_latch latch;
    auto sub = r.subscribe([&](const tournament_event& e) { latch.on_event(e); });
    const auto t0 = steady::now();
    std::vector<std::string> ids;
    for (int i = 0; i < 100; ++i) {
      ids.push_back(r.start(instant_gauntlet(4, 2, "builtin"), "e2e").value());
    }
    steady::time_point last = t0;
    for (const auto& id : ids) {
      last = std::max(last, latch.wait(id));
    }
    const double secs = ms_since(t0, last) / 1000.0;
    out["e2e_100x4x2_s"] = secs;
    out["e2e_100x4x2_games_per_s"] = 800.0 / secs;
    fs::create_directories(root + "/floor100");
    fs::create_directories(root + "/floor100-each");
    auto floor = run_durable_floor(root + "/floor100", 100, 4, 2, false);
    auto each = run_durable_floor(root + "/floor100-each", 100, 4, 2, true);
    for (const auto& f : {floor, each}) {
      if (!f.error.empty()) {
        out["floor_error"] = f.error;
      }
    }
    out["e2e_100x4x2_floor_s"] = floor.seconds;
    out["e2e_100x4x2_ratio_to_floor"] = ratio(secs, floor.seconds);
    out["e2e_100x4x2_sync_per_game_s"] = each.seconds;
  }

  // 2. 1 tournament x 50 opponents x 20 instant games.
  {
    runtime_options o;
    o.storage_dir = root + "/e2e1";
    fs::create_directories(o.storage_dir);
    runtime r(o);
    terminal_latch latch;
    auto sub = r.subscribe([&](const tournament_event& e) { latch.on_event(e); });
    const auto t0 = steady::now();
    auto id = r.start(instant_gauntlet(50, 20, "builtin"), "e2e").value();
    const double secs = ms_since(t0, latch.wait(id)) / 1000.0;
    out["e2e_1x50x20_s"] = secs;
    out["e2e_1x50x20_games_per_s"] = 1000.0 / secs;
    fs::create_directories(root + "/floor1");
    fs::create_directories(root + "/floor1-each");
    auto floor = run_durable_floor(root + "/floor1", 1, 50, 20, false);
    auto each = run_durable_floor(root + "/floor1-each", 1, 50, 20, true);
    for (const auto& f : {floor, each}) {
      if (!f.error.empty()) {
        out["floor_error"] = f.error;
      }
    }
    out["e2e_1x50x20_floor_s"] = floor.seconds;
    out["e2e_1x50x20_ratio_to_floor"] = ratio(secs, floor.seconds);
    out["e2e_1x50x20_sync_per_game_s"] = each.seconds;
  }
  if (writer) {
    out["competing_writer_syncs"] = writer->syncs();
    writer.reset();
  }
  if (options.end_to_end_only) {
    if (remove_root) {
      std::error_code ec;
      fs::remove_all(root, ec);
    }
    return out;
  }

  // 3. start() to the first move request of the first game, and
  // 4. cancel() to the CANCELLED event while games are being played.
  {
    runtime_options o;
    o.storage_dir = root + "/latency";
    fs::create_directories(o.storage_dir);
    runtime r(o);
    terminal_latch latch;
    auto sub = r.subscribe([&](const tournament_event& e) { latch.on_event(e); });
    auto first = std::make_shared<std::atomic<std::int64_t>>(0);
    (void)r.register_policy("stamp", [first] { return std::make_unique<stamping_resigner>(first); },
                            {0, false});
    auto started = std::make_shared<std::atomic<int>>(0);
    (void)r.register_policy("search", [started] { return std::make_unique<searching_player>(started); },
                            {0, true});
    std::vector<double> first_ms;
    std::vector<double> cancel_ms;
    for (std::size_t i = 0; i < options.repetitions; ++i) {
      first->store(0);
      const auto t0 = steady::now();
      auto id = r.start(instant_gauntlet(2, 2, "stamp"), "latency").value();
      latch.wait(id);
      first_ms.push_back(ms_since(t0, steady::time_point(steady::duration(first->load()))));

      started->store(0);
      auto busy = r.start(instant_gauntlet(2, 2, "search"), "cancel").value();
      // Games are in flight once both searching players were asked to move
      // (two games of the four run at once on this tournament's slots).
      std::int64_t spins = 0;
      while (started->load() < 1 && ++spins < 2000000000) {
        std::this_thread::yield();
      }
      const auto c0 = steady::now();
      (void)r.cancel(busy);
      cancel_ms.push_back(ms_since(c0, latch.wait(busy)));
    }
    out["first_game_ms"] = median(first_ms);
    out["first_game_ms_min"] = *std::min_element(first_ms.begin(), first_ms.end());
    out["cancel_ms"] = median(cancel_ms);
    out["cancel_ms_max"] = *std::max_element(cancel_ms.begin(), cancel_ms.end());
  }

  // 5. Memory per finished tournament over a long series (8 instant games
  //    each, like the original's measurement), after the bounded history has
  //    filled up in a warm-up.
  {
    runtime_options o;
    o.storage_dir = root + "/series";
    o.history_limit = 100;
    fs::create_directories(o.storage_dir);
    runtime r(o);
    terminal_latch latch;
    auto sub = r.subscribe([&](const tournament_event& e) { latch.on_event(e); });
    auto run = [&](std::size_t n) {
      std::vector<std::string> window;
      for (std::size_t i = 0; i < n; ++i) {
        window.push_back(r.start(instant_gauntlet(4, 2, "builtin"), "series").value());
        if (window.size() == 8) {
          for (const auto& id : window) {
            latch.wait(id);
          }
          window.clear();
        }
      }
      for (const auto& id : window) {
        latch.wait(id);
      }
    };
    const std::size_t warmup = std::max<std::size_t>(200, options.series / 5);
    run(warmup);
    ::malloc_trim(0);
    const auto before = heap_in_use();
    run(options.series);
    ::malloc_trim(0);
    const auto after = heap_in_use();
    const double per = (static_cast<double>(after) - static_cast<double>(before)) /
                       static_cast<double>(std::max<std::size_t>(1, options.series));
    out["retained_bytes_per_tournament"] = per;
    out["series_tournaments"] = options.series;
    out["heap_in_use_before_bytes"] = before;
    out["heap_in_use_after_bytes"] = after;
  }
  // 6. Memory per finished game inside one long tournament of instant games:
  //    the heap in use once a fifth of the games are done against the end,
  //    over the games in between (flat: about 0; it was ~1.9 KB per game
  //    while the record files lagged behind the journal).
  {
    runtime_options o;
    o.storage_dir = root + "/long";
    fs::create_directories(o.storage_dir);
    runtime r(o);
    terminal_latch latch;
    std::mutex mutex;
    std::condition_variable cv;
    std::uint64_t done = 0;
    auto sub = r.subscribe([&](const tournament_event& e) {
      latch.on_event(e);
      std::lock_guard<std::mutex> guard(mutex);
      done = std::max<std::uint64_t>(done, e.snapshot.completed_games);
      cv.notify_all();
    });
    const int games = static_cast<int>(std::max<std::size_t>(1000, options.long_games));
    auto id = r.start(instant_gauntlet(1, games, "builtin"), "long").value();
    {
      std::unique_lock<std::mutex> lock(mutex);
      cv.wait(lock, [&] { return done >= static_cast<std::uint64_t>(games / 5); });
    }
    ::malloc_trim(0);
    const auto before = heap_in_use();
    std::uint64_t counted_from = 0;
    {
      std::lock_guard<std::mutex> guard(mutex);
      counted_from = done;
    }
    latch.wait(id);
    ::malloc_trim(0);
    const auto after = heap_in_use();
    const auto span = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(games) - counted_from);
    out["retained_bytes_per_finished_game"] =
        (static_cast<double>(after) - static_cast<double>(before)) / static_cast<double>(span);
    out["long_tournament_games"] = games;
  }
  if (remove_root) {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  return out;
}

}  // namespace tourney::bench
