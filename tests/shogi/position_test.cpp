// Rule cases. Expected verdicts come from the rules in
// docs/shogi.md section 6, and where marked from the
// reference's libosl run (section 4, "Tiny C++17 program compiled & run").
#include <algorithm>
#include <string>

#include <boost/test/unit_test.hpp>

#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"

using namespace tourney::shogi;

namespace {

position parse(const std::string& sfen) {
  auto pos = position::from_sfen(sfen);
  BOOST_TEST_REQUIRE(pos.has_value(), (pos ? "" : pos.error().message));
  return *pos;
}

move usi(const std::string& text) {
  auto m = parse_usi_move(text);
  BOOST_TEST_REQUIRE(m.has_value(), text);
  return *m;
}

bool legal(const position& pos, const std::string& text) {
  const bool verdict = pos.is_legal(usi(text));
  // is_legal and the generated list must agree.
  BOOST_TEST(verdict == pos.legal_moves().contains(usi(text)), text);
  return verdict;
}

int moves_from(const position& pos, square from) {
  const move_list moves = pos.legal_moves();
  return static_cast<int>(std::count_if(moves.begin(), moves.end(),
                                        [&](move m) { return !m.is_drop() && m.from() == from; }));
}

// White king on 1a; Black's gold on 2c guards 1b and 2b, the knight on 3c
// guards 2a: a pawn dropped on 1b mates.
const std::string uchifuzume_sfen = "8k/9/6NG1/9/9/9/9/9/4K4 b P2r2b3g4s3n4l17p 1";

}  // namespace

BOOST_AUTO_TEST_SUITE(shogi_position)

BOOST_AUTO_TEST_CASE(start_position) {
  const auto pos = position::startpos();
  BOOST_TEST((pos.side_to_move() == color::black));
  BOOST_TEST(pos.move_number() == 1);
  BOOST_TEST((pos.at(make_square(5, 9)) == piece{piece_kind::king, color::black}));
  BOOST_TEST((pos.at(make_square(8, 8)) == piece{piece_kind::bishop, color::black}));
  BOOST_TEST((pos.at(make_square(8, 2)) == piece{piece_kind::rook, color::white}));
  BOOST_TEST(!pos.at(make_square(5, 5)).has_value());
  BOOST_TEST(pos.king_square(color::white) == make_square(5, 1));
  BOOST_TEST(pos.hand_count(color::black, piece_kind::pawn) == 0);
  BOOST_TEST(!pos.in_check());
  BOOST_TEST(pos.legal_moves().size() == 30u);  // published perft d1
}

BOOST_AUTO_TEST_CASE(default_constructed_position_is_the_start_position) {
  const position pos;
  BOOST_TEST(pos.to_sfen() == position::startpos().to_sfen());
  BOOST_TEST(pos.legal_moves().size() == 30u);
}

BOOST_AUTO_TEST_CASE(kings_in_the_corners) {
  // Attack tests look a knight's jump beyond the board edge; run them from
  // every corner for both sides (ASan checks the bounds). A lone king in a
  // corner has 3 moves.
  for (const char* board : {"K8/9/9/9/9/9/9/9/8k", "8K/9/9/9/9/9/9/9/k8", "k8/9/9/9/9/9/9/9/8K",
                            "8k/9/9/9/9/9/9/9/K8"}) {
    for (const char* side : {" b - 1", " w - 1"}) {
      const std::string sfen = std::string(board) + side;
      const auto pos = parse(sfen);
      BOOST_TEST(pos.legal_moves().size() == 3u, sfen);
      BOOST_TEST(!pos.in_check(), sfen);
    }
  }
}

BOOST_AUTO_TEST_CASE(libosl_reference_position_after_four_plies) {
  // libosl run: inCheck=0; B*4e legal=1; 2b3c legal=0 (white piece); P*3c legal=0.
  const auto pos = parse("lnsgkg1nl/1r5s1/pppppp1pp/6p2/9/2P6/PP1PPPPPP/7R1/LNSGKGSNL b Bb 1");
  BOOST_TEST(!pos.in_check());
  BOOST_TEST(legal(pos, "B*4e"));
  BOOST_TEST(!legal(pos, "2b3c"));
  BOOST_TEST(!legal(pos, "P*3c"));
}

BOOST_AUTO_TEST_CASE(checkmated_position) {
  // libosl run: inCheck=1 legal=0 (White is mated by the gold on 5b).
  const auto pos = parse("4k4/4G4/4P4/9/9/9/9/9/4K4 w 2r2b3g4s4n4l17p 2");
  BOOST_TEST(pos.in_check());
  BOOST_TEST(pos.legal_moves().empty());
  BOOST_TEST(!pos.has_legal_move());
  BOOST_TEST(pos.is_checkmate());
}

BOOST_AUTO_TEST_CASE(gold_drop_mates_from_the_reference) {
  // The reference's mate-in-one: G*5b mates.
  const auto pos = parse("4k4/9/4P4/9/9/9/9/9/4K4 b G2r2b3g4s4n4l17p 1");
  BOOST_TEST(legal(pos, "G*5b"));
  BOOST_TEST(pos.gives_check(usi("G*5b")));
  auto after = pos;
  after.play(usi("G*5b"));
  BOOST_TEST(after.is_checkmate());
}

BOOST_AUTO_TEST_CASE(uchifuzume_pawn_drop_mate_is_illegal) {
  const auto pos = parse(uchifuzume_sfen);
  BOOST_TEST(!legal(pos, "P*1b"));
  auto parsed = parse_legal_usi_move(pos, "P*1b");
  BOOST_TEST_REQUIRE(!parsed.has_value());
  BOOST_TEST(parsed.error().message.find("uchifuzume") != std::string::npos, parsed.error().message);
  // Dropping another piece that mates is legal.
  auto with_gold = parse("8k/9/6NG1/9/9/9/9/9/4K4 b G2r2b2g4s3n4l18p 1");
  BOOST_TEST(legal(with_gold, "G*1b"));
}

BOOST_AUTO_TEST_CASE(mate_by_a_pawn_move_is_legal) {
  // The same net, but the pawn arrives by a move from 1c: legal, and mate.
  const auto pos = parse("8k/9/6NGP/9/9/9/9/9/4K4 b 2r2b3g4s3n4l17p 1");
  BOOST_TEST(legal(pos, "1c1b"));
  BOOST_TEST(legal(pos, "1c1b+"));
  auto after = pos;
  after.play(usi("1c1b"));
  BOOST_TEST(after.is_checkmate());
}

BOOST_AUTO_TEST_CASE(pawn_drop_check_that_is_not_mate_is_legal) {
  // Without the knight the king escapes to 2a.
  const auto pos = parse("8k/9/7G1/9/9/9/9/9/4K4 b P2r2b3g4s4n4l17p 1");
  BOOST_TEST(legal(pos, "P*1b"));
  BOOST_TEST(pos.gives_check(usi("P*1b")));
}

BOOST_AUTO_TEST_CASE(nifu) {
  // libosl run: nifu P*5e legal=0; P*4e legal=1.
  const auto pos = parse("4k4/9/9/9/9/9/4P4/9/4K4 b P 1");
  BOOST_TEST(!legal(pos, "P*5e"));
  BOOST_TEST(legal(pos, "P*4e"));
  auto parsed = parse_legal_usi_move(pos, "P*5e");
  BOOST_TEST_REQUIRE(!parsed.has_value());
  BOOST_TEST(parsed.error().message.find("nifu") != std::string::npos, parsed.error().message);
  // A tokin does not count; the opponent's pawn does not count.
  BOOST_TEST(legal(parse("4k4/9/9/9/9/9/4+P4/9/4K4 b P 1"), "P*5e"));
  BOOST_TEST(legal(parse("4k4/9/9/9/9/9/4p4/9/4K4 b P 1"), "P*5e"));
}

BOOST_AUTO_TEST_CASE(dead_drop_squares) {
  // libosl run: P*4a L*4a N*4b illegal, N*4c legal, P*4b legal.
  const auto pos = parse("4k4/9/9/9/9/9/9/9/4K4 b PLN 1");
  BOOST_TEST(!legal(pos, "P*4a"));
  BOOST_TEST(!legal(pos, "L*4a"));
  BOOST_TEST(!legal(pos, "N*4b"));
  BOOST_TEST(!legal(pos, "N*4a"));
  BOOST_TEST(legal(pos, "N*4c"));
  BOOST_TEST(legal(pos, "P*4b"));
  BOOST_TEST(legal(pos, "L*4b"));
  // Mirrored for White: its last ranks are h and i.
  const auto white = parse("4k4/9/9/9/9/9/9/9/4K4 w pln 1");
  BOOST_TEST(!legal(white, "P*4i"));
  BOOST_TEST(!legal(white, "L*4i"));
  BOOST_TEST(!legal(white, "N*4h"));
  BOOST_TEST(legal(white, "N*4g"));
  BOOST_TEST(legal(white, "P*4h"));
}

BOOST_AUTO_TEST_CASE(forced_and_optional_promotion) {
  // Black pawn on 9b, lance on 8c... rank a is the last rank for Black.
  const auto pos = parse("4k4/P8/1L5N1/9/9/9/9/9/4K4 b - 1");
  BOOST_TEST(legal(pos, "9b9a+"));
  BOOST_TEST(!legal(pos, "9b9a"));  // a pawn on the last rank could never move
  BOOST_TEST(legal(pos, "8c8a+"));
  BOOST_TEST(!legal(pos, "8c8a"));
  BOOST_TEST(legal(pos, "8c8b+"));
  BOOST_TEST(legal(pos, "8c8b"));  // optional: the lance can still move from 8b
  BOOST_TEST(legal(pos, "2c1a+"));
  BOOST_TEST(!legal(pos, "2c1a"));
  // Knight from rank 4 to rank 2 must promote.
  const auto knight = parse("4k4/9/9/7N1/9/9/9/9/4K4 b - 1");
  BOOST_TEST(legal(knight, "2d1b+"));
  BOOST_TEST(!legal(knight, "2d1b"));
  // Moves outside the zone cannot promote; moves out of the zone can.
  const auto pawn = parse("4k4/9/9/9/4P4/9/9/9/4K4 b - 1");
  BOOST_TEST(legal(pawn, "5e5d"));
  BOOST_TEST(!legal(pawn, "5e5d+"));
  const auto bishop = parse("4k4/9/B8/9/9/9/9/9/4K4 b - 1");
  BOOST_TEST(legal(bishop, "9c7e+"));  // leaves the zone: may promote
  BOOST_TEST(legal(bishop, "9c7e"));   // optional non-promotion counts (perft set)
  // Gold and king never promote.
  const auto gold = parse("4k4/9/9/G8/9/9/9/9/4K4 b - 1");
  BOOST_TEST(legal(gold, "9d9c"));
  BOOST_TEST(!legal(gold, "9d9c+"));
}

BOOST_AUTO_TEST_CASE(pinned_piece_stays_on_the_line) {
  // White rook on 5a pins Black's gold on 5h to the king on 5i: only 5h5g.
  const auto pos = parse("4r3k/9/9/9/9/9/9/4G4/4K4 b - 1");
  BOOST_TEST(moves_from(pos, make_square(5, 8)) == 1);
  BOOST_TEST(legal(pos, "5h5g"));
  BOOST_TEST(!legal(pos, "5h4h"));
  BOOST_TEST(!legal(pos, "5h4g"));
  // A pinned rook slides along the pin and may capture the pinner.
  const auto rook = parse("4r3k/9/9/9/9/9/9/4R4/4K4 b - 1");
  BOOST_TEST(legal(rook, "5h5a+"));
  BOOST_TEST(legal(rook, "5h5b"));
  BOOST_TEST(!legal(rook, "5h4h"));
}

BOOST_AUTO_TEST_CASE(king_safety) {
  // The king may not step onto a square the rook attacks, including the square
  // behind it on the rook's line.
  const auto pos = parse("4r3k/9/9/9/9/9/9/9/4K4 b - 1");
  BOOST_TEST(pos.in_check());
  BOOST_TEST(!legal(pos, "5i5h"));
  BOOST_TEST(legal(pos, "5i4h"));
  BOOST_TEST(legal(pos, "5i6i"));
  // The king may not capture a protected piece.
  const auto guarded = parse("8k/9/9/9/9/9/4g4/4s4/4K4 b - 1");
  BOOST_TEST(!legal(guarded, "5i5h"));
  auto parsed = parse_legal_usi_move(guarded, "5i5h");
  BOOST_TEST_REQUIRE(!parsed.has_value());
  BOOST_TEST(parsed.error().message.find("check") != std::string::npos, parsed.error().message);
}

BOOST_AUTO_TEST_CASE(answers_to_check) {
  // Black king 5i in check from the rook on 5a: block, capture or step aside.
  const auto pos = parse("4r3k/9/9/9/9/9/9/9/G3K4 b S 1");
  BOOST_TEST(legal(pos, "S*5e"));      // interpose
  BOOST_TEST(!legal(pos, "S*4e"));     // does not block
  BOOST_TEST(!legal(pos, "9i8i"));     // ignores the check
  auto parsed = parse_legal_usi_move(pos, "9i8i");
  BOOST_TEST_REQUIRE(!parsed.has_value());
  BOOST_TEST(parsed.error().message.find("does not answer the check") != std::string::npos);
  // Double check (rook on 5a and bishop on 1e): only king moves.
  const auto twice = parse("4r3k/9/9/9/8b/9/9/9/G3K4 b S 1");
  BOOST_TEST(twice.in_check());
  for (move m : twice.legal_moves()) {
    BOOST_TEST(!m.is_drop());
    BOOST_TEST(m.from() == make_square(5, 9));
  }
}

BOOST_AUTO_TEST_CASE(discovered_check) {
  // Black rook 5i behind its silver on 5e, white king 5a: moving the silver off
  // the file checks; moving along it does not.
  const auto pos = parse("4k4/9/9/9/4S4/9/9/9/K3R4 b - 1");
  BOOST_TEST(pos.gives_check(usi("5e4f")));
  BOOST_TEST(pos.gives_check(usi("5e4d")));
  BOOST_TEST(!pos.gives_check(usi("5e5d")));  // still blocks the file
}

BOOST_AUTO_TEST_CASE(play_updates_hands_side_number_and_key) {
  auto pos = position::startpos();
  for (const char* text : {"7g7f", "3c3d", "8h2b+", "3a2b"}) {
    auto m = parse_legal_usi_move(pos, text);
    BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message));
    pos.play(*m);
    BOOST_TEST(pos.key() == pos.compute_key());
  }
  // The reference's libosl run reaches this SFEN by 7g7f 3c3d 8h2b+ 3a2b;
  // the captured horse went to hand as a bishop.
  BOOST_TEST(pos.to_sfen() == "lnsgkg1nl/1r5s1/pppppp1pp/6p2/9/2P6/PP1PPPPPP/7R1/LNSGKGSNL b Bb 5");
  BOOST_TEST(pos.hand_count(color::white, piece_kind::bishop) == 1);
  BOOST_TEST(pos.hand_count(color::black, piece_kind::bishop) == 1);
  BOOST_TEST(pos.move_number() == 5);
}

BOOST_AUTO_TEST_CASE(key_depends_on_position_not_on_path) {
  auto a = position::startpos();
  auto b = position::startpos();
  for (const char* text : {"7g7f", "3c3d", "2g2f"}) {
    a.play(*parse_usi_move(text));
  }
  for (const char* text : {"2g2f", "3c3d", "7g7f"}) {
    b.play(*parse_usi_move(text));
  }
  BOOST_TEST(a.key() == b.key());
  BOOST_TEST(a.to_sfen() == b.to_sfen());
  // Side to move and hands change the key.
  BOOST_TEST(parse("4k4/9/9/9/9/9/9/9/4K4 b - 1").key() != parse("4k4/9/9/9/9/9/9/9/4K4 w - 1").key());
  BOOST_TEST(parse("4k4/9/9/9/9/9/9/9/4K4 b P 1").key() != parse("4k4/9/9/9/9/9/9/9/4K4 b 2P 1").key());
  BOOST_TEST(parse("4k4/9/9/9/9/9/9/9/4K4 b P 1").key() != parse("4k4/9/9/9/9/9/9/9/4K4 b p 1").key());
  // The move number does not.
  BOOST_TEST(parse("4k4/9/9/9/9/9/9/9/4K4 b - 1").key() == parse("4k4/9/9/9/9/9/9/9/4K4 b - 9").key());
}

BOOST_AUTO_TEST_CASE(is_legal_rejects_malformed_moves) {
  const auto pos = position::startpos();
  BOOST_TEST(!pos.is_legal(move{}));
  BOOST_TEST(!pos.is_legal(move::board(100, 5, false)));
  BOOST_TEST(!pos.is_legal(move::board(5, 100, false)));
  BOOST_TEST(!pos.is_legal(move::drop(piece_kind::king, 40)));
  BOOST_TEST(!pos.is_legal(move::drop(piece_kind::pawn, 40)));  // no pawn in hand
}

BOOST_AUTO_TEST_SUITE_END()
