#include "tourney/net/log_budget.hpp"

#include <boost/test/unit_test.hpp>

using tourney::net::log_budget;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(net_log_budget)

BOOST_AUTO_TEST_CASE(a_burst_per_window_then_one_count_of_the_rest) {
  const log_budget::time_point t0{};
  log_budget b(3, 10s);
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(b.allow(t0 + 1s));
  }
  BOOST_TEST(!b.summary_due());
  for (int i = 0; i < 5; ++i) {
    BOOST_TEST(!b.allow(t0 + 2s));
  }
  BOOST_REQUIRE(b.summary_due());
  BOOST_TEST((*b.summary_due() == t0 + 11s));  // the window began with the first line
  BOOST_TEST(b.take_held(t0 + 10s) == 0u);      // not over yet
  BOOST_TEST(b.take_held(t0 + 11s) == 5u);
  BOOST_TEST(b.take_held(t0 + 30s) == 0u);  // said once
  BOOST_TEST(!b.summary_due());
  // A new window: a fresh burst.
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(b.allow(t0 + 12s));
  }
  BOOST_TEST(!b.allow(t0 + 12s));
}

BOOST_AUTO_TEST_CASE(held_lines_are_counted_even_when_the_next_window_starts_with_a_line) {
  const log_budget::time_point t0{};
  log_budget b(1, 1s);
  BOOST_TEST(b.allow(t0));
  BOOST_TEST(!b.allow(t0));
  BOOST_TEST(!b.allow(t0 + 500ms));
  // The relay asks for the held count before each line.
  BOOST_TEST(b.take_held(t0 + 2s) == 2u);
  BOOST_TEST(b.allow(t0 + 2s));
}

BOOST_AUTO_TEST_SUITE_END()
