#include "tourney/stats/checkpoint_order.hpp"

#include <boost/test/unit_test.hpp>

using namespace tourney::stats;

BOOST_AUTO_TEST_SUITE(stats_checkpoint_order)

BOOST_AUTO_TEST_CASE(by_the_last_number_in_the_name_not_as_text) {
  const std::vector<std::string> names{"ckpt-100", "random", "ckpt-9", "run2-step1500", "ckpt-10"};
  const std::vector<int> expected{2, 4, 0, 3};  // 9, 10, 100, 1500; "random" left out
  BOOST_TEST(checkpoint_order(names) == expected);
}

BOOST_AUTO_TEST_SUITE_END()
