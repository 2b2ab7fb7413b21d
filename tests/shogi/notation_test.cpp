// USI and CSA move notation. Known strings come from the USI document and the
// CSA V2.2 record format as summarised in docs/shogi.md
// (sections 7 and 8; "+7776FU" is also libosl's csa::show of 7g7f).
#include <string>

#include <boost/test/unit_test.hpp>

#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"

using namespace tourney::shogi;

namespace {

std::string error_of(const tourney::expected<move>& m) {
  return m ? std::string() : m.error().message;
}

bool mentions(const std::string& message, const std::string& part) {
  return message.find(part) != std::string::npos;
}

position parse(const std::string& sfen) {
  auto pos = position::from_sfen(sfen);
  BOOST_TEST_REQUIRE(pos.has_value(), (pos ? "" : pos.error().message));
  return *pos;
}

position after(std::initializer_list<const char*> moves) {
  auto pos = position::startpos();
  for (const char* text : moves) {
    auto m = parse_legal_usi_move(pos, text);
    BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message));
    pos.play(*m);
  }
  return pos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shogi_notation)

BOOST_AUTO_TEST_CASE(usi_syntax) {
  auto m = parse_usi_move("7g7f");
  BOOST_TEST_REQUIRE(m.has_value());
  BOOST_TEST((*m == move::board(make_square(7, 7), make_square(7, 6), false)));
  m = parse_usi_move("8h2b+");
  BOOST_TEST_REQUIRE(m.has_value());
  BOOST_TEST((*m == move::board(make_square(8, 8), make_square(2, 2), true)));
  m = parse_usi_move("P*5e");
  BOOST_TEST_REQUIRE(m.has_value());
  BOOST_TEST((*m == move::drop(piece_kind::pawn, make_square(5, 5))));
  // Sjaak II writes drops with '@'; accepted only when asked for.
  BOOST_TEST(mentions(error_of(parse_usi_move("B@4e")), "'@'"));
  m = parse_usi_move("B@4e", true);
  BOOST_TEST_REQUIRE(m.has_value());
  BOOST_TEST((*m == move::drop(piece_kind::bishop, make_square(4, 5))));
}

BOOST_AUTO_TEST_CASE(usi_syntax_errors_name_the_move_and_the_problem) {
  BOOST_TEST(mentions(error_of(parse_usi_move("")), "empty"));
  BOOST_TEST(mentions(error_of(parse_usi_move("7g7")), "7g7: not a USI move"));
  BOOST_TEST(mentions(error_of(parse_usi_move("7g7f++")), "not a USI move"));
  BOOST_TEST(mentions(error_of(parse_usi_move("7j7f")), "'7j' is not a square"));
  BOOST_TEST(mentions(error_of(parse_usi_move("0g7f")), "'0g' is not a square"));
  BOOST_TEST(mentions(error_of(parse_usi_move("7g7F")), "'7F' is not a square"));
  BOOST_TEST(mentions(error_of(parse_usi_move("7g7f=")), "unexpected '='"));
  BOOST_TEST(mentions(error_of(parse_usi_move("7g7g")), "does not move"));
  BOOST_TEST(mentions(error_of(parse_usi_move("K*5e")), "king cannot be dropped"));
  BOOST_TEST(mentions(error_of(parse_usi_move("p*5e")), "unknown piece letter 'p'"));
  BOOST_TEST(mentions(error_of(parse_usi_move("+*5e")), "unknown piece letter"));
  BOOST_TEST(mentions(error_of(parse_usi_move("P*5j")), "'5j' is not a square"));
  BOOST_TEST(mentions(error_of(parse_usi_move("P*5e+")), "drop cannot promote"));
  BOOST_TEST(mentions(error_of(parse_usi_move(std::string("7g\0" "7f", 5))), "\\x00"));
}

BOOST_AUTO_TEST_CASE(usi_round_trips_over_all_legal_moves) {
  for (const char* sfen : {
           "lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1",
           "l6nl/5+P1gk/2np1S3/p1p4Pp/3P2Sp1/1PPb2P1P/P5GS1/R8/LN4bKL w GR5pnsg 1",
           "lnsgkg1nl/1r5s1/pppppp1pp/6p2/9/2P6/PP1PPPPPP/7R1/LNSGKGSNL b Bb 1",
       }) {
    const auto pos = parse(sfen);
    for (move m : pos.legal_moves()) {
      const std::string text = to_usi(m);
      auto back = parse_usi_move(text);
      BOOST_TEST_REQUIRE(back.has_value(), text);
      BOOST_TEST((*back == m), text);
      auto legal = parse_legal_usi_move(pos, text);
      BOOST_TEST((legal.has_value() && *legal == m), text);
    }
  }
  BOOST_TEST(to_usi(move::board(make_square(8, 8), make_square(2, 2), true)) == "8h2b+");
  BOOST_TEST(to_usi(move::drop(piece_kind::knight, make_square(1, 3))) == "N*1c");
}

BOOST_AUTO_TEST_CASE(illegal_usi_moves_say_which_and_why) {
  const auto start = position::startpos();
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(start, "8h2b+")), "8h2b+: illegal"));
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(start, "8h2b+")), "bishop on 8h cannot move to 2b"));
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(start, "3c3d")), "no piece of the side to move on 3c"));
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(start, "5e5d")), "no piece of the side to move on 5e"));
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(start, "P*5e")), "black has no pawn in hand"));
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(start, "6i5i")), "5i is occupied by black's own king"));
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(start, "7g7f+")), "promotion zone"));
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(start, "5i5h+")), "king never promotes"));
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(start, "7g7e")), "pawn on 7g cannot move to 7e"));
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(start, "B@4e", true)), "no bishop in hand"));
  const auto hands = parse("lnsgkg1nl/1r5s1/pppppp1pp/6p2/9/2P6/PP1PPPPPP/7R1/LNSGKGSNL b Bb 1");
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(hands, "B*5g")), "5g is occupied"));
  BOOST_TEST(error_of(parse_legal_usi_move(hands, "B@4e", true)).empty());
  const auto pawn = parse("4k4/P8/9/9/9/9/9/9/4K4 b - 1");
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(pawn, "9b9a")), "must promote"));
  const auto horse = parse("4k4/9/9/9/4+B4/9/9/9/4K4 b - 1");
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(horse, "5e4d+")), "already promoted"));
  const auto pin = parse("4r3k/9/9/9/9/9/9/4G4/4K4 b - 1");
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(pin, "5h4h")), "leaves the king in check"));
  const auto dead = parse("4k4/9/9/9/9/9/9/9/4K4 b N 1");
  BOOST_TEST(mentions(error_of(parse_legal_usi_move(dead, "N*4b")), "could never move"));
}

BOOST_AUTO_TEST_CASE(csa_moves) {
  const auto start = position::startpos();
  BOOST_TEST(to_csa(start, *parse_usi_move("7g7f")) == "+7776FU");
  BOOST_TEST(to_csa(start, *parse_usi_move("2h2f")) == "+2826HI");
  BOOST_TEST(to_csa(start, *parse_usi_move("5i4h")) == "+5948OU");
  const auto second = after({"7g7f"});
  BOOST_TEST(to_csa(second, *parse_usi_move("3c3d")) == "-3334FU");
  // A promotion shows the promoted piece: bishop takes bishop and promotes.
  const auto third = after({"7g7f", "3c3d"});
  BOOST_TEST(to_csa(third, *parse_usi_move("8h2b+")) == "+8822UM");
  BOOST_TEST(to_csa(third, *parse_usi_move("8h2b")) == "+8822KA");
  // Drops come from 00.
  const auto hands = after({"7g7f", "3c3d", "8h2b+", "3a2b"});
  BOOST_TEST(to_csa(hands, *parse_usi_move("B*4e")) == "+0045KA");
  const auto white_hand = after({"7g7f", "3c3d", "8h2b+", "3a2b", "B*4e"});
  BOOST_TEST(to_csa(white_hand, *parse_usi_move("B*5e")) == "-0055KA");
  // Promoted names: TO NY NK NG RY, and a promoted piece keeps its name.
  const auto zone = parse("4k4/P8/1L5N1/2S6/9/9/9/9/R3K4 b - 1");
  BOOST_TEST(to_csa(zone, *parse_usi_move("9b9a+")) == "+9291TO");
  BOOST_TEST(to_csa(zone, *parse_usi_move("8c8b+")) == "+8382NY");
  BOOST_TEST(to_csa(zone, *parse_usi_move("2c1a+")) == "+2311NK");
  BOOST_TEST(to_csa(zone, *parse_usi_move("7d7c+")) == "+7473NG");
  BOOST_TEST(to_csa(zone, *parse_usi_move("9i9c+")) == "+9993RY");
  const auto dragon = parse("4k4/9/9/9/9/9/9/9/+R3K4 b - 1");
  BOOST_TEST(to_csa(dragon, *parse_usi_move("9i9h")) == "+9998RY");
}

BOOST_AUTO_TEST_SUITE_END()
