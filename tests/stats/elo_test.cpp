// Expected values: fastchess's published unit tests (app/tests/elo_test.cpp,
// Disservin/fastchess, doctest cases "EloWDL 1..3", "EloPentanomial 1..3",
// given to 2 decimals), re-derived to more digits by
// tests/stats/reference_values.py from the formulas of fastchess
// elo_wdl.cpp / elo_pentanomial.cpp and fishtest stat_util.get_elo.
#include "tourney/stats/elo.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>

using namespace tourney::stats;

namespace {
bool near(std::optional<double> value, double expected, double tolerance) {
  return value.has_value() && std::abs(*value - expected) <= tolerance;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(stats_elo)

BOOST_AUTO_TEST_CASE(trinomial_matches_fastchess_elo_wdl_2) {
  // fastchess "EloWDL 2": Stats(136, 96, 111) = 136 W, 96 L, 111 D:
  // diff 40.70, error 30.43, nElo 49.77 +/- 36.77, LOS "99.60 %".
  // reference_values.py: elo 40.702458, err 30.427218, nelo 49.768415,
  // nerr 36.768451, los 0.996010.
  auto e = trinomial_elo({136, 96, 111});
  BOOST_TEST(e.samples == 343u);
  BOOST_TEST(near(e.elo, 40.702458, 1e-5));
  BOOST_TEST(near(e.elo_error95, 30.427218, 1e-5));
  BOOST_TEST(near(e.nelo, 49.768415, 1e-5));
  BOOST_TEST(near(e.nelo_error95, 36.768451, 1e-5));
  BOOST_TEST(near(e.los, 0.996010, 1e-6));
  BOOST_TEST(near(e.elo_lower95, 10.586756, 1e-5));
  BOOST_TEST(near(e.elo_upper95, 71.441192, 1e-5));
  BOOST_TEST(e.bounded());
}

BOOST_AUTO_TEST_CASE(trinomial_matches_fastchess_elo_wdl_1_and_3) {
  // "EloWDL 1": 76 W, 89 L, 123 D: nElo -20.76 +/- 40.13, LOS "15.53 %".
  auto one = trinomial_elo({76, 89, 123});
  BOOST_TEST(near(one.nelo, -20.756450, 1e-5));
  BOOST_TEST(near(one.nelo_error95, 40.126026, 1e-5));
  BOOST_TEST(near(one.los, 0.155326, 1e-6));
  BOOST_TEST(near(one.elo, -15.693521, 1e-5));
  // "EloWDL 3": 34 W, 356 L, 0 D: nElo -508.44 +/- 34.48.
  auto three = trinomial_elo({34, 356, 0});
  BOOST_TEST(near(three.nelo, -508.435325, 1e-5));
  BOOST_TEST(near(three.nelo_error95, 34.481812, 1e-5));
  BOOST_TEST(near(three.elo, -407.988432, 1e-5));
  BOOST_TEST(near(three.elo_error95, 63.164515, 1e-5));
}

BOOST_AUTO_TEST_CASE(pentanomial_matches_fastchess_elo_pentanomial) {
  // fastchess Stats(ll, ld, wl, dd, wd, ww); DD and WL share one bucket.
  // "EloPentanomial 1": (34, 54, 31, 32, 64, 75): diff 55.58 +/- 27.65,
  // nElo 57.94 +/- 28.28, LOS "100.00 %".
  auto one = pentanomial_elo({{34, 54, 63, 64, 75}});
  BOOST_TEST(one.samples == 290u);
  BOOST_TEST(near(one.elo, 55.579780, 1e-5));
  BOOST_TEST(near(one.elo_error95, 27.653430, 1e-5));
  BOOST_TEST(near(one.nelo, 57.935600, 1e-5));
  BOOST_TEST(near(one.nelo_error95, 28.275376, 1e-5));
  BOOST_TEST(near(one.los, 0.999970, 1e-6));
  // "EloPentanomial 2": (332, 433, 457, 41, 333, 334): -8.64 +/- 10.33,
  // nElo -9.17 +/- 10.96, LOS "5.05 %".
  auto two = pentanomial_elo({{332, 433, 498, 333, 334}});
  BOOST_TEST(near(two.elo, -8.642667, 1e-5));
  BOOST_TEST(near(two.elo_error95, 10.334194, 1e-5));
  BOOST_TEST(near(two.nelo, -9.172914, 1e-5));
  BOOST_TEST(near(two.nelo_error95, 10.960459, 1e-5));
  BOOST_TEST(near(two.los, 0.050470, 1e-6));
  // "EloPentanomial 3": (7895, 8757, 5485, 200, 568, 9999): -21.04 +/- 2.95,
  // nElo -19.01 +/- 2.65.
  auto three = pentanomial_elo({{7895, 8757, 5685, 568, 9999}});
  BOOST_TEST(near(three.elo, -21.043521, 1e-5));
  BOOST_TEST(near(three.elo_error95, 2.945281, 1e-5));
  BOOST_TEST(near(three.nelo, -19.012834, 1e-5));
  BOOST_TEST(near(three.nelo_error95, 2.654502, 1e-5));
}

BOOST_AUTO_TEST_CASE(zero_games_give_no_numbers) {
  auto tri = trinomial_elo({});
  BOOST_TEST(tri.samples == 0u);
  BOOST_TEST(!tri.score);
  BOOST_TEST(!tri.elo);
  BOOST_TEST(!tri.elo_error95);
  BOOST_TEST(!tri.los);
  BOOST_TEST(!tri.nelo);
  BOOST_TEST(!tri.bounded());
  auto penta = pentanomial_elo({});
  BOOST_TEST(!penta.score);
  BOOST_TEST(!penta.los);
}

BOOST_AUTO_TEST_CASE(all_draws_is_zero_with_an_empty_interval) {
  // Score 1/2 with zero variance: Elo 0, interval [0, 0]; nElo is 0/0 and
  // therefore absent; LOS is 1/2 by symmetry.
  auto e = trinomial_elo({0, 0, 10});
  BOOST_TEST(near(e.elo, 0.0, 1e-12));
  BOOST_TEST(near(e.elo_error95, 0.0, 1e-12));
  BOOST_TEST(!e.nelo);
  BOOST_TEST(near(e.los, 0.5, 0.0));
  auto p = pentanomial_elo({{0, 0, 5, 0, 0}});
  BOOST_TEST(near(p.elo, 0.0, 1e-12));
  BOOST_TEST(!p.nelo);
}

BOOST_AUTO_TEST_CASE(all_wins_or_losses_are_unbounded) {
  // Score 1: -400 log10(1/1 - 1) is +infinity; nothing finite to report.
  auto wins = trinomial_elo({10, 0, 0});
  BOOST_TEST(near(wins.score, 1.0, 0.0));
  BOOST_TEST(!wins.elo);
  BOOST_TEST(!wins.elo_error95);
  BOOST_TEST(!wins.bounded());
  BOOST_TEST(near(wins.los, 1.0, 0.0));
  auto losses = trinomial_elo({0, 7, 0});
  BOOST_TEST(!losses.elo);
  BOOST_TEST(near(losses.los, 0.0, 0.0));
  auto pairs = pentanomial_elo({{0, 0, 0, 0, 4}});
  BOOST_TEST(!pairs.elo);
}

BOOST_AUTO_TEST_CASE(interval_past_score_one_is_open_above) {
  // 9 W 1 D: mu 0.95, var 0.0225, upper score 0.95 + 1.96 sqrt(0.00225) =
  // 1.0430 > 1, so no finite upper end; lower end elo(0.8570) = 311.1015
  // (reference_values.py).
  auto e = trinomial_elo({9, 0, 1});
  BOOST_TEST(near(e.elo, 511.501440, 1e-5));
  BOOST_TEST(near(e.elo_lower95, 311.101499, 1e-5));
  BOOST_TEST(!e.elo_upper95);
  BOOST_TEST(!e.elo_error95);
  BOOST_TEST(!e.bounded());
}

BOOST_AUTO_TEST_CASE(elo_score_conversions_are_inverse) {
  // 400 Elo is odds 10:1, score 10/11.
  BOOST_TEST(std::abs(elo_to_score(400.0) - 10.0 / 11.0) < 1e-12);
  BOOST_TEST(near(score_to_elo(10.0 / 11.0), 400.0, 1e-9));
  BOOST_TEST(!score_to_elo(0.0));
  BOOST_TEST(!score_to_elo(1.0));
  BOOST_TEST(!score_to_elo(std::nan("")));
  BOOST_TEST(std::abs(normal_cdf(z95) - 0.975) < 1e-12);
}

BOOST_AUTO_TEST_SUITE_END()
