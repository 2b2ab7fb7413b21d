// Randomized stress: several host threads call start, pause, resume, cancel,
// progress, list and finally shutdown at random; afterwards every tournament
// has exactly one terminal event, consistent counts, its files, and nothing
// is left running. Runs under ThreadSanitizer too (label concurrency).
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "actors/support/event_recorder.hpp"
#include "actors/support/staged_game.hpp"
#include "support/temp_dir.hpp"
#include "tourney/runtime.hpp"
#include "tourney/testing.hpp"

using namespace tourney;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(actors_stress)

BOOST_AUTO_TEST_CASE(random_calls_from_several_threads_keep_every_invariant) {
  test::temp_dir dir;
  runtime_options o;
  o.storage_dir = dir.path();
  o.max_concurrent_tournaments = 3;
  o.game_slots = 4;
  o.history_limit = 100000;
  runtime r = testing::make_runtime(o, test::staged_referee());
  BOOST_REQUIRE(r.register_policy("resign", test::make_resigner, {0, false}));
  BOOST_REQUIRE(r.register_policy("mover", test::make_mover, {0, false}));
  BOOST_REQUIRE(r.register_policy("staller", test::make_staller, {0, true}));
  BOOST_REQUIRE(r.register_policy("gpu", test::make_mover, {1, true}));
  test::event_recorder rec(r);

  std::atomic<int> inconsistent{0};
  std::mutex ids_mutex;
  std::vector<std::string> ids;
  constexpr int threads = 4;
  constexpr int ops_per_thread = 500;
  std::vector<std::thread> workers;
  std::thread graceful;  // a graceful shutdown waits for running tournaments
  std::once_flag graceful_once;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::mt19937 rng(1234 + t);
      auto pick = [&]() -> std::string {
        std::lock_guard<std::mutex> guard(ids_mutex);
        if (ids.empty()) {
          return "unknown";
        }
        return ids[std::uniform_int_distribution<std::size_t>(0, ids.size() - 1)(rng)];
      };
      for (int i = 0; i < ops_per_thread; ++i) {
        const int op = std::uniform_int_distribution<int>(0, 99)(rng);
        if (op < 25) {
          static const char* policies[] = {"resign", "mover", "mover", "gpu", "staller"};
          auto spec = test::host_spec(std::uniform_int_distribution<std::size_t>(2, 4)(rng),
                                      std::uniform_int_distribution<int>(1, 3)(rng),
                                      policies[std::uniform_int_distribution<int>(0, 4)(rng)], 6);
          auto id = r.start(spec, "stress", std::uniform_int_distribution<int>(0, 3)(rng));
          if (id) {
            std::lock_guard<std::mutex> guard(ids_mutex);
            ids.push_back(*id);
          }
        } else if (op < 45) {
          (void)r.pause(pick());
        } else if (op < 65) {
          (void)r.resume(pick());
        } else if (op < 80) {
          (void)r.cancel(pick());
        } else if (op < 90) {
          auto p = r.progress(pick());
          // Boost.Test assertions are not thread-safe: count, check later.
          if (p && p->completed_games != p->black_wins + p->white_wins + p->draws + p->failed_games) {
            ++inconsistent;
          }
        } else if (op < 99) {
          (void)r.list_active();
        } else if (t == 0 && i > ops_per_thread / 2) {
          // Later starts fail; running tournaments go on until the end.
          std::call_once(graceful_once, [&] { graceful = std::thread([&] { r.shutdown(shutdown_mode::graceful); }); });
        }
      }
    });
  }
  for (auto& w : workers) {
    w.join();
  }
  std::thread other([&] { r.shutdown(shutdown_mode::immediate); });
  r.shutdown(shutdown_mode::immediate);
  other.join();
  if (graceful.joinable()) {
    graceful.join();
  }
  BOOST_CHECK(!r.start(test::host_spec(2, 1, "resign")));
  BOOST_CHECK_EQUAL(inconsistent.load(), 0);

  BOOST_TEST_MESSAGE("tournaments started: " << ids.size());
  BOOST_CHECK_GT(ids.size(), 10u);
  // Shutdown returned after every terminal event reached the subscriber queues.
  BOOST_REQUIRE(rec.wait_until([&](const std::vector<tournament_event>& es) {
    std::size_t n = 0;
    for (const auto& e : es) {
      n += e.kind == event_kind::terminal ? 1 : 0;
    }
    return n >= ids.size();
  }));
  std::map<std::string, int> terminals;
  std::map<std::string, progress_snapshot> finals;
  for (const auto& e : rec.events()) {
    if (e.kind == event_kind::terminal) {
      ++terminals[e.snapshot.tournament_id];
      finals[e.snapshot.tournament_id] = e.snapshot;
    }
  }
  for (const auto& id : ids) {
    BOOST_CHECK_EQUAL(terminals[id], 1);
    const auto& s = finals[id];
    BOOST_CHECK(s.is_complete());
    BOOST_CHECK(s.end_time.has_value());
    BOOST_CHECK_EQUAL(s.completed_games, s.black_wins + s.white_wins + s.draws + s.failed_games);
    BOOST_CHECK_LE(s.completed_games, s.total_games);
    BOOST_CHECK_EQUAL(s.games_in_flight, 0u);
    if (s.status == tournament_status::completed) {
      BOOST_CHECK_EQUAL(s.completed_games, s.total_games);
    }
    BOOST_CHECK(std::filesystem::exists(s.folder + "/tournament.json"));
    // Durable before counted, and nothing counted that is not on disk.
    std::size_t lines = 0;
    std::ifstream in(s.folder + "/games.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      ++lines;
    }
    BOOST_CHECK_EQUAL(lines, s.completed_games);
  }
  BOOST_CHECK_EQUAL(terminals.size(), ids.size());
}

BOOST_AUTO_TEST_SUITE_END()

// ThreadSanitizer suppressions compiled into the test binary. Debian's
// libcaf_core is not built with TSan, so the atomics CAF uses to hand a
// message (or a new actor's init function) from one thread to another are
// invisible to it: every message read on another worker thread would be
// reported. Reports with a libcaf_core frame (or libcaf_io's and
// libcaf_openssl's, for the remote-worker tests) are therefore suppressed. Races
// in code that runs outside CAF's threads (the facade, subscriber queues and
// their delivery threads, host policies called from player threads against
// host state) have no such frame and are still reported.
extern "C" const char* __tsan_default_suppressions() {
  return "race:libcaf_core.so\nrace:libcaf_io.so\nrace:libcaf_openssl.so\n";
}

// Longer per-thread history, so the earlier access of a report has a stack
// (and the suppression above can see CAF's frames in it).
extern "C" const char* __tsan_default_options() {
  return "history_size=7";
}
