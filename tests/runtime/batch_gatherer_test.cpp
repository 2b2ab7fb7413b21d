// When a batched policy is called, without actors or real time: the flush
// rule (every joined game has asked or waits on its opponent), the batch
// limit, calls in flight, the optional longest wait, games leaving, and a
// property test against a model of the rule written here.
#include "tourney/runtime/batch_gatherer.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "support/test_seed.hpp"

using namespace tourney::rt;
using namespace std::chrono_literals;
using ids = std::vector<std::uint64_t>;

namespace {

const batch_gatherer::time_point t0{};

batch_gatherer make(std::size_t max_batch = 256, std::size_t calls = 1,
                    std::optional<std::chrono::nanoseconds> wait = std::nullopt) {
  batch_gatherer_config c;
  c.max_batch = max_batch;
  c.max_calls_in_flight = calls;
  c.max_wait = wait;
  return batch_gatherer(c);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runtime_batch_gatherer)

BOOST_AUTO_TEST_CASE(a_call_starts_once_every_joined_game_has_asked) {
  auto g = make();
  for (std::uint64_t game = 1; game <= 3; ++game) {
    g.join(game);
  }
  BOOST_TEST(g.ask(1, 101, t0).empty());
  BOOST_TEST(g.ask(2, 102, t0).empty());
  auto calls = g.ask(3, 103, t0);
  BOOST_REQUIRE_EQUAL(calls.size(), 1u);
  BOOST_TEST(calls[0].requests == (ids{101, 102, 103}), boost::test_tools::per_element());
  BOOST_TEST(g.queued() == 0u);
  BOOST_TEST(g.calls_in_flight() == 1u);
}

BOOST_AUTO_TEST_CASE(a_game_waiting_on_its_opponent_does_not_hold_the_batch_back) {
  auto g = make();
  g.join(1);
  g.join(2);
  BOOST_TEST(g.ask(1, 11, t0).empty());
  auto calls = g.wait_opponent(2, t0);
  BOOST_REQUIRE_EQUAL(calls.size(), 1u);
  BOOST_TEST(calls[0].requests == (ids{11}), boost::test_tools::per_element());
  // The other way round: the waiting game first.
  auto h = make();
  h.join(1);
  h.join(2);
  BOOST_TEST(h.wait_opponent(2, t0).empty());  // nothing queued: no call
  BOOST_TEST(h.ask(1, 11, t0).size() == 1u);
}

BOOST_AUTO_TEST_CASE(no_timer_without_a_longest_wait) {
  auto g = make();
  g.join(1);
  g.join(2);
  BOOST_TEST(g.ask(1, 11, t0).empty());
  BOOST_TEST(!g.next_flush().has_value());
  BOOST_TEST(g.flush_due(t0 + 10h).empty());  // game 2 still owes its request
}

BOOST_AUTO_TEST_CASE(a_full_batch_starts_at_once_and_the_rest_waits_for_the_next_call) {
  auto g = make(/*max_batch=*/2);
  for (std::uint64_t game = 1; game <= 5; ++game) {
    g.join(game);
  }
  BOOST_TEST(g.ask(1, 1, t0).empty());
  auto first = g.ask(2, 2, t0);
  BOOST_REQUIRE_EQUAL(first.size(), 1u);
  BOOST_TEST(first[0].requests == (ids{1, 2}), boost::test_tools::per_element());
  BOOST_TEST(g.ask(3, 3, t0).empty());
  BOOST_TEST(g.ask(4, 4, t0).empty());  // full, but one call is in flight
  BOOST_TEST(g.ask(5, 5, t0).empty());
  auto next = g.call_done(first[0].call, t0);
  BOOST_REQUIRE_EQUAL(next.size(), 1u);  // the queue is full: no need to wait for games 1 and 2
  BOOST_TEST(next[0].requests == (ids{3, 4}), boost::test_tools::per_element());
  BOOST_TEST(g.queued() == 1u);
  BOOST_TEST(g.expected() == 2u);  // games 1 and 2 got their answers
  BOOST_TEST(g.ask(1, 6, t0).empty());
  // Game 2 ends: nobody owes a request, but a call is in flight.
  BOOST_TEST(g.leave(2, t0).calls.empty());
  auto last = g.call_done(next[0].call, t0);
  BOOST_REQUIRE_EQUAL(last.size(), 1u);
  BOOST_TEST(last[0].requests == (ids{5, 6}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(several_calls_in_flight_start_together) {
  auto g = make(/*max_batch=*/2, /*calls=*/2);
  for (std::uint64_t game = 1; game <= 4; ++game) {
    g.join(game);
  }
  for (std::uint64_t game = 1; game <= 3; ++game) {
    (void)g.ask(game, game, t0);  // 1+2 start a call at once (full)
  }
  BOOST_TEST(g.calls_in_flight() == 1u);
  auto calls = g.ask(4, 4, t0);
  BOOST_REQUIRE_EQUAL(calls.size(), 1u);
  BOOST_TEST(calls[0].requests == (ids{3, 4}), boost::test_tools::per_element());
  BOOST_TEST(g.calls_in_flight() == 2u);
}

BOOST_AUTO_TEST_CASE(a_longest_wait_flushes_a_partial_batch) {
  auto g = make(256, 1, std::chrono::nanoseconds(5ms));
  g.join(1);
  g.join(2);
  BOOST_TEST(g.ask(1, 1, t0 + 1ms).empty());
  BOOST_REQUIRE(g.next_flush().has_value());
  BOOST_TEST((*g.next_flush() == t0 + 6ms));
  BOOST_TEST(g.flush_due(t0 + 5ms).empty());  // early: a stale timer does nothing
  auto calls = g.flush_due(t0 + 6ms);
  BOOST_REQUIRE_EQUAL(calls.size(), 1u);
  BOOST_TEST(calls[0].requests == (ids{1}), boost::test_tools::per_element());
  BOOST_TEST(!g.next_flush().has_value());
}

BOOST_AUTO_TEST_CASE(a_game_that_leaves_drops_its_queued_request_and_stops_holding_the_batch_back) {
  auto g = make();
  g.join(1);
  g.join(2);
  g.join(3);
  BOOST_TEST(g.ask(1, 11, t0).empty());
  BOOST_TEST(g.ask(2, 22, t0).empty());
  auto left = g.leave(2, t0);
  BOOST_TEST(left.dropped == (ids{22}), boost::test_tools::per_element());
  BOOST_TEST(left.calls.empty());  // game 3 still owes
  left = g.leave(3, t0);
  BOOST_TEST(left.dropped.empty());
  BOOST_REQUIRE_EQUAL(left.calls.size(), 1u);
  BOOST_TEST(left.calls[0].requests == (ids{11}), boost::test_tools::per_element());
  BOOST_TEST(g.games() == 1u);
  BOOST_TEST(g.leave(42, t0).dropped.empty());  // unknown: nothing
}

BOOST_AUTO_TEST_CASE(a_game_that_leaves_during_a_call_is_not_expected_back) {
  auto g = make();
  g.join(1);
  g.join(2);
  (void)g.ask(1, 1, t0);
  auto calls = g.ask(2, 2, t0);
  BOOST_REQUIRE_EQUAL(calls.size(), 1u);
  (void)g.leave(2, t0);
  BOOST_TEST(g.call_done(calls[0].call, t0).empty());
  BOOST_TEST(g.expected() == 1u);
  BOOST_TEST(g.games() == 1u);
  // A game that asks without joining joins by asking.
  auto direct = g.ask(7, 70, t0);
  BOOST_TEST(direct.empty());  // game 1 owes its next request
  auto after = g.wait_opponent(1, t0);
  BOOST_REQUIRE_EQUAL(after.size(), 1u);
  BOOST_TEST(after[0].requests == (ids{70}), boost::test_tools::per_element());
}

// Random event sequences against a model of the rule written here: a call
// starts exactly when the model says, holds the oldest requests, never more
// than max_batch, never beyond the calls allowed; every request is either
// called once or dropped with its game.
BOOST_AUTO_TEST_CASE(random_sequences_follow_the_rule) {
  const auto seed = tourney::test::random_seed();
  BOOST_TEST_INFO_SCOPE(tourney::test::seed_context(seed));
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 200; ++round) {
    const std::size_t max_batch = 1 + rng() % 6;
    const std::size_t max_calls = 1 + rng() % 2;
    auto g = make(max_batch, max_calls);
    // The model.
    enum class st { expected, asked, waiting };
    std::map<std::uint64_t, st> games;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> queue;   // game, request
    std::map<std::uint64_t, std::vector<std::uint64_t>> running;  // call -> games
    std::set<std::uint64_t> called, dropped;
    std::uint64_t next_request = 1;
    auto check = [&](const start_calls& calls) {
      for (const auto& c : calls) {
        BOOST_REQUIRE(!queue.empty());
        BOOST_TEST(running.size() < max_calls);
        std::size_t owed = 0;
        for (auto& [id, s] : games) {
          owed += s == st::expected ? 1 : 0;
        }
        BOOST_TEST((queue.size() >= max_batch || owed == 0));
        const auto n = std::min(queue.size(), max_batch);
        BOOST_REQUIRE_EQUAL(c.requests.size(), n);
        std::vector<std::uint64_t> call_games;
        for (std::size_t i = 0; i < n; ++i) {
          BOOST_TEST(c.requests[i] == queue[i].second);
          BOOST_TEST(called.insert(queue[i].second).second);
          call_games.push_back(queue[i].first);
        }
        queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(n));
        running[c.call] = call_games;
      }
      // Nothing more could start.
      std::size_t owed = 0;
      for (auto& [id, s] : games) {
        owed += s == st::expected ? 1 : 0;
      }
      const bool could =
          !queue.empty() && running.size() < max_calls && (queue.size() >= max_batch || owed == 0);
      BOOST_TEST(!could);
      BOOST_TEST(g.queued() == queue.size());
      BOOST_TEST(g.expected() == owed);
    };
    for (int step = 0; step < 60; ++step) {
      const std::uint64_t game = 1 + rng() % 5;
      switch (rng() % 4) {
        case 0: {  // ask (only a game without an outstanding request, as a referee does)
          if (games.count(game) != 0 && games[game] == st::asked) {
            break;
          }
          const auto r = next_request++;
          games[game] = st::asked;
          queue.emplace_back(game, r);
          check(g.ask(game, r, t0));
          break;
        }
        case 1:
          if (games.count(game) != 0 && games[game] == st::asked) {
            break;
          }
          games[game] = st::waiting;
          check(g.wait_opponent(game, t0));
          break;
        case 2: {
          if (games.count(game) == 0) {
            break;
          }
          games.erase(game);
          std::vector<std::uint64_t> mine;
          for (auto it = queue.begin(); it != queue.end();) {
            if (it->first == game) {
              mine.push_back(it->second);
              it = queue.erase(it);
            } else {
              ++it;
            }
          }
          auto left = g.leave(game, t0);
          BOOST_TEST(left.dropped == mine, boost::test_tools::per_element());
          dropped.insert(mine.begin(), mine.end());
          check(left.calls);
          break;
        }
        case 3: {
          if (running.empty()) {
            break;
          }
          auto it = running.begin();
          std::advance(it, static_cast<long>(rng() % running.size()));
          const auto call = it->first;
          for (auto gm : it->second) {
            // A game that left and came back meanwhile is another game.
            const bool queued = std::any_of(queue.begin(), queue.end(),
                                            [gm](const auto& q) { return q.first == gm; });
            if (games.count(gm) != 0 && games[gm] == st::asked && !queued) {
              games[gm] = st::expected;
            }
          }
          running.erase(it);
          check(g.call_done(call, t0));
          break;
        }
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
