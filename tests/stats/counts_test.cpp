#include "tourney/stats/counts.hpp"

#include <boost/test/unit_test.hpp>

using namespace tourney::stats;

BOOST_AUTO_TEST_SUITE(stats_counts)

BOOST_AUTO_TEST_CASE(pair_scores_map_to_the_five_buckets) {
  pentanomial_counts p;
  p.add(game_outcome::loss, game_outcome::loss);  // 0
  p.add(game_outcome::draw, game_outcome::loss);  // 0.5
  p.add(game_outcome::win, game_outcome::loss);   // 1
  p.add(game_outcome::draw, game_outcome::draw);  // 1
  p.add(game_outcome::draw, game_outcome::win);   // 1.5
  p.add(game_outcome::win, game_outcome::win);    // 2
  BOOST_TEST((p.counts == std::array<std::uint64_t, 5>{1, 1, 2, 1, 1}));
  BOOST_TEST(p.pairs() == 6u);
  BOOST_TEST((p.mirrored().counts == std::array<std::uint64_t, 5>{1, 1, 2, 1, 1}));
  pentanomial_counts q{{3, 0, 0, 1, 0}};
  BOOST_TEST((q.mirrored().counts == std::array<std::uint64_t, 5>{0, 1, 0, 0, 3}));
}

BOOST_AUTO_TEST_CASE(tally_pairs_games_in_any_order) {
  pairing_tally tally;
  tally.add_game(7, game_outcome::win);
  tally.add_game(3, game_outcome::draw);
  BOOST_TEST(tally.pentanomial().pairs() == 0u);
  BOOST_TEST(tally.unpaired_games() == 2u);
  tally.add_game(3, game_outcome::loss);  // pair 3: D + L = 0.5
  tally.add_game(7, game_outcome::win);   // pair 7: W + W = 2
  tally.add_game(9, game_outcome::draw);  // a lone game: W/L/D only
  BOOST_TEST((tally.pentanomial().counts == std::array<std::uint64_t, 5>{0, 1, 0, 0, 1}));
  BOOST_TEST((tally.wdl() == wdl_counts{2, 1, 2}));
  BOOST_TEST(tally.unpaired_games() == 1u);
  tally.add_game(11, game_outcome::win, 1);  // declared lone: never waits
  BOOST_TEST(tally.unpaired_games() == 1u);
  BOOST_TEST(tally.wdl().wins == 3u);
  BOOST_TEST(tally.wdl().points() == 4.0);
  BOOST_TEST((tally.wdl().mirrored() == wdl_counts{1, 3, 2}));
}

BOOST_AUTO_TEST_SUITE_END()
