#include "tourney/record/csa.hpp"

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "record/record_fixture.hpp"

using namespace tourney;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(record_csa)

BOOST_AUTO_TEST_CASE(a_short_game_is_written_as_the_v22_format_says) {
  auto csa = record::to_csa(test::short_game());
  BOOST_REQUIRE_MESSAGE(csa.has_value(), csa.error().message);
  // Written by hand from docs/shogi.md section 8 (CSA V2.2): version, names,
  // start time, hirate, black to move, moves with T<seconds> (truncated),
  // resignation of the side to move.
  const std::vector<std::string> expected = {
      "V2.2",
      "N+alice",
      "N-bob",
      "$START_TIME:2026/11/29 10:00:00",
      "$END_TIME:2026/11/29 10:00:04",
      "'game_id: g-0001",
      "PI",
      "+",
      "+7776FU",
      "T1",
      "-3334FU",
      "T0",
      "+8822UM",
      "T2",
      "-3122GI",
      "T0",
      "%TORYO",
      "'tourney result=white_win reason=resign detail=black resigned",
  };
  const auto lines = lines_of(*csa);
  BOOST_TEST(lines == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_non_start_position_is_written_square_by_square) {
  auto rec = test::short_game();
  // White king 1a, black pawn 1c, black king 9i; black has a gold and two
  // pawns, white a silver; black mates with G*1b.
  rec.start_sfen = "8k/9/8P/9/9/9/9/9/K8 b G2Ps 1";
  rec.moves.clear();
  record::move_entry mate;
  mate.move = *shogi::parse_usi_move("G*1b");
  rec.moves.push_back(mate);
  rec.result = game::result::black_win;
  rec.reason = game::reason::checkmate;
  rec.detail.clear();
  auto csa = record::to_csa(rec);
  BOOST_REQUIRE_MESSAGE(csa.has_value(), csa.error().message);
  const auto lines = lines_of(*csa);
  const std::vector<std::string> board(lines.begin() + 6, lines.end());
  const std::vector<std::string> expected = {
      "P1 *  *  *  *  *  *  *  * -OU",
      "P2 *  *  *  *  *  *  *  *  * ",
      "P3 *  *  *  *  *  *  *  * +FU",
      "P4 *  *  *  *  *  *  *  *  * ",
      "P5 *  *  *  *  *  *  *  *  * ",
      "P6 *  *  *  *  *  *  *  *  * ",
      "P7 *  *  *  *  *  *  *  *  * ",
      "P8 *  *  *  *  *  *  *  *  * ",
      "P9+OU *  *  *  *  *  *  *  * ",
      "P+00KI00FU00FU",
      "P-00GI",
      "+",
      "+0012KI",
      "T0",
      "%TSUMI",
      "'tourney result=black_win reason=checkmate",
  };
  BOOST_TEST(board == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(endings_name_the_losing_side_when_it_is_not_to_move) {
  auto rec = test::short_game();
  // After 4 plies black is to move; a perpetual check by white is white's
  // illegal action.
  rec.result = game::result::black_win;
  rec.reason = game::reason::perpetual_check;
  auto csa = record::to_csa(rec);
  BOOST_REQUIRE(csa.has_value());
  BOOST_TEST(csa->find("\n%-ILLEGAL_ACTION\n'OUTE_SENNICHITE\n") != std::string::npos);

  rec.result = game::result::white_win;
  rec.reason = game::reason::timeout;
  BOOST_TEST(record::to_csa(rec)->find("\n%TIME_UP\n") != std::string::npos);
  rec.result = game::result::draw;
  rec.reason = game::reason::sennichite;
  BOOST_TEST(record::to_csa(rec)->find("\n%SENNICHITE\n") != std::string::npos);
  rec.reason = game::reason::max_plies;
  BOOST_TEST(record::to_csa(rec)->find("\n%MAX_MOVES\n") != std::string::npos);
  rec.result = game::result::white_win;
  rec.reason = game::reason::declaration;
  BOOST_TEST(record::to_csa(rec)->find("\n%KACHI\n") != std::string::npos);
  rec.reason = game::reason::illegal_move;
  rec.result = game::result::white_win;
  BOOST_TEST(record::to_csa(rec)->find("\n%ILLEGAL_MOVE\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_move_that_does_not_replay_is_an_error) {
  auto rec = test::short_game();
  rec.moves[1].move = *shogi::parse_usi_move("7g7f");  // white cannot move a black pawn
  auto csa = record::to_csa(rec);
  BOOST_REQUIRE(!csa.has_value());
  BOOST_TEST(csa.error().message.find("move 2") != std::string::npos);
  rec.start_sfen = "not an sfen";
  BOOST_TEST(!record::to_csa(rec).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
