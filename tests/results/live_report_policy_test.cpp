// When a running tournament's report.html is rewritten: coalesced by games
// and by time, with time given as an argument.
#include "tourney/results/live_report_policy.hpp"

#include <boost/test/unit_test.hpp>

using tourney::results::live_report_options;
using tourney::results::live_report_policy;
using namespace std::chrono_literals;

namespace {

live_report_policy policy(std::uint64_t every_games, std::chrono::milliseconds interval) {
  live_report_options o;
  o.enabled = true;
  o.every_games = every_games;
  o.min_interval = interval;
  return live_report_policy(o);
}

const auto t0 = live_report_policy::clock::time_point{} + 1h;

}  // namespace

BOOST_AUTO_TEST_SUITE(results_live_report_policy)

BOOST_AUTO_TEST_CASE(the_first_games_are_shown_at_once) {
  auto p = policy(1, 1000ms);
  BOOST_TEST(!p.on_committed(0, t0).has_value());  // nothing new: nothing to show
  auto at = p.on_committed(1, t0);
  BOOST_REQUIRE(at.has_value());
  BOOST_TEST((*at == t0));
}

BOOST_AUTO_TEST_CASE(one_rewrite_is_scheduled_at_a_time) {
  auto p = policy(1, 1000ms);
  BOOST_REQUIRE(p.on_committed(1, t0).has_value());
  // Commits before that rewrite is written join it.
  BOOST_TEST(!p.on_committed(2, t0 + 1ms).has_value());
  BOOST_TEST(!p.on_committed(9, t0 + 2ms).has_value());
  BOOST_TEST(p.scheduled());
  p.rewritten(9, t0 + 3ms);
  BOOST_TEST(!p.scheduled());
  BOOST_TEST(!p.on_committed(9, t0 + 5s).has_value());  // already shown
}

BOOST_AUTO_TEST_CASE(rewrites_are_at_least_the_interval_apart) {
  auto p = policy(1, 1000ms);
  BOOST_REQUIRE(p.on_committed(1, t0).has_value());
  p.rewritten(1, t0);
  // A game 200 ms later: scheduled for when the interval is over, so the last
  // game before a lull still shows up.
  auto at = p.on_committed(2, t0 + 200ms);
  BOOST_REQUIRE(at.has_value());
  BOOST_TEST((*at == t0 + 1000ms));
  BOOST_TEST(!p.on_committed(3, t0 + 300ms).has_value());
  p.rewritten(3, t0 + 1000ms);
  // Long after: at once.
  auto later = p.on_committed(4, t0 + 10s);
  BOOST_REQUIRE(later.has_value());
  BOOST_TEST((*later == t0 + 10s));
}

BOOST_AUTO_TEST_CASE(at_least_every_games_new_games_per_rewrite) {
  auto p = policy(10, 0ms);
  BOOST_TEST(!p.on_committed(9, t0).has_value());
  BOOST_REQUIRE(p.on_committed(10, t0).has_value());
  p.rewritten(12, t0);  // the rewrite read 12 durable games
  BOOST_TEST(!p.on_committed(21, t0 + 1s).has_value());
  BOOST_TEST(p.on_committed(22, t0 + 1s).has_value());
}

BOOST_AUTO_TEST_CASE(zero_settings_mean_every_game_at_once) {
  auto p = policy(0, 0ms);  // every_games 0 counts as 1
  BOOST_TEST(!p.on_committed(0, t0).has_value());
  for (std::uint64_t k = 1; k <= 3; ++k) {
    auto at = p.on_committed(k, t0);
    BOOST_REQUIRE(at.has_value());
    BOOST_TEST((*at == t0));
    p.rewritten(k, t0);
  }
}

BOOST_AUTO_TEST_SUITE_END()
