// A game played on a worker arrives as its journal line; it is parsed once
// into its record (journaled again from it, with where it was played), and
// lines that are not this game's are refused.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

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
  // 41 plies but one move: a summary, not a whole record.
  BOOST_TEST(!g->record.has_value());
  g->node = "w1:9000";
  // The journal line is the worker's line plus where it was played.
  const auto out = to_json_line(*g);
  BOOST_TEST(out.find(R"("node":"w1:9000")") != std::string::npos);
  BOOST_TEST(out.find(R"("moves":["7g7f"])") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_worker_s_whole_record_is_parsed_once_and_journaled_with_every_key) {
  // A rules referee's line, written by hand: two moves with their times and
  // one engine's info, a book ply and the clock times.
  const std::string line =
      R"({"game_id":"abcd1234-00007","black":"ab","white":"rnd","result":"black_win","reason":"resign",)"
      R"("detail":"","plies":2,"start_sfen":"lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1",)"
      R"("moves":["7g7f","3c3d"],"move_ms":[12,34],"book_plies":1,)"
      R"("info":[null,{"score_cp":-25,"depth":7,"nodes":1000,"pv":["3c3d","2g2f"]}],)"
      R"("start_time":"2026-12-08T01:02:03.000Z","end_time":"2026-12-08T01:02:04.500Z","index":7,"round":1})";
  auto g = finished_game_from_line(line, expected_game());
  BOOST_REQUIRE_MESSAGE(static_cast<bool>(g), (g ? "" : g.error().message));
  BOOST_REQUIRE(g->record.has_value());
  BOOST_TEST(g->record->moves.size() == 2u);
  BOOST_TEST(g->record->moves[0].book);
  BOOST_TEST(g->record->moves[1].elapsed.count() == 34);
  BOOST_TEST(g->record->moves[1].pv.size() == 2u);
  g->node = "w1:9000";
  // Journaled from the record: the worker's keys and values, plus the node.
  auto out = nlohmann::json::parse(to_json_line(*g));
  auto in = nlohmann::json::parse(line);
  for (const auto& [key, value] : in.items()) {
    BOOST_TEST(out.contains(key), key);
    if (out.contains(key) && key != "duration_s") {
      BOOST_TEST(out[key] == value, key << ": " << out[key].dump() << " != " << value.dump());
    }
  }
  BOOST_TEST(out["node"] == "w1:9000");
  BOOST_TEST(out["duration_s"].get<double>() == 1.5, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(a_game_played_here_names_no_node) {
  auto g = expected_game();
  g.result = game::result::draw;
  g.reason = "max_plies";
  BOOST_TEST(nlohmann::json::parse(to_json_line(g)).contains("node") == false);
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
