#include "tourney/record/sfen_moves.hpp"

#include <boost/test/unit_test.hpp>

#include "tourney/record/game_record.hpp"
#include "tourney/shogi/notation.hpp"

using namespace tourney;

BOOST_AUTO_TEST_SUITE(record_sfen_moves)

BOOST_AUTO_TEST_CASE(startpos_with_and_without_moves_and_prefix) {
  auto line = record::parse_position_line("startpos moves 7g7f 3c3d");
  BOOST_REQUIRE_MESSAGE(line.has_value(), line.error().message);
  BOOST_TEST(line->moves.size() == 2u);
  BOOST_TEST(record::is_startpos_sfen(line->start_sfen));
  // After 7g7f 3c3d: black pawn on 7f, white pawn on 3d, black to move.
  BOOST_TEST(line->end.to_sfen() ==
             "lnsgkgsnl/1r5b1/pppppp1pp/6p2/9/2P6/PP1PPPPPP/1B5R1/LNSGKGSNL b - 3");
  auto bare = record::parse_position_line("position startpos");
  BOOST_REQUIRE(bare.has_value());
  BOOST_TEST(bare->moves.empty());
  auto moves_only = record::parse_position_line("  position   startpos moves  ");
  BOOST_REQUIRE(moves_only.has_value());
  BOOST_TEST(moves_only->moves.empty());
}

BOOST_AUTO_TEST_CASE(sfen_with_and_without_keyword) {
  const std::string sfen = "8k/9/8P/9/9/9/9/9/K8 b G 1";
  auto line = record::parse_position_line("position sfen " + sfen + " moves G*1b");
  BOOST_REQUIRE_MESSAGE(line.has_value(), line.error().message);
  BOOST_TEST(line->start_sfen == sfen);
  BOOST_TEST(line->moves.size() == 1u);
  BOOST_TEST(line->end.is_checkmate());
  auto bare = record::parse_position_line(sfen);
  BOOST_REQUIRE(bare.has_value());
  // Without the move number.
  auto short_sfen = record::parse_position_line("sfen 8k/9/8P/9/9/9/9/9/K8 b G moves G*1b");
  BOOST_REQUIRE_MESSAGE(short_sfen.has_value(), short_sfen.error().message);
  BOOST_TEST(short_sfen->moves.size() == 1u);
  BOOST_TEST(record::format_position_line(sfen, line->moves) == "sfen " + sfen + " moves G*1b");
  BOOST_TEST(record::format_position_line(record::startpos_sfen, {}) == "startpos");
}

BOOST_AUTO_TEST_CASE(errors_name_the_bad_token) {
  auto check = [](const std::string& text, const std::string& needle) {
    auto line = record::parse_position_line(text);
    BOOST_REQUIRE_MESSAGE(!line.has_value(), text);
    BOOST_TEST_INFO(line.error().message);
    BOOST_TEST(line.error().message.find(needle) != std::string::npos);
  };
  check("", "empty");
  check("position", "empty");
  check("starpos", "'starpos'");
  check("startpos 7g7f", "expected 'moves'");
  check("startpos moves 7g7f 3c3d 7f7d", "move 3 (7f7d)");
  check("startpos moves 7g7f xyz", "move 2 (xyz)");
  check("sfen 8k/9/9 b", "incomplete SFEN");
  check("sfen 8k/9/8P/9/9/9/9/9/K8 x - 1", "position line:");
}

BOOST_AUTO_TEST_CASE(at_drops_only_when_allowed) {
  const std::string sfen = "sfen 8k/9/8P/9/9/9/9/9/K8 b G 1 moves G@1b";
  BOOST_TEST(!record::parse_position_line(sfen).has_value());
  BOOST_TEST(record::parse_position_line(sfen, true).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
