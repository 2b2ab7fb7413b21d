// Subscribers: callbacks on their own thread, exceptions contained, a slow
// subscriber never slows games, the pollable subscriber's fd, RAII.
#include <boost/test/unit_test.hpp>

#include <poll.h>

#include <set>
#include <thread>

#include "actors/support/event_recorder.hpp"
#include "actors/support/staged_game.hpp"
#include "support/temp_dir.hpp"
#include "tourney/runtime.hpp"
#include "tourney/testing.hpp"

using namespace tourney;
using namespace std::chrono_literals;

namespace {

struct fixture {
  test::temp_dir dir;
  runtime_options options() {
    runtime_options o;
    o.storage_dir = dir.path();
    o.game_slots = 2;
    return o;
  }

  static runtime make(runtime_options o) {
    return testing::make_runtime(std::move(o), test::staged_referee());
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(actors_subscribers, fixture)

BOOST_AUTO_TEST_CASE(an_exception_in_a_callback_is_contained_and_reported) {
  runtime r = make(options());
  BOOST_REQUIRE(r.register_policy("resign", test::make_resigner, {0, false}));
  auto bad = r.subscribe([](const tournament_event&) { throw std::runtime_error("host bug"); });
  test::event_recorder good(r);
  auto id = r.start(test::host_spec(3, 2, "resign"));
  BOOST_REQUIRE(id);
  auto final = good.wait_terminal(*id);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::completed);
  r.shutdown();
  bad.cancel();
  BOOST_CHECK_GE(bad.failures(), 1u);
  BOOST_CHECK_EQUAL(bad.last_failure(), "host bug");
}

BOOST_AUTO_TEST_CASE(a_blocked_subscriber_does_not_slow_games_and_still_gets_its_terminal_event) {
  runtime r = make(options());
  BOOST_REQUIRE(r.register_policy("resign", test::make_resigner, {0, false}));
  auto g = std::make_shared<test::gate>();
  std::atomic<bool> never{false};
  std::mutex m;
  std::condition_variable cv;
  std::vector<tournament_event> seen;
  auto slow = r.subscribe([&](const tournament_event& e) {
    g->wait(never);  // blocks until the test opens the gate
    {
      std::lock_guard<std::mutex> guard(m);
      seen.push_back(e);
    }
    cv.notify_all();
  });
  auto id = r.start(test::host_spec(5, 10, "resign"));
  BOOST_REQUIRE(id);
  // The tournament finishes while the subscriber is stuck in its first call.
  auto final = r.wait(*id, 30s);
  BOOST_REQUIRE(final);
  BOOST_CHECK_EQUAL(final->completed_games, 40u);
  BOOST_REQUIRE(g->wait_arrivals(1, 30s));
  BOOST_CHECK_EQUAL(g->arrivals(), 1);  // still stuck in its first call
  g->open();
  // Delivery resumes: wait (bounded) for the terminal event to come through.
  bool got_terminal = false;
  {
    std::unique_lock<std::mutex> lock(m);
    got_terminal = cv.wait_for(lock, 30s, [&] {
      return !seen.empty() && seen.back().kind == event_kind::terminal;
    });
  }
  slow.cancel();
  std::lock_guard<std::mutex> guard(m);
  BOOST_CHECK(got_terminal);
  std::size_t terminals = 0;
  for (const auto& e : seen) {
    terminals += e.kind == event_kind::terminal ? 1 : 0;
  }
  BOOST_CHECK_EQUAL(terminals, 1u);
  // Created, running, 40 progress events and the terminal one: progress
  // events queued behind the blocked call were coalesced.
  BOOST_CHECK_LT(seen.size(), 43u);
}

BOOST_AUTO_TEST_CASE(a_poller_signals_its_fd_and_keeps_each_tournament_in_order) {
  runtime r = make(options());
  BOOST_REQUIRE(r.register_policy("resign", test::make_resigner, {0, false}));
  auto poller = r.make_poller();
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    auto id = r.start(test::host_spec(3, 3, "resign"));
    BOOST_REQUIRE(id);
    ids.push_back(*id);
  }
  std::vector<tournament_event> events;
  std::set<std::string> finished;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (finished.size() < ids.size() && std::chrono::steady_clock::now() < deadline) {
    pollfd p{poller.fd(), POLLIN, 0};
    if (::poll(&p, 1, 1000) <= 0) {
      continue;
    }
    for (auto& e : poller.poll()) {
      if (e.kind == event_kind::terminal) {
        finished.insert(e.snapshot.tournament_id);
      }
      events.push_back(std::move(e));
    }
  }
  BOOST_REQUIRE_EQUAL(finished.size(), 3u);
  for (const auto& id : ids) {
    std::vector<tournament_event> mine;
    for (const auto& e : events) {
      if (e.snapshot.tournament_id == id) {
        mine.push_back(e);
      }
    }
    BOOST_REQUIRE(!mine.empty());
    BOOST_CHECK(mine.front().snapshot.status == tournament_status::created);
    BOOST_CHECK(mine.back().kind == event_kind::terminal);
    std::uint64_t last = 0;
    for (const auto& e : mine) {
      BOOST_CHECK_GE(e.snapshot.completed_games, last);
      last = e.snapshot.completed_games;
    }
  }
}

BOOST_AUTO_TEST_CASE(callbacks_run_on_the_subscription_thread_and_stop_when_it_is_dropped) {
  runtime r = make(options());
  BOOST_REQUIRE(r.register_policy("resign", test::make_resigner, {0, false}));
  std::mutex m;
  std::set<std::thread::id> threads;
  std::atomic<int> calls{0};
  auto sub = std::make_unique<subscription>(r.subscribe([&](const tournament_event&) {
    std::lock_guard<std::mutex> guard(m);
    threads.insert(std::this_thread::get_id());
    ++calls;
  }));
  auto id = r.start(test::host_spec(2, 2, "resign"));
  BOOST_REQUIRE(id);
  BOOST_REQUIRE(r.wait(*id, 30s));
  test::event_recorder rec(r);
  sub.reset();  // unsubscribes and joins its thread
  const int before = calls.load();
  auto id2 = r.start(test::host_spec(2, 2, "resign"));
  BOOST_REQUIRE(id2);
  BOOST_REQUIRE(rec.wait_terminal(*id2));
  BOOST_CHECK_EQUAL(calls.load(), before);
  std::lock_guard<std::mutex> guard(m);
  BOOST_CHECK_EQUAL(threads.size(), 1u);
  BOOST_CHECK(threads.count(std::this_thread::get_id()) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
