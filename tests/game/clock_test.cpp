#include "tourney/game/clock.hpp"

#include <boost/test/unit_test.hpp>

using namespace tourney;
using game::charge_verdict;
using shogi::color;
using std::chrono::milliseconds;

BOOST_AUTO_TEST_SUITE(game_clock)

BOOST_AUTO_TEST_CASE(byoyomi_within_allowance_is_ok_and_main_time_goes_first) {
  spec::time_control tc;
  tc.main = milliseconds{1000};
  tc.byoyomi = milliseconds{3000};
  tc.margin = milliseconds{200};
  game::clock c(tc);
  // Main 1000 + byoyomi 3000 + margin 200.
  BOOST_TEST(c.deadline_for(color::black).count() == 4200);
  BOOST_TEST((c.charge(color::black, milliseconds{600}) == charge_verdict::ok));
  BOOST_TEST(c.remaining(color::black).count() == 400);
  // 400 main left + 3000 byoyomi: 3300 fits.
  BOOST_TEST((c.charge(color::black, milliseconds{3300}) == charge_verdict::ok));
  BOOST_TEST(c.remaining(color::black).count() == 0);
  // From now on every move may take byoyomi + margin; byoyomi resets.
  BOOST_TEST(c.deadline_for(color::black).count() == 3200);
  BOOST_TEST((c.charge(color::black, milliseconds{3150}) == charge_verdict::ok));
  BOOST_TEST((c.charge(color::black, milliseconds{3200}) == charge_verdict::ok));
  // White's clock is untouched.
  BOOST_TEST(c.remaining(color::white).count() == 1000);
  auto limits = c.limits_for(color::black);
  BOOST_TEST(limits.black_time.count() == 0);
  BOOST_TEST(limits.white_time.count() == 1000);
  BOOST_TEST(limits.byoyomi.count() == 3000);
  BOOST_TEST(limits.black_increment.count() == 0);
}

BOOST_AUTO_TEST_CASE(over_byoyomi_plus_margin_is_a_timeout) {
  spec::time_control tc;
  tc.byoyomi = milliseconds{1000};
  tc.margin = milliseconds{100};
  game::clock c(tc);
  BOOST_TEST((c.charge(color::white, milliseconds{1100}) == charge_verdict::ok));
  BOOST_TEST((c.charge(color::white, milliseconds{1101}) == charge_verdict::timeout));
}

BOOST_AUTO_TEST_CASE(fischer_increments_add_after_each_move) {
  spec::time_control tc;
  tc.main = milliseconds{10000};
  tc.increment = milliseconds{1000};
  tc.margin = milliseconds{0};
  game::clock c(tc);
  BOOST_TEST((c.charge(color::black, milliseconds{500}) == charge_verdict::ok));
  BOOST_TEST(c.remaining(color::black).count() == 10500);  // 10000 - 500 + 1000
  BOOST_TEST((c.charge(color::black, milliseconds{3000}) == charge_verdict::ok));
  BOOST_TEST(c.remaining(color::black).count() == 8500);
  auto limits = c.limits_for(color::black);
  BOOST_TEST(limits.black_time.count() == 8500);
  BOOST_TEST(limits.black_increment.count() == 1000);
  BOOST_TEST(limits.white_increment.count() == 1000);
  BOOST_TEST(limits.byoyomi.count() == 0);
  BOOST_TEST(c.deadline_for(color::black).count() == 8500);
  BOOST_TEST((c.charge(color::black, milliseconds{8501}) == charge_verdict::timeout));
  BOOST_TEST(c.used(color::black).count() == 12001);
}

BOOST_AUTO_TEST_CASE(sudden_death_loses_past_remaining_plus_margin) {
  spec::time_control tc;
  tc.main = milliseconds{2000};
  tc.margin = milliseconds{50};
  game::clock c(tc);
  BOOST_TEST((c.charge(color::white, milliseconds{2000}) == charge_verdict::ok));
  BOOST_TEST(c.remaining(color::white).count() == 0);
  BOOST_TEST((c.charge(color::white, milliseconds{51}) == charge_verdict::timeout));
}

BOOST_AUTO_TEST_CASE(clockless_nodes_limits_have_a_stall_deadline) {
  spec::time_control tc;
  tc.nodes = 10000;
  tc.clockless_move_budget = milliseconds{1500};
  game::clock c(tc);
  BOOST_TEST(c.clockless());
  BOOST_TEST(c.deadline_for(color::black).count() == 1500);
  BOOST_TEST((c.overdue_verdict() == charge_verdict::stall));
  BOOST_TEST((c.charge(color::black, milliseconds{1500}) == charge_verdict::ok));
  BOOST_TEST((c.charge(color::black, milliseconds{1501}) == charge_verdict::stall));
  auto limits = c.limits_for(color::white);
  BOOST_TEST(limits.clockless());
  BOOST_TEST((limits.nodes == std::uint64_t{10000}));
}

BOOST_AUTO_TEST_CASE(movetime_is_a_per_move_clock) {
  spec::time_control tc;
  tc.movetime = milliseconds{300};
  tc.margin = milliseconds{100};
  game::clock c(tc);
  BOOST_TEST(c.deadline_for(color::white).count() == 400);
  BOOST_TEST((c.overdue_verdict() == charge_verdict::timeout));
  BOOST_TEST((c.charge(color::white, milliseconds{400}) == charge_verdict::ok));
  BOOST_TEST((c.charge(color::white, milliseconds{401}) == charge_verdict::timeout));
}

BOOST_AUTO_TEST_SUITE_END()
