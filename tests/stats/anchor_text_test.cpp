#include "tourney/stats/anchor_text.hpp"

#include <boost/test/unit_test.hpp>

using namespace tourney::stats;

BOOST_AUTO_TEST_SUITE(stats_anchor_text)

BOOST_AUTO_TEST_CASE(hard_and_loose_anchors) {
  auto hard = parse_anchor("ckpt-10=1500");
  BOOST_REQUIRE(hard.has_value());
  BOOST_TEST(hard->name == "ckpt-10");
  BOOST_TEST(hard->elo == 1500.0);
  BOOST_TEST(hard->sd == 0.0);
  auto loose = parse_anchor("a=b=-20.5+-35");  // the name is all before the last '='
  BOOST_REQUIRE(loose.has_value());
  BOOST_TEST(loose->name == "a=b");
  BOOST_TEST(loose->elo == -20.5);
  BOOST_TEST(loose->sd == 35.0);
}

BOOST_AUTO_TEST_CASE(bad_anchors_say_what_is_wrong) {
  for (const char* text :
       {"ckpt", "=100", "x=abc", "x=", "x=10+-", "x=10+-0", "x=10+-y", "x=10 ", "x=nan", "x=inf"}) {
    auto a = parse_anchor(text);
    BOOST_TEST(!a.has_value(), text);
    if (!a) {
      BOOST_TEST(a.error().message.find("expected NAME=ELO") != std::string::npos);
      BOOST_TEST(a.error().message.find(text) != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
