// SFEN parsing and printing: round trips of positions whose SFEN is given by
// the reference (docs/shogi.md), and one case per class of
// defect, each checking that the error names the problem.
#include <string>

#include <boost/test/unit_test.hpp>

#include "tourney/shogi/position.hpp"

using namespace tourney::shogi;

namespace {

// The error message for an SFEN that must be rejected ("" if it was accepted).
std::string error_of(const std::string& sfen) {
  auto pos = position::from_sfen(sfen);
  return pos ? std::string() : pos.error().message;
}

bool mentions(const std::string& message, const std::string& part) {
  return message.find(part) != std::string::npos;
}

#define CHECK_REJECTED(sfen, part)                                             \
  do {                                                                         \
    const std::string message = error_of(sfen);                                \
    BOOST_TEST(!message.empty(), "accepted: " << (sfen));                      \
    BOOST_TEST(mentions(message, part), "'" << message << "' lacks '" << (part) << "'"); \
  } while (false)

const std::string kings = "4k4/9/9/9/9/9/9/9/4K4";

}  // namespace

BOOST_AUTO_TEST_SUITE(shogi_sfen)

BOOST_AUTO_TEST_CASE(reference_positions_round_trip) {
  for (const char* sfen : {
           "lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1",
           "l6nl/5+P1gk/2np1S3/p1p4Pp/3P2Sp1/1PPb2P1P/P5GS1/R8/LN4bKL w RGgsn5p 1",
           "lnsgkg1nl/1r5s1/pppppp1pp/6p2/9/2P6/PP1PPPPPP/7R1/LNSGKGSNL b Bb 1",
           "4k4/4G4/4P4/9/9/9/9/9/4K4 w 2r2b3g4s4n4l17p 2",
       }) {
    auto pos = position::from_sfen(sfen);
    BOOST_TEST_REQUIRE(pos.has_value(), sfen);
    BOOST_TEST(pos->to_sfen() == sfen);
  }
}

BOOST_AUTO_TEST_CASE(fields_are_read) {
  auto pos = position::from_sfen("l6nl/5+P1gk/2np1S3/p1p4Pp/3P2Sp1/1PPb2P1P/P5GS1/R8/LN4bKL w GR5pnsg 42");
  BOOST_TEST_REQUIRE(pos.has_value());
  BOOST_TEST((pos->side_to_move() == color::white));
  BOOST_TEST(pos->move_number() == 42);
  BOOST_TEST(pos->hand_count(color::black, piece_kind::gold) == 1);
  BOOST_TEST(pos->hand_count(color::black, piece_kind::rook) == 1);
  BOOST_TEST(pos->hand_count(color::white, piece_kind::pawn) == 5);
  BOOST_TEST(pos->hand_count(color::white, piece_kind::knight) == 1);
  BOOST_TEST((pos->at(make_square(4, 2)) == piece{piece_kind::pro_pawn, color::black}));
  BOOST_TEST((pos->at(make_square(1, 2)) == piece{piece_kind::king, color::white}));
  BOOST_TEST(pos->king_square(color::black) == make_square(2, 9));
  // The hands are printed in the standard order (R B G S N L P, Black first).
  BOOST_TEST(pos->to_sfen() ==
             "l6nl/5+P1gk/2np1S3/p1p4Pp/3P2Sp1/1PPb2P1P/P5GS1/R8/LN4bKL w RGgsn5p 42");
}

BOOST_AUTO_TEST_CASE(move_number_is_optional_and_spaces_are_tolerated) {
  auto pos = position::from_sfen("  " + kings + "   b  -  ");
  BOOST_TEST_REQUIRE(pos.has_value());
  BOOST_TEST(pos->move_number() == 1);
}

BOOST_AUTO_TEST_CASE(missing_fields) {
  CHECK_REJECTED("", "empty");
  CHECK_REJECTED(kings, "side to move");
  CHECK_REJECTED(kings + " b", "hands");
  CHECK_REJECTED(kings + " b - 1 extra", "unexpected text");
}

BOOST_AUTO_TEST_CASE(rank_lengths) {
  CHECK_REJECTED("4k5/9/9/9/9/9/9/9/4K4 b -", "rank 1 (a)");
  CHECK_REJECTED("4k4/9/91/9/9/9/9/9/4K4 b -", "rank 3 (c) has more than 9 squares");
  CHECK_REJECTED("4k4/9/9/8/9/9/9/9/4K4 b -", "rank 4 (d) has 8 squares");
  CHECK_REJECTED("4k4/9/9/9/9/9/9/9/4K4/9 b -", "more than 9 ranks");
  CHECK_REJECTED("4k4/9/9/9/9/9/9/4K4 b -", "8 ranks");
  CHECK_REJECTED("4k4//9/9/9/9/9/9/4K4 b -", "rank 2 (b) has 0 squares");
}

BOOST_AUTO_TEST_CASE(unknown_letters) {
  CHECK_REJECTED("4k4/9/4x4/9/9/9/9/9/4K4 b -", "unknown piece letter 'x'");
  CHECK_REJECTED("4k4/9/9/9/4*4/9/9/9/4K4 b -", "rank 5 (e)");
  CHECK_REJECTED("4k4/9/9/9/9/9/9/9/4K0 b -", "unknown piece letter");
}

BOOST_AUTO_TEST_CASE(bad_promotion_marks) {
  CHECK_REJECTED("4k4/9/4+G4/9/9/9/9/9/4K4 b -", "gold never promotes");
  CHECK_REJECTED("4k4/9/4+k4/9/9/9/9/9/4K4 b -", "never promotes");
  CHECK_REJECTED("4k4/9/4+4/9/9/9/9/9/4K4 b -", "'+' must be followed by a piece letter");
  CHECK_REJECTED("4k4/9/9/9/9/9/9/8+/4K4 b -", "'+' must be followed");
  CHECK_REJECTED("4k4/9/9/9/9/9/9/9/4K3+ b -", "'+'");
  CHECK_REJECTED("4k4/9/4++P4/9/9/9/9/9/4K4 b -", "'++'");
}

BOOST_AUTO_TEST_CASE(too_many_pieces_of_a_kind) {
  CHECK_REJECTED("4k4/9/9/9/RRR6/9/9/9/4K4 b -", "too many rooks: 3");
  CHECK_REJECTED("4k4/9/9/9/R+r7/9/9/9/4K4 b R", "too many rooks: 3");
  // 17 pawns on the board and 2 in hand.
  CHECK_REJECTED("lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPP1/1B5R1/LNSGKGSNL b 2P", "too many pawns: 19");
}

BOOST_AUTO_TEST_CASE(dead_pieces) {
  CHECK_REJECTED("P3k4/9/9/9/9/9/9/9/4K4 b -", "black pawn on 9a can never move");
  CHECK_REJECTED("4k4/9/9/9/9/9/9/9/4K3l w -", "white lance on 1i");
  CHECK_REJECTED("4k4/N8/9/9/9/9/9/9/4K4 b -", "black knight on 9b");
  CHECK_REJECTED("4k4/9/9/9/9/9/9/n8/4K4 b -", "white knight on 9h");
  // Promoted pieces and pieces that can move back are fine on the last ranks.
  BOOST_TEST(error_of("+P3k3+n/9/9/9/9/9/9/9/4K3L b -").empty());
}

BOOST_AUTO_TEST_CASE(missing_or_extra_king) {
  CHECK_REJECTED("9/9/9/9/9/9/9/9/4K4 b -", "white has no king");
  CHECK_REJECTED("4k4/9/9/9/9/9/9/9/9 b -", "black has no king");
  CHECK_REJECTED("4k4/9/9/9/9/9/9/9/3KK4 b -", "black has 2 kings");
}

BOOST_AUTO_TEST_CASE(nifu_on_the_board) {
  CHECK_REJECTED("4k4/9/9/4P4/9/4P4/9/9/4K4 b -", "nifu: black has 2 unpromoted pawns on file 5");
  // A tokin and a pawn on one file, or pawns of both sides, are not nifu.
  BOOST_TEST(error_of("4k4/9/9/4+P4/9/4P4/9/9/4K4 b -").empty());
  BOOST_TEST(error_of("4k4/9/9/4p4/9/4P4/9/9/4K4 b -").empty());
}

BOOST_AUTO_TEST_CASE(bad_hands) {
  CHECK_REJECTED(kings + " b 0P", "count 0");
  CHECK_REJECTED(kings + " b 19P", "19 pawns");
  CHECK_REJECTED(kings + " b 3R", "3 rooks");
  CHECK_REJECTED(kings + " b 123456789P", "too large");
  CHECK_REJECTED(kings + " b P2", "count 2 is not followed by a piece letter");
  CHECK_REJECTED(kings + " b K", "king cannot be in hand");
  CHECK_REJECTED(kings + " b PP", "listed twice");
  CHECK_REJECTED(kings + " b +P", "unknown piece letter '+'");
  CHECK_REJECTED(kings + " b X", "unknown piece letter 'X'");
  CHECK_REJECTED(kings + " b --", "unknown piece letter '-'");
}

BOOST_AUTO_TEST_CASE(bad_side_to_move) {
  CHECK_REJECTED(kings + " x -", "side to move must be 'b' or 'w', got 'x'");
  CHECK_REJECTED(kings + " B -", "got 'B'");
}

BOOST_AUTO_TEST_CASE(bad_move_number) {
  CHECK_REJECTED(kings + " b - abc", "move number must be a positive integer, got 'abc'");
  CHECK_REJECTED(kings + " b - 0", "got '0'");
  CHECK_REJECTED(kings + " b - -3", "got '-3'");
  CHECK_REJECTED(kings + " b - 99999999999999999999", "too large");
}

BOOST_AUTO_TEST_CASE(side_not_to_move_in_check) {
  // Black's rook attacks the white king with Black to move: White's last move
  // would have left its own king in check.
  CHECK_REJECTED("4k4/9/9/9/4R4/9/9/9/4K4 b -", "white is not to move but its king is in check");
  BOOST_TEST(error_of("4k4/9/9/9/4R4/9/9/9/4K4 w -").empty());
}

BOOST_AUTO_TEST_CASE(control_bytes_are_shown_safely) {
  CHECK_REJECTED(std::string("4k4/9/9/9/4\x01") + "4/9/9/9/4K4 b -", "byte 0x01");
}

BOOST_AUTO_TEST_SUITE_END()
