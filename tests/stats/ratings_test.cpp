// Expected ratings: tests/stats/reference_values.py, which fits the same
// Bradley-Terry model with a different algorithm (Zermelo's fixed point /
// Hunter 2004 MM iteration, Ann. Statist. 32(1), eq. 3) and takes the errors
// from a finite-difference Hessian; for two players the closed form
// elo = -400 log10(1/s - 1) and Fisher information n s (1 - s).
#include "tourney/stats/ratings.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>

using namespace tourney::stats;

namespace {
bool near(std::optional<double> value, double expected, double tolerance) {
  return value.has_value() && std::abs(*value - expected) <= tolerance;
}
// A-B: A 6.5/10 (5 W, 2 L, 3 D); B-C: B 7/12 (6 W, 4 L, 2 D); A-C: A 5/8
// (4 W, 2 L, 2 D).
std::vector<head_to_head> three_players() {
  return {{0, 1, {5, 2, 3}}, {1, 2, {6, 4, 2}}, {0, 2, {4, 2, 2}}};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(stats_ratings)

BOOST_AUTO_TEST_CASE(two_players_reduce_to_the_closed_form) {
  // 13/20 for player 0: elo(1) = -(-400 log10(1/0.65 - 1)) = -107.538125;
  // error 1.96 * sqrt(1 / (20 * 0.65 * 0.35)) * 400/ln 10 = 159.619775.
  auto table = compute_ratings(2, {{0, 1, {10, 4, 6}}}, {0});
  BOOST_REQUIRE(table.has_value());
  BOOST_TEST(table->complete);
  BOOST_TEST(near(table->players[0].elo, 0.0, 1e-9));
  BOOST_TEST(near(table->players[1].elo, -107.538125, 1e-5));
  BOOST_TEST(near(table->players[1].error95, 159.619775, 1e-4));
  BOOST_TEST(table->players[1].points == 7.0);
  BOOST_TEST(table->players[1].games == 20u);
}

BOOST_AUTO_TEST_CASE(three_players_anchored_to_one) {
  // reference_values.py: elo [0, -82.288581, -120.812435],
  // err95 [0, 182.6353, 193.6405].
  auto table = compute_ratings(3, three_players(), {0});
  BOOST_REQUIRE(table.has_value());
  BOOST_TEST(near(table->players[1].elo, -82.288581, 1e-4));
  BOOST_TEST(near(table->players[2].elo, -120.812435, 1e-4));
  BOOST_TEST(near(table->players[1].error95, 182.6353, 0.01));
  BOOST_TEST(near(table->players[2].error95, 193.6405, 0.01));
  BOOST_TEST(near(table->players[0].error95, 0.0, 1e-12));
}

BOOST_AUTO_TEST_CASE(three_players_with_mean_zero) {
  // reference_values.py: elo [67.700339, -14.588242, -53.112096],
  // err95 [111.8339, 98.6021, 105.3693].
  auto table = compute_ratings(3, three_players(), {});
  BOOST_REQUIRE(table.has_value());
  BOOST_TEST(near(table->players[0].elo, 67.700339, 1e-4));
  BOOST_TEST(near(table->players[1].elo, -14.588242, 1e-4));
  BOOST_TEST(near(table->players[2].elo, -53.112096, 1e-4));
  BOOST_TEST(near(table->players[0].error95, 111.8339, 0.01));
  BOOST_TEST(near(table->players[1].error95, 98.6021, 0.01));
  BOOST_TEST(near(table->players[2].error95, 105.3693, 0.01));
  // Anchoring to another player only shifts: B anchored, A is 82.288581 above.
  auto shifted = compute_ratings(3, three_players(), {1});
  BOOST_REQUIRE(shifted.has_value());
  BOOST_TEST(near(shifted->players[0].elo, 82.288581, 1e-4));
}

BOOST_AUTO_TEST_CASE(players_who_took_every_point_are_unbounded) {
  // A beat B twice; B and C drew twice: A is infinitely above B's group.
  std::vector<head_to_head> games{{0, 1, {2, 0, 0}}, {1, 2, {0, 0, 2}}};
  auto anchored = compute_ratings(4, games, {1});
  BOOST_REQUIRE(anchored.has_value());
  BOOST_TEST(!anchored->complete);
  BOOST_TEST((anchored->players[0].bound == rating_bound::above));
  BOOST_TEST(!anchored->players[0].elo);
  BOOST_TEST((anchored->players[1].bound == rating_bound::finite));
  BOOST_TEST(near(anchored->players[2].elo, 0.0, 1e-9));                // two draws: equal
  BOOST_TEST((anchored->players[3].bound == rating_bound::unbounded));  // no games
  auto from_top = compute_ratings(4, games, {0});
  BOOST_REQUIRE(from_top.has_value());
  BOOST_TEST((from_top->players[1].bound == rating_bound::below));
  auto mean = compute_ratings(4, games, {});
  BOOST_REQUIRE(mean.has_value());
  for (const auto& p : mean->players) {
    BOOST_TEST(!p.elo);
    BOOST_TEST((p.bound == rating_bound::unbounded));
  }
  auto nothing = compute_ratings(3, {}, {});
  BOOST_REQUIRE(nothing.has_value());
  BOOST_TEST(!nothing->complete);
}

BOOST_AUTO_TEST_CASE(maximum_satisfies_the_score_equations) {
  // The Bradley-Terry MLE is characterised by expected points = actual points
  // for every player (Zermelo 1929; Hunter 2004, eq. 2). Seeded random round
  // robins of 2-8 players, with lopsided and even results.
  std::uint64_t state = 12345;
  auto next = [&state](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  for (int trial = 0; trial < 200; ++trial) {
    const int players = 2 + static_cast<int>(next(7));
    std::vector<head_to_head> games;
    for (int i = 0; i < players; ++i) {
      for (int j = i + 1; j < players; ++j) {
        // At least one draw keeps every pair connected both ways.
        games.push_back({i, j, {next(40), next(40), 1 + next(10)}});
      }
    }
    auto table = compute_ratings(players, games, {});
    BOOST_REQUIRE(table.has_value());
    BOOST_REQUIRE(table->complete);
    double mean = 0.0;
    for (int i = 0; i < players; ++i) {
      const auto& p = table->players[static_cast<std::size_t>(i)];
      BOOST_REQUIRE(p.elo.has_value());
      BOOST_REQUIRE(p.error95.has_value());
      BOOST_TEST(std::isfinite(*p.error95));
      mean += *p.elo / players;
      double expected_points = 0.0;
      for (const auto& g : games) {
        if (g.first != i && g.second != i) {
          continue;
        }
        const int other = g.first == i ? g.second : g.first;
        const double diff = *p.elo - *table->players[static_cast<std::size_t>(other)].elo;
        expected_points +=
            static_cast<double>(g.counts.games()) / (1.0 + std::pow(10.0, -diff / 400.0));
      }
      BOOST_TEST(std::abs(expected_points - p.points) < 1e-6);
    }
    BOOST_TEST(std::abs(mean) < 1e-6);
  }
}

BOOST_AUTO_TEST_CASE(bad_input_is_an_error) {
  BOOST_TEST(!compute_ratings(0, {}, {}).has_value());
  BOOST_TEST(!compute_ratings(2, {{0, 2, {1, 0, 0}}}, {}).has_value());
  BOOST_TEST(!compute_ratings(2, {{1, 1, {1, 0, 0}}}, {}).has_value());
  BOOST_TEST(!compute_ratings(2, {}, {5}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
