// AlphaZero's action space (139 x 81) and tourney's 44 input planes
// (docs/encodings.md): against the tests' own encoder (encoding/oracle.hpp),
// against values worked out by hand, repetitions counted over a game's
// history, and round trips over every legal move of random playouts.
#include <rapidcheck.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "encoding/oracle.hpp"
#include "support/test_seed.hpp"
#include "tourney/encoding/encoding.hpp"
#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"

using namespace tourney;
using namespace tourney::shogi;
using encoding::layout;

namespace {

constexpr int cells = 81;
constexpr int input_floats = 44 * cells;
constexpr int actions = 139 * cells;

position from_sfen(const std::string& sfen) {
  auto pos = position::from_sfen(sfen);
  BOOST_TEST_REQUIRE(pos.has_value(), sfen << ": " << pos.error().message);
  return *pos;
}

std::vector<move> moves_of(const std::vector<std::string>& usi_moves) {
  position pos = position::startpos();
  std::vector<move> out;
  for (const auto& text : usi_moves) {
    auto m = parse_legal_usi_move(pos, text);
    BOOST_TEST_REQUIRE(m.has_value(), text << ": " << m.error().message);
    pos.play(*m);
    out.push_back(*m);
  }
  return out;
}

position play_all(const std::vector<move>& moves) {
  position pos = position::startpos();
  for (const move m : moves) {
    pos.play(m);
  }
  return pos;
}

std::vector<float> encode(const std::vector<move>& history) {
  const position pos = play_all(history);
  std::vector<float> out(input_floats, -1.0f);
  const auto written = encoding::write_input(layout::alphazero, position::startpos(), history, pos,
                                             {out.data(), out.size()});
  BOOST_TEST_REQUIRE(written.has_value(), written.error().message);
  return out;
}

std::vector<float> encode_alone(const position& pos) {  // a position with no history
  std::vector<float> out(input_floats, -1.0f);
  const auto written =
      encoding::write_input(layout::alphazero, pos, {}, pos, {out.data(), out.size()});
  BOOST_TEST_REQUIRE(written.has_value(), written.error().message);
  return out;
}

std::vector<std::uint8_t> mask_of(const position& pos) {
  std::vector<std::uint8_t> mask(actions, 7);
  const auto written =
      encoding::write_legal_mask(layout::alphazero, pos, {mask.data(), mask.size()});
  BOOST_TEST_REQUIRE(written.has_value(), written.error().message);
  return mask;
}

std::uint32_t index_of(const position& pos, const std::string& usi) {
  auto m = parse_legal_usi_move(pos, usi);
  BOOST_TEST_REQUIRE(m.has_value(), usi << ": " << m.error().message);
  const auto a = encoding::action_index(layout::alphazero, pos, *m);
  BOOST_TEST_REQUIRE(a.has_value(), usi);
  return *a;
}

float plane_value(const std::vector<float>& planes, int plane) {  // a constant plane's value
  const float v = planes[static_cast<std::size_t>(plane * cells)];
  for (int c = 0; c < cells; ++c) {
    BOOST_TEST_REQUIRE(planes[static_cast<std::size_t>(plane * cells + c)] == v, "plane " << plane);
  }
  return v;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(encoding_alphazero)

BOOST_AUTO_TEST_CASE(start_position_planes) {
  const auto planes = encode({});
  auto at = [&](int plane, int row, int column) {
    return planes[static_cast<std::size_t>(plane * cells + row * 9 + column)];
  };
  float pieces = 0;
  for (int i = 0; i < 28 * cells; ++i) {
    pieces += planes[static_cast<std::size_t>(i)];
  }
  BOOST_TEST(pieces == 40.0f);
  for (int column = 0; column < 9; ++column) {
    BOOST_TEST(at(0, 6, column) == 1.0f);   // own pawns on rank g
    BOOST_TEST(at(14, 2, column) == 1.0f);  // the opponent's on rank c
  }
  BOOST_TEST(at(7, 8, 4) == 1.0f);  // own king on 5i: row 8, column 9 - 5
  BOOST_TEST(at(4, 8, 3) == 1.0f);  // own golds (kind 4) on 6i and 4i
  BOOST_TEST(at(4, 8, 5) == 1.0f);
  BOOST_TEST(at(5, 7, 1) == 1.0f);       // own bishop on 8h
  BOOST_TEST(at(6, 7, 7) == 1.0f);       // own rook on 2h
  BOOST_TEST(at(14 + 5, 1, 7) == 1.0f);  // the opponent's bishop on 2b
  BOOST_TEST(at(14 + 6, 1, 1) == 1.0f);  // and rook on 8b
  for (int p = 28; p < 42; ++p) {
    BOOST_TEST(plane_value(planes, p) == 0.0f);
  }
  BOOST_TEST(plane_value(planes, 42) == 1.0f);  // Black to move
  BOOST_TEST(plane_value(planes, 43) == 0.0f);  // first occurrence
  BOOST_TEST(plane_value(encode(moves_of({"7g7f"})), 42) == 0.0f);
}

BOOST_AUTO_TEST_CASE(white_sees_the_board_turned_around) {
  // Only the side-to-move plane tells these apart (see encoding_dlshogi).
  auto white = encode(moves_of({"7g7f"}));
  auto black =
      encode_alone(from_sfen("lnsgkgsnl/1r5b1/pppppp1pp/6p2/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1"));
  BOOST_TEST(plane_value(white, 42) == 0.0f);
  BOOST_TEST(plane_value(black, 42) == 1.0f);
  std::fill(white.begin() + 42 * cells, white.begin() + 43 * cells, 1.0f);
  BOOST_TEST(encoding_oracle::first_difference(black, white) == "");
}

BOOST_AUTO_TEST_CASE(hand_planes_hold_scaled_counts) {
  // Black: 9 pawns (9 / 18), 3 lances (3 / 4); White: a rook and a bishop (1 / 2 each).
  const auto planes = encode_alone(from_sfen("4k4/9/9/9/9/9/9/9/4K4 b 9P3Lrb 1"));
  BOOST_TEST(plane_value(planes, 28) == 0.5f);
  BOOST_TEST(plane_value(planes, 29) == 0.75f);
  BOOST_TEST(plane_value(planes, 30) == 0.0f);
  BOOST_TEST(plane_value(planes, 35 + 5) == 0.5f);  // their bishop
  BOOST_TEST(plane_value(planes, 35 + 6) == 0.5f);  // their rook
  const auto white = encode_alone(from_sfen("4k4/9/9/9/9/9/9/9/4K4 w 9P3Lrb 1"));
  BOOST_TEST(plane_value(white, 28 + 5) == 0.5f);  // now those are White's own
  BOOST_TEST(plane_value(white, 35) == 0.5f);
}

BOOST_AUTO_TEST_CASE(repetition_plane_counts_earlier_occurrences) {
  // Rooks shuffling: the start position recurs every 4 plies.
  std::vector<std::string> text;
  for (int i = 0; i < 4; ++i) {
    text.insert(text.end(), {"2h3h", "8b7b", "3h2h", "7b8b"});
  }
  const auto moves = moves_of(text);
  auto repetition_at = [&](std::size_t ply) {
    return plane_value(
        encode(std::vector<move>(moves.begin(), moves.begin() + static_cast<long>(ply))), 43);
  };
  BOOST_TEST(repetition_at(0) == 0.0f);
  BOOST_TEST(repetition_at(4) == 1.0f / 3.0f);
  BOOST_TEST(repetition_at(8) == 2.0f / 3.0f);
  BOOST_TEST(repetition_at(12) == 1.0f);  // three earlier: the 4th occurrence (sennichite)
  BOOST_TEST(repetition_at(16) == 1.0f);  // four earlier, capped at 3
  BOOST_TEST(repetition_at(1) == 0.0f);   // White to move after 2h3h: new
  BOOST_TEST(repetition_at(5) == 1.0f / 3.0f);
  BOOST_TEST(repetition_at(13) == 1.0f);
  BOOST_TEST(repetition_at(2) == 0.0f);
}

BOOST_AUTO_TEST_CASE(a_history_that_does_not_lead_to_the_position_is_an_error) {
  const auto moves = moves_of({"7g7f", "3c3d"});
  const position pos = play_all(moves);
  std::vector<float> out(input_floats, -3.0f);
  const std::vector<move> wrong{moves[0]};  // leads to the position after 7g7f
  auto e = encoding::write_input(layout::alphazero, position::startpos(), wrong, pos,
                                 {out.data(), out.size()});
  BOOST_TEST_REQUIRE(!e.has_value());
  BOOST_TEST(e.error().message.find("leads to") != std::string::npos, e.error().message);
  const std::vector<move> illegal{moves[1]};  // 3c3d with Black to move
  e = encoding::write_input(layout::alphazero, position::startpos(), illegal, pos,
                            {out.data(), out.size()});
  BOOST_TEST_REQUIRE(!e.has_value());
  BOOST_TEST(e.error().message.find("history move 1 (3c3d) is not legal") != std::string::npos,
             e.error().message);
  BOOST_TEST(
      std::all_of(out.begin(), out.end(), [](float f) { return f == -3.0f; }));  // nothing written
}

BOOST_AUTO_TEST_CASE(actions_computed_by_hand) {
  // 7g7f: N (compass 0) distance 1 = plane 0; picked up on 7g: row 6,
  // column 9 - 7 = 2, cell 56. Action 56.
  BOOST_TEST(index_of(position::startpos(), "7g7f") == 56u);
  // White's 3c3d is its own 7g7f.
  BOOST_TEST(index_of(play_all(moves_of({"7g7f"})), "3c3d") == 56u);
  // 2h1h: E (the mover's right, compass 2) distance 1 = plane 16; 2h is row
  // 7, column 7 (cell 70): 16 * 81 + 70 = 1366.
  BOOST_TEST(index_of(position::startpos(), "2h1h") == 1366u);
  const position opened = play_all(moves_of({"7g7f", "3c3d"}));
  // 8h2b+: NE (1) distance 6 = plane 13, promoting +66 = 79; 8h = row 7,
  // column 1 (cell 64): 79 * 81 + 64 = 6463. Without promotion: 13 * 81 + 64.
  BOOST_TEST(index_of(opened, "8h2b+") == 6463u);
  BOOST_TEST(index_of(opened, "8h2b") == 1117u);
  // 8i7g: the knight jump two up and one right = plane 64; 8i = cell 73: 5257.
  BOOST_TEST(index_of(opened, "8i7g") == 5257u);
  // B*4e: drop plane 132 + 5 (bishop in pawn, lance, knight, silver, gold,
  // bishop, rook); 4e = row 4, column 5, cell 41: 137 * 81 + 41 = 11138.
  BOOST_TEST(index_of(play_all(moves_of({"7g7f", "3c3d", "8h2b+", "3a2b"})), "B*4e") == 11138u);
  BOOST_TEST(index_of(play_all(moves_of({"7g7f", "3c3d", "8h2b+", "3a2b", "2g2f"})), "B*6e") ==
             11138u);
}

BOOST_AUTO_TEST_CASE(planes_match_the_independent_encoder_over_playouts) {
  int white = 0, hands = 0, promoted = 0, positions = 0;
  auto run = [&](std::uint64_t seed, int plies) {
    std::map<std::string, int> seen;  // occurrences so far, by SFEN without move number
    encoding_oracle::playout(
        seed, plies, [&](const position& pos, const std::vector<move>& history) {
          const std::string sfen = pos.to_sfen();
          int& earlier = seen[encoding_oracle::without_move_number(sfen)];
          std::vector<float> ours(input_floats, -1.0f);
          const auto written = encoding::write_input(layout::alphazero, position::startpos(),
                                                     history, pos, {ours.data(), ours.size()});
          BOOST_TEST_REQUIRE(written.has_value(), written.error().message);
          BOOST_TEST_REQUIRE(encoding_oracle::first_difference(
                                 encoding_oracle::alphazero_planes(sfen, earlier), ours) == "",
                             sfen);
          ++earlier;
          ++positions;
          white += pos.side_to_move() == color::white;
          hands += std::any_of(ours.begin() + 28 * cells, ours.begin() + 42 * cells,
                               [](float f) { return f != 0; });
          promoted += std::any_of(ours.begin() + 8 * cells, ours.begin() + 14 * cells,
                                  [](float f) { return f != 0; });
        });
  };
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    run(seed, 200);
  }
  const auto seed = test::random_seed();
  BOOST_TEST_INFO_SCOPE(test::seed_context(seed));
  run(seed, 300);
  BOOST_TEST_MESSAGE("positions " << positions << ", White to move " << white << ", pieces in hand "
                                  << hands);
  BOOST_TEST(white > 0);
  BOOST_TEST(hands > 0);
  BOOST_TEST(promoted > 0);
}

namespace {

// As in encoding_dlshogi: oracle's action, distinct, decoded back, the mask.
std::string legal_moves_round_trip(const position& pos) {
  const auto moves = pos.legal_moves();
  const auto mask = mask_of(pos);
  std::set<std::uint32_t> seen;
  const bool black = pos.side_to_move() == color::black;
  auto wrong = [&](move m, const std::string& what) {
    return pos.to_sfen() + ": " + to_usi(m) + ": " + what;
  };
  for (const move m : moves) {
    const auto a = encoding::action_index(layout::alphazero, pos, m);
    if (!a) {
      return wrong(m, "no action");
    }
    const int expected = encoding_oracle::alphazero_action(black, to_usi(m));
    if (static_cast<int>(*a) != expected) {
      return wrong(m, "action " + std::to_string(*a) + ", expected " + std::to_string(expected));
    }
    if (!seen.insert(*a).second) {
      return wrong(m, "action " + std::to_string(*a) + " given to two legal moves");
    }
    if (mask[*a] != 1) {
      return wrong(m, "not in the legal mask");
    }
    const auto back = encoding::move_from_action(layout::alphazero, pos, *a);
    if (!back || *back != m) {
      return wrong(m, "decoded as " + (back ? to_usi(*back) : back.error().message));
    }
  }
  if (static_cast<std::size_t>(std::count(mask.begin(), mask.end(), 1)) != moves.size() ||
      static_cast<std::size_t>(std::count(mask.begin(), mask.end(), 0)) !=
          mask.size() - moves.size()) {
    return pos.to_sfen() + ": the mask does not hold exactly one 1 per legal move";
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_legal_move_round_trips) {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    encoding_oracle::playout(seed, 200, [&](const position& pos, const std::vector<move>&) {
      const auto wrong = legal_moves_round_trip(pos);
      BOOST_TEST_REQUIRE(wrong == "", "seed " << seed << ": " << wrong);
    });
  }
  BOOST_TEST(rc::check("alphazero actions round trip over random playouts", [](std::uint64_t seed) {
    encoding_oracle::playout(seed, 200, [&](const position& pos, const std::vector<move>&) {
      const auto wrong = legal_moves_round_trip(pos);
      if (!wrong.empty()) {
        RC_FAIL(wrong);
      }
    });
  }));
}

BOOST_AUTO_TEST_CASE(move_from_action_accepts_exactly_the_masked_actions) {
  int visited = 0;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    encoding_oracle::playout(seed, 200, [&](const position& pos, const std::vector<move>&) {
      if (visited++ % 20 != 0) {
        return;
      }
      const auto mask = mask_of(pos);
      for (std::uint32_t a = 0; a < static_cast<std::uint32_t>(actions); ++a) {
        const auto m = encoding::move_from_action(layout::alphazero, pos, a);
        BOOST_TEST_REQUIRE(m.has_value() == (mask[a] == 1), pos.to_sfen() << " action " << a);
        if (m) {
          BOOST_TEST_REQUIRE(*encoding::action_index(layout::alphazero, pos, *m) == a);
        }
      }
    });
  }
}

BOOST_AUTO_TEST_CASE(forced_and_optional_promotions) {
  // A pawn on 7b must promote on 7a (plane 0 refused, plane 66 legal); on
  // 7d it may promote on 7c or not (both legal, two actions).
  const auto forced = from_sfen("k8/2P6/9/9/9/9/9/9/8K b - 1");
  const std::uint32_t from_7b = 1 * 9 + 2;
  const auto mask = mask_of(forced);
  BOOST_TEST(mask[0 * 81 + from_7b] == 0);
  BOOST_TEST(mask[66 * 81 + from_7b] == 1);
  const auto refused = encoding::move_from_action(layout::alphazero, forced, 0 * 81 + from_7b);
  BOOST_TEST_REQUIRE(!refused.has_value());
  BOOST_TEST(refused.error().message.find("7b7a) is not legal here") != std::string::npos,
             refused.error().message);
  const auto optional = from_sfen("k8/9/9/2P6/9/9/9/9/8K b - 1");
  const std::uint32_t from_7d = 3 * 9 + 2;
  const auto both = mask_of(optional);
  BOOST_TEST(both[0 * 81 + from_7d] == 1);
  BOOST_TEST(both[66 * 81 + from_7d] == 1);
}

BOOST_AUTO_TEST_CASE(undecodable_actions_say_why) {
  const position start = position::startpos();
  auto message = [&](std::uint32_t a) {
    const auto m = encoding::move_from_action(layout::alphazero, start, a);
    BOOST_TEST_REQUIRE(!m.has_value(), "action " << a);
    return m.error().message;
  };
  BOOST_TEST(message(11259).find("out of range (0..11258)") != std::string::npos, message(11259));
  // Plane 0 picked up on the empty 5e (cell 40).
  BOOST_TEST(message(40).find("no piece of the side to move on 5e") != std::string::npos,
             message(40));
  // Plane 0 on White's pawn 5c (cell 22).
  BOOST_TEST(message(22).find("no piece of the side to move on 5c") != std::string::npos,
             message(22));
  // N distance 8 (plane 7) from 9g (cell 54): off the board.
  BOOST_TEST(message(7 * 81 + 54).find("leads off the board from 9g") != std::string::npos,
             message(7 * 81 + 54));
  // N distance 2 (plane 1) from 5g (cell 58): a pawn moves one square.
  BOOST_TEST(message(81 + 58).find("5g5e) is not legal here") != std::string::npos,
             message(81 + 58));
  // A drop with an empty hand.
  BOOST_TEST(message(132 * 81 + 40).find("P*5e") != std::string::npos, message(132 * 81 + 40));
  BOOST_TEST(!encoding::action_index(layout::alphazero, start,
                                     move::board(make_square(1, 7), make_square(2, 4), false)));
  BOOST_TEST(!encoding::action_index(layout::alphazero, start, move()));
}

BOOST_AUTO_TEST_SUITE_END()
