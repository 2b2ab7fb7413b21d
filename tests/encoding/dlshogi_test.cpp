// dlshogi's layout as Pgx documents it (docs/encodings.md): the input planes
// and move labels against the tests' own encoder (encoding/oracle.hpp, from
// the SFEN text and a hand-written attack table), against values Pgx
// publishes for fixed positions, and round trips over every legal move of
// positions from random playouts.
#include "tourney/encoding/dlshogi.hpp"

#include <rapidcheck.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
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

position from_sfen(const std::string& sfen) {
  auto pos = position::from_sfen(sfen);
  BOOST_TEST_REQUIRE(pos.has_value(), sfen << ": " << pos.error().message);
  return *pos;
}

position after(const std::vector<std::string>& usi_moves) {
  position pos = position::startpos();
  for (const auto& text : usi_moves) {
    auto m = parse_legal_usi_move(pos, text);
    BOOST_TEST_REQUIRE(m.has_value(), text << ": " << m.error().message);
    pos.play(*m);
  }
  return pos;
}

std::vector<float> encode(const position& pos) {
  std::vector<float> out(119 * cells, -1.0f);
  const auto written =
      encoding::write_input(layout::dlshogi, pos, {}, pos, {out.data(), out.size()});
  BOOST_TEST_REQUIRE(written.has_value(), written.error().message);
  return out;
}

std::vector<std::uint8_t> mask_of(const position& pos) {
  std::vector<std::uint8_t> mask(2187, 7);
  const auto written = encoding::write_legal_mask(layout::dlshogi, pos, {mask.data(), mask.size()});
  BOOST_TEST_REQUIRE(written.has_value(), written.error().message);
  return mask;
}

std::uint32_t index_of(const position& pos, const std::string& usi) {
  auto m = parse_legal_usi_move(pos, usi);
  BOOST_TEST_REQUIRE(m.has_value(), usi << ": " << m.error().message);
  const auto a = encoding::action_index(layout::dlshogi, pos, *m);
  BOOST_TEST_REQUIRE(a.has_value(), usi);
  return *a;
}

using grid = std::vector<std::vector<int>>;  // 9 rows (the viewer's ranks a..i) of 9 (files 9..1)

// Rows r0..r8 of plane p, as 0/1.
grid plane_grid(const std::vector<float>& planes, int p) {
  grid g(9, std::vector<int>(9));
  for (int c = 0; c < cells; ++c) {
    g[static_cast<std::size_t>(c / 9)][static_cast<std::size_t>(c % 9)] =
        planes[static_cast<std::size_t>(p * cells + c)] != 0.0f ? 1 : 0;
  }
  return g;
}

const std::vector<int> zeros(9, 0);
const std::vector<int> ones(9, 1);

}  // namespace

BOOST_AUTO_TEST_SUITE(encoding_dlshogi)

BOOST_AUTO_TEST_CASE(start_position_planes_are_the_values_pgx_publishes) {
  // Pgx's tests/test_shogi.py (test_observe) gives these grids of the start
  // position (rows: ranks a..i as the mover sees them; columns: files 9..1).
  // Rows checked by hand: rank g (row 6) is attacked on 9g (lance through
  // 9h, knight 8i, bishop 8h: 3), 7g (bishop, knight: 2), 3g (knight 2i),
  // 2g (rook), 1g (lance, knight 2i: 2); 8g and 6g..4g by nothing.
  const auto planes = encode(position::startpos());
  BOOST_TEST(plane_grid(planes, 0) ==
             (grid{zeros, zeros, zeros, zeros, zeros, zeros, ones, zeros, zeros}));  // own pawns
  BOOST_TEST(plane_grid(planes, 14) == (grid{zeros, zeros, zeros, zeros, zeros, ones, zeros, zeros,
                                             zeros}));  // their attacks
  BOOST_TEST(plane_grid(planes, 28) == (grid{zeros,
                                             zeros,
                                             zeros,
                                             zeros,
                                             zeros,
                                             ones,
                                             {1, 0, 1, 0, 0, 0, 1, 1, 1},
                                             ones,
                                             {1, 0, 1, 1, 1, 1, 1, 1, 0}}));
  BOOST_TEST(plane_grid(planes, 29) == (grid{zeros,
                                             zeros,
                                             zeros,
                                             zeros,
                                             zeros,
                                             zeros,
                                             {1, 0, 1, 0, 0, 0, 0, 0, 1},
                                             {0, 1, 1, 1, 1, 1, 1, 0, 1},
                                             {0, 0, 1, 0, 1, 0, 0, 0, 0}}));
  BOOST_TEST(plane_grid(planes, 30) == (grid{zeros,
                                             zeros,
                                             zeros,
                                             zeros,
                                             zeros,
                                             zeros,
                                             {1, 0, 0, 0, 0, 0, 0, 0, 0},
                                             {0, 0, 1, 1, 1, 1, 1, 0, 0},
                                             zeros}));
  BOOST_TEST(plane_grid(planes, 31) ==
             (grid{zeros, zeros, ones, zeros, zeros, zeros, zeros, zeros, zeros}));  // their pawns
  BOOST_TEST(plane_grid(planes, 45) ==
             (grid{zeros, zeros, zeros, ones, zeros, zeros, zeros, zeros, zeros}));
  BOOST_TEST(plane_grid(planes, 59) == (grid{{0, 1, 1, 1, 1, 1, 1, 0, 1},
                                             ones,
                                             {1, 1, 1, 0, 0, 0, 1, 0, 1},
                                             ones,
                                             zeros,
                                             zeros,
                                             zeros,
                                             zeros,
                                             zeros}));
  // 20 pieces a side, one plane each; empty hands; not in check.
  auto sum = [&](int first, int count) {
    float s = 0;
    for (int i = first * cells; i < (first + count) * cells; ++i) {
      s += planes[static_cast<std::size_t>(i)];
    }
    return s;
  };
  BOOST_TEST(sum(0, 14) == 20.0f);
  BOOST_TEST(sum(31, 14) == 20.0f);
  BOOST_TEST(sum(62, 57) == 0.0f);
  // Own king (plane 7) on 5i: row 8, column 9 - 5 = 4; their king (plane 31 + 7) on 5a.
  BOOST_TEST(planes[7 * cells + 8 * 9 + 4] == 1.0f);
  BOOST_TEST(planes[(31 + 7) * cells + 0 * 9 + 4] == 1.0f);
  // Own bishop (Pgx id 4) on 8h: row 7, column 1; own gold (id 6) on 6i and 4i.
  BOOST_TEST(planes[4 * cells + 7 * 9 + 1] == 1.0f);
  BOOST_TEST(planes[6 * cells + 8 * 9 + 3] == 1.0f);
  BOOST_TEST(planes[6 * cells + 8 * 9 + 5] == 1.0f);
}

BOOST_AUTO_TEST_CASE(white_sees_the_board_turned_around) {
  // After 7g7f White is to move. Turned by 180 degrees, the board is the start
  // position with the opponent's pawn advanced on 3d: the same planes as
  // Black to move after White's 3c3d.
  const auto white = encode(after({"7g7f"}));
  const auto black =
      encode(from_sfen("lnsgkgsnl/1r5b1/pppppp1pp/6p2/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1"));
  BOOST_TEST(encoding_oracle::first_difference(black, white) == "");
  // The advanced pawn: opponent pawn plane (31), row 3 (rank d), column 9 - 3 = 6.
  BOOST_TEST(white[31 * cells + 3 * 9 + 6] == 1.0f);
  BOOST_TEST(white[31 * cells + 2 * 9 + 6] == 0.0f);
}

BOOST_AUTO_TEST_CASE(hand_planes_are_count_thresholds) {
  // Pgx's test_observe position: Black holds B G S 3P, White r b n l 2p.
  // Planes 62 + [0, 1, 2] (own pawns >= 1, 2, 3), 62 + 16 (silver >= 1),
  // 62 + 20 (gold), 62 + 24 (bishop); theirs from 90: pawns 28, 29 -> 90, 91,
  // lance 36 -> 98, knight 40 -> 102, bishop 52 -> 114, rook 54 -> 116.
  const auto planes = encode(
      from_sfen("1ns4nl/1r4k2/2p1gp3/1p1pp3p/l8/2P2PP2/1PNPP3P/2G2S3/2S1KG2L b BGS3Prbnl2p 1"));
  const std::set<int> filled{0, 1, 2, 16, 20, 24, 28, 29, 36, 40, 52, 54};
  for (int i = 0; i < 56; ++i) {
    const float want = filled.count(i) ? 1.0f : 0.0f;
    for (int c = 0; c < cells; ++c) {
      BOOST_TEST_REQUIRE(planes[static_cast<std::size_t>((62 + i) * cells + c)] == want,
                         "plane " << 62 + i);
    }
  }
  // 18 pawns in hand: all 8 pawn planes and no more.
  const auto many = encode(from_sfen("4k4/9/9/9/9/9/9/9/4K4 b 18P 1"));
  for (int i = 0; i < 8; ++i) {
    BOOST_TEST(many[static_cast<std::size_t>((62 + i) * cells)] == 1.0f);
  }
  BOOST_TEST(many[static_cast<std::size_t>((62 + 8) * cells)] == 0.0f);  // lance plane
}

BOOST_AUTO_TEST_CASE(in_check_plane) {
  // Pgx's position: Black's bishop on 1e checks White's king on 5a. (Pgx's
  // quiet twin, the same board with Black to move, is no legal position.)
  const auto quiet = encode(after({"7g7f"}));
  const auto checked =
      encode(from_sfen("lnsgkg1nl/1r5s1/pppppp1pp/6p2/8B/2P6/PP1PPPPPP/7R1/LNSGKGSNL w b 1"));
  for (int c = 0; c < cells; ++c) {
    BOOST_TEST_REQUIRE(quiet[static_cast<std::size_t>(118 * cells + c)] == 0.0f);
    BOOST_TEST_REQUIRE(checked[static_cast<std::size_t>(118 * cells + c)] == 1.0f);
  }
}

BOOST_AUTO_TEST_CASE(start_position_legal_actions_are_pgx_initial_mask) {
  // Pgx's INIT_LEGAL_ACTION_MASK (pgx/_src/games/shogi.py). Checked by hand:
  // 5 = up to 1f (1g1f), 7 = up to 1h (1i1h), 115 = 81 + 34 = up-left to 4h
  // (3i4h), 187 = 162 + 25 = up-right to 3h (4i3h), 268 = 243 + 25 = left to
  // 3h (2h3h), 331 = 324 + 7 = right to 1h (2h1h).
  const std::set<std::uint32_t> published{5,   7,   14,  23,  25,  32,  34,  41,  43,  50,
                                          52,  59,  61,  68,  77,  79,  115, 124, 133, 142,
                                          187, 196, 205, 214, 268, 277, 286, 295, 304, 331};
  const auto mask = mask_of(position::startpos());
  std::set<std::uint32_t> ours;
  for (std::uint32_t a = 0; a < mask.size(); ++a) {
    BOOST_TEST_REQUIRE((mask[a] == 0 || mask[a] == 1));
    if (mask[a] == 1) {
      ours.insert(a);
    }
  }
  BOOST_TEST(ours == published);
}

BOOST_AUTO_TEST_CASE(labels_computed_by_hand) {
  // 7g7f: direction up (0), destination 7f = (7 - 1) * 9 + (6 - 1) = 59.
  BOOST_TEST(index_of(position::startpos(), "7g7f") == 59u);
  // White's 3c3d is its own "7g7f" (the board turned): 59 too.
  BOOST_TEST(index_of(after({"7g7f"}), "3c3d") == 59u);
  // 8h2b+: up-right (2) promoting (+10) = 12; 2b = (2 - 1) * 9 + 1 = 10:
  // 12 * 81 + 10 = 982.
  BOOST_TEST(index_of(after({"7g7f", "3c3d"}), "8h2b+") == 982u);
  BOOST_TEST(index_of(after({"7g7f", "3c3d"}), "8h2b") == 2u * 81 + 10);  // without promotion
  // 8i7g: a knight jump up and right (up2 right, 9); 7g = 6 * 9 + 6 = 60: 789.
  BOOST_TEST(index_of(after({"7g7f", "3c3d"}), "8i7g") == 789u);
  // B*4e: drop of Pgx id 4 (direction 24); 4e = 3 * 9 + 4 = 31: 24 * 81 + 31 = 1975.
  const auto traded = after({"7g7f", "3c3d", "8h2b+", "3a2b"});
  BOOST_TEST(index_of(traded, "B*4e") == 1975u);
  // White's B*6e after 2g2f is its own B*4e.
  BOOST_TEST(index_of(after({"7g7f", "3c3d", "8h2b+", "3a2b", "2g2f"}), "B*6e") == 1975u);
  // G*5e would be direction 26 (Pgx puts gold last among drops): 26 * 81 + 40.
  BOOST_TEST(*encoding::action_index(layout::dlshogi, traded,
                                     move::drop(piece_kind::gold, make_square(5, 5))) ==
             26u * 81 + 40);
}

BOOST_AUTO_TEST_CASE(planes_match_the_independent_encoder_over_playouts) {
  int white = 0, checks = 0, hands = 0, promoted = 0, triple = 0, positions = 0;
  auto visit = [&](const position& pos, const std::vector<move>&) {
    const std::string sfen = pos.to_sfen();
    const auto ours = encode(pos);
    const auto theirs = encoding_oracle::dlshogi_planes(sfen);
    BOOST_TEST_REQUIRE(encoding_oracle::first_difference(theirs, ours) == "", sfen);
    ++positions;
    white += pos.side_to_move() == color::white;
    checks += pos.in_check();
    hands += std::any_of(ours.begin() + 62 * cells, ours.begin() + 118 * cells,
                         [](float f) { return f != 0; });
    promoted += std::any_of(ours.begin() + 8 * cells, ours.begin() + 14 * cells,
                            [](float f) { return f != 0; });
    triple += std::any_of(ours.begin() + 30 * cells, ours.begin() + 31 * cells,
                          [](float f) { return f != 0; });
  };
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    encoding_oracle::playout(seed, 200, visit);
  }
  const auto seed = test::random_seed();
  BOOST_TEST_INFO_SCOPE(test::seed_context(seed));
  encoding_oracle::playout(seed, 300, visit);
  BOOST_TEST_MESSAGE("positions " << positions << ", White to move " << white << ", in check "
                                  << checks << ", pieces in hand " << hands
                                  << ", own promoted pieces " << promoted);
  BOOST_TEST(white > 0);
  BOOST_TEST(checks > 0);
  BOOST_TEST(hands > 0);
  BOOST_TEST(promoted > 0);
  BOOST_TEST(triple > 0);
}

namespace {

// Every legal move: its label is the oracle's, labels are distinct, decoding
// gives the move back, and the mask's ones are exactly these labels. Returns
// the first thing wrong ("" if nothing).
struct seen_moves {
  int optional_pairs = 0;  // a promotion whose non-promotion is legal too: two labels
  int forced = 0;          // a promotion whose non-promotion is not legal (last ranks)
  int drops = 0;
};

std::string legal_moves_round_trip(const position& pos, seen_moves& seen) {
  const auto moves = pos.legal_moves();
  const auto mask = mask_of(pos);
  std::set<std::uint32_t> labels;
  const bool black = pos.side_to_move() == color::black;
  auto wrong = [&](move m, const std::string& what) {
    return pos.to_sfen() + ": " + to_usi(m) + ": " + what;
  };
  for (const move m : moves) {
    const auto a = encoding::action_index(layout::dlshogi, pos, m);
    if (!a) {
      return wrong(m, "no label");
    }
    const int expected = encoding_oracle::dlshogi_action(black, to_usi(m));
    if (static_cast<int>(*a) != expected) {
      return wrong(m, "label " + std::to_string(*a) + ", expected " + std::to_string(expected));
    }
    if (!labels.insert(*a).second) {
      return wrong(m, "label " + std::to_string(*a) + " given to two legal moves");
    }
    if (mask[*a] != 1) {
      return wrong(m, "not in the legal mask");
    }
    const auto back = encoding::move_from_action(layout::dlshogi, pos, *a);
    if (!back || *back != m) {
      return wrong(m, "decoded as " + (back ? to_usi(*back) : back.error().message));
    }
    if (m.promotes()) {
      ++(moves.contains(move::board(m.from(), m.to(), false)) ? seen.optional_pairs : seen.forced);
    }
    seen.drops += m.is_drop();
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
  seen_moves seen;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    encoding_oracle::playout(seed, 200, [&](const position& pos, const std::vector<move>&) {
      const auto wrong = legal_moves_round_trip(pos, seen);
      BOOST_TEST_REQUIRE(wrong == "", "seed " << seed << ": " << wrong);
    });
  }
  BOOST_TEST_MESSAGE("promotions whose non-promotion is legal too: "
                     << seen.optional_pairs << ", forced promotions: " << seen.forced
                     << ", drops: " << seen.drops);
  BOOST_TEST(seen.optional_pairs > 0);
  BOOST_TEST(seen.forced > 0);
  BOOST_TEST(seen.drops > 0);
  BOOST_TEST(rc::check("dlshogi labels round trip over random playouts", [](std::uint64_t seed) {
    seen_moves ignored;
    encoding_oracle::playout(seed, 200, [&](const position& pos, const std::vector<move>&) {
      const auto wrong = legal_moves_round_trip(pos, ignored);
      if (!wrong.empty()) {
        RC_FAIL(wrong);
      }
    });
  }));
}

BOOST_AUTO_TEST_CASE(move_from_action_accepts_exactly_the_masked_actions) {
  // Every one of the 2,187 actions on every 10th position: a move comes back
  // exactly where the mask has a one, and its label is that action.
  int visited = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    encoding_oracle::playout(seed, 200, [&](const position& pos, const std::vector<move>&) {
      if (visited++ % 10 != 0) {
        return;
      }
      const auto mask = mask_of(pos);
      for (std::uint32_t a = 0; a < 2187; ++a) {
        const auto m = encoding::move_from_action(layout::dlshogi, pos, a);
        BOOST_TEST_REQUIRE(m.has_value() == (mask[a] == 1), pos.to_sfen() << " action " << a);
        if (m) {
          BOOST_TEST_REQUIRE(*encoding::action_index(layout::dlshogi, pos, *m) == a);
          BOOST_TEST_REQUIRE(pos.is_legal(*m));
        } else {
          BOOST_TEST_REQUIRE(!m.error().message.empty());
        }
      }
    });
  }
}

BOOST_AUTO_TEST_CASE(forced_and_optional_promotions) {
  // A pawn on 7b must promote on 7a: only the promoting label is legal, and
  // the other is refused as not legal.
  const auto forced = from_sfen("k8/2P6/9/9/9/9/9/9/8K b - 1");
  const auto mask = mask_of(forced);
  const std::uint32_t up_to_7a = 0 * 81 + (6 * 9 + 0), promoting = 10 * 81 + (6 * 9 + 0);
  BOOST_TEST(mask[up_to_7a] == 0);
  BOOST_TEST(mask[promoting] == 1);
  const auto refused = encoding::move_from_action(layout::dlshogi, forced, up_to_7a);
  BOOST_TEST_REQUIRE(!refused.has_value());
  BOOST_TEST(refused.error().message.find("not legal here") != std::string::npos,
             refused.error().message);
  BOOST_TEST((*encoding::move_from_action(layout::dlshogi, forced, promoting) ==
              move::board(make_square(7, 2), make_square(7, 1), true)));
  // A pawn on 7d may promote on 7c or not: two legal moves, two labels.
  const auto optional = from_sfen("k8/9/9/2P6/9/9/9/9/8K b - 1");
  const auto both = mask_of(optional);
  BOOST_TEST(both[0 * 81 + (6 * 9 + 2)] == 1);
  BOOST_TEST(both[10 * 81 + (6 * 9 + 2)] == 1);
  BOOST_TEST(std::count(both.begin(), both.end(), 1) ==
             static_cast<long>(optional.legal_moves().size()));
}

BOOST_AUTO_TEST_CASE(undecodable_actions_say_why) {
  const position start = position::startpos();
  auto message = [&](std::uint32_t a) {
    const auto m = encoding::move_from_action(layout::dlshogi, start, a);
    BOOST_TEST_REQUIRE(!m.has_value(), "action " << a);
    return m.error().message;
  };
  BOOST_TEST(message(2187).find("out of range (0..2186)") != std::string::npos, message(2187));
  BOOST_TEST(message(4000000000u).find("out of range") != std::string::npos);
  // Down (5) to 5e (label 40): nothing of Black's above 5e before White's pawn on 5c.
  BOOST_TEST(message(5 * 81 + 40).find("no piece of the side to move") != std::string::npos,
             message(5 * 81 + 40));
  // Knight up2 left (8) to 5f (label 41) comes from 4h: empty.
  BOOST_TEST(message(8 * 81 + 41).find("no piece of the side to move") != std::string::npos,
             message(8 * 81 + 41));
  // Up (0) to 5e: the pawn on 5g is found but cannot go two squares.
  BOOST_TEST(message(0 * 81 + 40).find("5g5e") != std::string::npos, message(0 * 81 + 40));
  BOOST_TEST(message(0 * 81 + 40).find("not legal here") != std::string::npos);
  // A drop with an empty hand.
  BOOST_TEST(message(20 * 81 + 40).find("P*5e") != std::string::npos, message(20 * 81 + 40));
  // No label for a move that is no line or knight jump.
  BOOST_TEST(!encoding::action_index(layout::dlshogi, start,
                                     move::board(make_square(1, 7), make_square(2, 4), false)));
  BOOST_TEST(!encoding::action_index(layout::dlshogi, start, move()));
}

BOOST_AUTO_TEST_SUITE_END()
