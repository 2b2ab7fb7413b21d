// history_text: the USI text of a game's moves kept between plies must equal
// converting the whole history afresh, whatever the caller does next (the
// game goes on, a new game from the same start, another start).
#include "tourney/usi/history_text.hpp"

#include <boost/test/unit_test.hpp>

#include "tourney/shogi/notation.hpp"

using namespace tourney;

namespace {

// A legal line from `start`: the first legal move each ply.
std::vector<shogi::move> line_from(shogi::position pos, int plies, std::size_t pick) {
  std::vector<shogi::move> moves;
  for (int i = 0; i < plies; ++i) {
    auto legal = pos.legal_moves();
    if (legal.empty()) {
      break;
    }
    auto m = legal[(pick + static_cast<std::size_t>(i)) % legal.size()];
    moves.push_back(m);
    pos.play(m);
  }
  return moves;
}

std::vector<std::string> afresh(const std::vector<shogi::move>& moves) {
  std::vector<std::string> texts;
  for (auto m : moves) {
    texts.push_back(shogi::to_usi(m));
  }
  return texts;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(usi_history_text)

BOOST_AUTO_TEST_CASE(matches_a_fresh_conversion_ply_by_ply_and_across_games) {
  const auto start = shogi::position::startpos();
  auto game = line_from(start, 60, 3);
  usi::history_text text;
  for (std::size_t n = 0; n <= game.size(); ++n) {
    std::vector<shogi::move> history(game.begin(), game.begin() + static_cast<std::ptrdiff_t>(n));
    text.update(start, history);
    BOOST_TEST(text.moves() == afresh(history), "after " << n << " plies");
    BOOST_TEST(text.start_sfen() == start.to_sfen());
  }
  // A new game from the same start that shares only the first moves.
  auto other = line_from(start, 30, 7);
  text.update(start, other);
  BOOST_TEST(text.moves() == afresh(other));
  text.update(start, {});
  BOOST_TEST(text.moves().empty());
}

BOOST_AUTO_TEST_CASE(another_start_position_starts_afresh) {
  const auto start = shogi::position::startpos();
  auto game = line_from(start, 10, 1);
  usi::history_text text;
  text.update(start, game);
  // The same board after two plies is another start (another SFEN).
  auto later = start;
  later.play(game[0]);
  later.play(game[1]);
  std::vector<shogi::move> rest(game.begin() + 2, game.end());
  text.update(later, rest);
  BOOST_TEST(text.start_sfen() == later.to_sfen());
  BOOST_TEST(text.moves() == afresh(rest));
  // Same board and side as the start position but a later move number.
  auto renumbered = shogi::position::from_sfen("lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 5");
  BOOST_REQUIRE(renumbered);
  text.update(start, {});
  text.update(*renumbered, {});
  BOOST_TEST(text.start_sfen() == renumbered->to_sfen());
}

BOOST_AUTO_TEST_CASE(drops_and_promotions_read_as_usi) {
  // The texts are the USI document's notation, not to_usi's own output.
  auto pos = shogi::position::from_sfen("4k4/9/9/3S5/9/9/9/9/4K4 b B 1");
  BOOST_REQUIRE(pos);
  auto drop = shogi::parse_usi_move("B*5e");
  auto promote = shogi::parse_usi_move("6d5c+");
  BOOST_REQUIRE(drop);
  BOOST_REQUIRE(promote);
  usi::history_text text;
  text.update(*pos, {*drop});
  BOOST_TEST(text.moves() == (std::vector<std::string>{"B*5e"}));
  text.update(*pos, {*promote});
  BOOST_TEST(text.moves() == (std::vector<std::string>{"6d5c+"}));
}

BOOST_AUTO_TEST_SUITE_END()
