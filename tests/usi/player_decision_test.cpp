// Engine answers as player decisions. Moves are checked against the rules
// core's own USI writer (round trip) and the USI notation (docs/shogi.md 7).
#include "tourney/usi/player_decision.hpp"

#include <boost/test/unit_test.hpp>

#include "tourney/shogi/notation.hpp"

using namespace tourney::usi;
using tourney::players::decision;

BOOST_AUTO_TEST_SUITE(usi_player_decision)

BOOST_AUTO_TEST_CASE(moves_with_search_information) {
  engine_decision answer;
  answer.move = "8h2b+";
  answer.info.eval = score{score::unit::cp, -35, false, false, true};
  answer.info.depth = 12;
  answer.info.nodes = 1000;
  answer.info.pv = {"8h2b+", "3a2b"};
  auto converted = to_player_decision(answer);
  BOOST_REQUIRE(converted);
  BOOST_TEST((converted->what == decision::kind::move));
  BOOST_TEST(tourney::shogi::to_usi(converted->chosen) == "8h2b+");
  BOOST_TEST(converted->score_cp.value_or(0) == -35);
  BOOST_TEST(!converted->mate_in);
  BOOST_TEST(converted->depth.value_or(0) == 12);
  BOOST_TEST(converted->nodes.value_or(0) == 1000u);
  BOOST_TEST((converted->pv == std::vector<std::string>{"8h2b+", "3a2b"}));

  answer.move = "B*4e";
  answer.info.eval = score{score::unit::mate, -3, false, false, false};
  converted = to_player_decision(answer);
  BOOST_REQUIRE(converted);
  BOOST_TEST(tourney::shogi::to_usi(converted->chosen) == "B*4e");
  BOOST_TEST(converted->mate_in.value_or(0) == -3);
  BOOST_TEST(!converted->score_cp);

  answer.info.eval = score{score::unit::mate, 1, true, false, false};  // "mate +"
  converted = to_player_decision(answer);
  BOOST_REQUIRE(converted);
  BOOST_TEST(!converted->mate_in);
}

BOOST_AUTO_TEST_CASE(resign_and_declaration) {
  engine_decision answer;
  answer.what = bestmove_line::kind::resign;
  BOOST_TEST((to_player_decision(answer)->what == decision::kind::resign));
  answer.what = bestmove_line::kind::win;
  BOOST_TEST((to_player_decision(answer)->what == decision::kind::declare_win));
}

BOOST_AUTO_TEST_CASE(unparsable_move_is_an_error_naming_it) {
  engine_decision answer;
  answer.move = "P*3d+";
  auto converted = to_player_decision(answer);
  BOOST_REQUIRE(!converted);
  BOOST_TEST(converted.error().message.find("P*3d+") != std::string::npos,
             converted.error().message);
}

BOOST_AUTO_TEST_SUITE_END()
