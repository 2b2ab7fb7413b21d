#include "tourney/game/outcome.hpp"

#include <boost/test/unit_test.hpp>

using namespace tourney::game;
using tourney::shogi::color;

BOOST_AUTO_TEST_SUITE(game_outcome)

BOOST_AUTO_TEST_CASE(reason_names_are_the_published_ones) {
  // The names issue 4 lists for games.jsonl, spelled out independently.
  BOOST_TEST(to_string(reason::checkmate) == "checkmate");
  BOOST_TEST(to_string(reason::resign) == "resign");
  BOOST_TEST(to_string(reason::declaration) == "declaration");
  BOOST_TEST(to_string(reason::sennichite) == "sennichite");
  BOOST_TEST(to_string(reason::perpetual_check) == "perpetual_check");
  BOOST_TEST(to_string(reason::max_plies) == "max_plies");
  BOOST_TEST(to_string(reason::illegal_move) == "illegal_move");
  BOOST_TEST(to_string(reason::timeout) == "timeout");
  BOOST_TEST(to_string(reason::stall) == "stall");
  BOOST_TEST(to_string(reason::disconnect) == "disconnect");
  BOOST_TEST(to_string(reason::cancelled) == "cancelled");
  BOOST_TEST(to_string(result::black_win) == "black_win");
  BOOST_TEST(to_string(result::draw) == "draw");
}

BOOST_AUTO_TEST_CASE(every_name_round_trips) {
  for (int i = 0; i < reason_count; ++i) {
    const auto r = static_cast<reason>(i);
    auto back = reason_from_string(to_string(r));
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST((*back == r));
  }
  for (int i = 0; i < 4; ++i) {
    const auto r = static_cast<result>(i);
    auto back = result_from_string(to_string(r));
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST((*back == r));
  }
}

BOOST_AUTO_TEST_CASE(unknown_names_are_errors) {
  auto r = reason_from_string("mate");
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message.find("'mate'") != std::string::npos);
  BOOST_TEST(!result_from_string("win").has_value());
  BOOST_TEST(!result_from_string("").has_value());
}

BOOST_AUTO_TEST_CASE(winner_and_loser_follow_the_result) {
  game_end end{loss_for(color::black), reason::resign, ""};
  BOOST_TEST((end.outcome == result::white_win));
  BOOST_TEST((end.winner() == color::white));
  BOOST_TEST((end.loser() == color::black));
  game_end draw{result::draw, reason::sennichite, ""};
  BOOST_TEST(!draw.winner().has_value());
  BOOST_TEST(!draw.loser().has_value());
}

BOOST_AUTO_TEST_CASE(outcome_for_each_side) {
  BOOST_TEST((outcome_for(result::black_win, color::black) == side_outcome::win));
  BOOST_TEST((outcome_for(result::black_win, color::white) == side_outcome::loss));
  BOOST_TEST((outcome_for(result::white_win, color::white) == side_outcome::win));
  BOOST_TEST((outcome_for(result::draw, color::white) == side_outcome::draw));
  BOOST_TEST((outcome_for(result::error, color::black) == side_outcome::none));
}

BOOST_AUTO_TEST_SUITE_END()
