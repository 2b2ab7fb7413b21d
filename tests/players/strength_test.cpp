#include <boost/test/unit_test.hpp>

#include "players/play_game.hpp"
#include "tourney/players/alphabeta_player.hpp"
#include "tourney/players/heuristic_player.hpp"
#include "tourney/players/random_player.hpp"

using namespace tourney;

namespace {

struct score {
  int wins = 0;
  int draws = 0;
  int losses = 0;
};

/// `games` games with fixed seeds, colours alternating; counted for `a`.
template <class A, class B>
score match(A& a, B& b, int games) {
  score s;
  for (int g = 0; g < games; ++g) {
    const bool a_black = g % 2 == 0;
    auto rec = a_black ? test::play_game(a, b, 1000 + g) : test::play_game(b, a, 1000 + g);
    const auto winner = game::game_end{rec.result, rec.reason, ""}.winner();
    if (!winner) {
      ++s.draws;
    } else if ((*winner == shogi::color::black) == a_black) {
      ++s.wins;
    } else {
      ++s.losses;
    }
  }
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(players_strength)

BOOST_AUTO_TEST_CASE(alphabeta_beats_random_clearly) {
  players::alphabeta_player ab({2, 0, 11, true});
  players::random_player rnd(12);
  const score s = match(ab, rnd, 20);
  BOOST_TEST_MESSAGE("alphabeta(2) vs random: +" << s.wins << " =" << s.draws << " -" << s.losses);
  BOOST_TEST(s.wins >= 18);
}

BOOST_AUTO_TEST_CASE(heuristic_beats_random_more_often_than_not) {
  players::heuristic_player h(21);
  players::random_player rnd(22);
  const score s = match(h, rnd, 20);
  BOOST_TEST_MESSAGE("heuristic vs random: +" << s.wins << " =" << s.draws << " -" << s.losses);
  BOOST_TEST(s.wins > s.losses);
}

// Levels: games between searching players last 60-200 plies (about 2 s in
// a release build, 40 s under ASan), so these run in the slow tier.
BOOST_AUTO_TEST_CASE(depth_two_beats_depth_one, *boost::unit_test::label("slow")) {
  players::alphabeta_player deep({2, 0, 41, true});
  players::alphabeta_player shallow({1, 0, 42, true});
  const score s = match(deep, shallow, 10);
  BOOST_TEST_MESSAGE("alphabeta(2) vs alphabeta(1): +" << s.wins << " =" << s.draws << " -"
                                                       << s.losses);
  BOOST_TEST(s.wins > s.losses + s.draws);
}

BOOST_AUTO_TEST_CASE(deeper_alphabeta_beats_shallower, *boost::unit_test::label("slow")) {
  players::alphabeta_player deep({3, 0, 31, true});
  players::alphabeta_player shallow({1, 0, 32, true});
  const score s = match(deep, shallow, 10);
  BOOST_TEST_MESSAGE("alphabeta(3) vs alphabeta(1): +" << s.wins << " =" << s.draws << " -"
                                                       << s.losses);
  BOOST_TEST(s.wins > s.losses + s.draws);
}

BOOST_AUTO_TEST_SUITE_END()
