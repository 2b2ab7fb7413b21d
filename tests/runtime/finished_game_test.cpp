// A game played on a worker arrives as its journal line; reading it back
// keeps the line and refuses lines that are not this game's.
#include <boost/test/unit_test.hpp>

#include "tourney/runtime/finished_game.hpp"

using namespace tourney::rt;
namespace game = tourney::game;

namespace {

finished_game expected_game() {
  finished_game g;
  g.game_id = "abcd1234-00007";
  g.index = 7;
  g.round = 1;
  g.black = "ab";
  g.white = "rnd";
  return g;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runtime_finished_game)

BOOST_AUTO_TEST_CASE(a_worker_line_is_read_and_kept_whole) {
  const std::string line =
      R"({"game_id":"abcd1234-00007","result":"white_win","reason":"checkmate","plies":41,)"
      R"("duration_s":0.5,"start_sfen":"startpos","moves":["7g7f"],"index":7,"round":1})";
  auto g = finished_game_from_line(line, expected_game());
  BOOST_REQUIRE_MESSAGE(static_cast<bool>(g), (g ? "" : g.error().message));
  BOOST_TEST((g->result == game::result::white_win));
  BOOST_TEST(g->reason == "checkmate");
  BOOST_TEST(g->plies == 41);
  BOOST_TEST(g->black == "ab");
  BOOST_TEST(g->remote_line == line);
  g->node = "w1:9000";
  // The journal line is the worker's line plus where it was played.
  const auto out = to_json_line(*g);
  BOOST_TEST(out.find(R"("node":"w1:9000")") != std::string::npos);
  BOOST_TEST(out.find(R"("moves":["7g7f"])") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lines_that_are_not_this_game_are_errors_saying_why) {
  const std::pair<const char*, const char*> bad[] = {
      {"{not json", "not a JSON object"},
      {R"({"game_id":"abcd1234-00008","result":"draw"})", "'abcd1234-00008', not abcd1234-00007"},
      {R"({"game_id":"abcd1234-00007","result":"won"})", "result 'won'"},
  };
  for (const auto& [line, why] : bad) {
    auto g = finished_game_from_line(line, expected_game());
    BOOST_REQUIRE_MESSAGE(!g, line);
    BOOST_TEST(g.error().message.find(why) != std::string::npos, g.error().message);
  }
}

BOOST_AUTO_TEST_SUITE_END()
