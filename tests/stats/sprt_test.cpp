// Expected LLRs: fastchess's published unit tests (app/tests/sprt_test.cpp,
// Disservin/fastchess; LLR to 2 decimals, doctest epsilon 1%), re-derived to
// more digits by tests/stats/reference_values.py from fishtest's
// server/fishtest/stats/LLRcalc.py (LLR_logistic, LLR_normalized).
// fastchess Stats(ll, ld, wl, dd, wd, ww) and Stats(wins, losses, draws).
#include "tourney/stats/sprt.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>

using namespace tourney;
using namespace tourney::stats;

namespace {
spec::sprt_spec design(double elo0, double elo1, spec::sprt_model model) {
  spec::sprt_spec s;
  s.elo0 = elo0;
  s.elo1 = elo1;
  s.alpha = 0.05;
  s.beta = 0.05;
  s.model = model;
  return s;
}
double llr_of(const spec::sprt_spec& s, const pentanomial_counts& p) {
  auto test = sprt::create(s);
  BOOST_REQUIRE(test.has_value());
  auto status = test->evaluate(p);
  BOOST_REQUIRE(status.has_value());
  return status->llr;
}
double llr_of(const spec::sprt_spec& s, const wdl_counts& w) {
  auto test = sprt::create(s);
  BOOST_REQUIRE(test.has_value());
  auto status = test->evaluate(w);
  BOOST_REQUIRE(status.has_value());
  return status->llr;
}
constexpr auto normalized = spec::sprt_model::normalized;
constexpr auto logistic = spec::sprt_model::logistic;
}  // namespace

BOOST_AUTO_TEST_SUITE(stats_sprt)

BOOST_AUTO_TEST_CASE(bounds_are_walds) {
  // log(beta/(1-alpha)) and log((1-beta)/alpha) for 0.05/0.05: -+2.944439.
  auto test = sprt::create(design(0, 2, normalized));
  BOOST_REQUIRE(test.has_value());
  BOOST_TEST(std::abs(test->lower_bound() - std::log(0.05 / 0.95)) < 1e-12);
  BOOST_TEST(std::abs(test->upper_bound() - 2.9444389791664403) < 1e-12);
  BOOST_TEST((test->decide(3.0) == sprt_result::accept_h1));
  BOOST_TEST((test->decide(-3.0) == sprt_result::accept_h0));
  BOOST_TEST((test->decide(0.0) == sprt_result::continue_testing));
  BOOST_TEST(std::string(to_string(sprt_result::accept_h0)) == "H0");
  BOOST_TEST(std::string(to_string(sprt_result::accept_h1)) == "H1");
  BOOST_TEST(std::string(to_string(sprt_result::continue_testing)) == "continue");
}

BOOST_AUTO_TEST_CASE(normalized_pentanomial_matches_fastchess) {
  // "normalized pentanomial 1": Stats(365, 16618, 36029, 200, 16974, 390),
  // [0, 2] -> 2.25; reference_values.py 2.250368.
  BOOST_TEST(std::abs(llr_of(design(0, 2, normalized), {{365, 16618, 36229, 16974, 390}}) -
                      2.250368) < 1e-4);
  // "normalized pentanomial 2": Stats(127, 4883, 10311, 401, 5150, 104),
  // [-1.75, 0.25] -> 3.01; reference 3.010154.
  BOOST_TEST(std::abs(llr_of(design(-1.75, 0.25, normalized), {{127, 4883, 10712, 5150, 104}}) -
                      3.010154) < 1e-4);
}

BOOST_AUTO_TEST_CASE(logistic_pentanomial_matches_fastchess) {
  // "logistic pentanomial 1": Stats(223, 9863, 20279, 1000, 10037, 246),
  // [0.5, 2.5] -> -3.07; reference -3.074126.
  BOOST_TEST(std::abs(llr_of(design(0.5, 2.5, logistic), {{223, 9863, 21279, 10037, 246}}) +
                      3.074126) < 1e-4);
  // "logistic pentanomial 2": Stats(871, 26175, 55003, 980, 26678, 821),
  // [0, 2] -> -4.98; reference -4.978673.
  BOOST_TEST(std::abs(llr_of(design(0, 2, logistic), {{871, 26175, 55983, 26678, 821}}) +
                      4.978673) < 1e-4);
  // fishtest stat_util.py's own example pentanomial, [-3, 1] logistic;
  // reference_values.py 2.131068.
  BOOST_TEST(std::abs(llr_of(design(-3, 1, logistic), {{10789, 19328, 33806, 19402, 10543}}) -
                      2.131068) < 1e-4);
}

BOOST_AUTO_TEST_CASE(trinomial_matches_fastchess) {
  // "normalized trinomial 1": Stats(36433, 36027, 68692) = W, L, D, [0, 2] ->
  // 0.92; reference 0.923293.
  BOOST_TEST(std::abs(llr_of(design(0, 2, normalized), wdl_counts{36433, 36027, 68692}) -
                      0.923293) < 1e-4);
  // "logistic trinomial 1": Stats(21404, 21184, 40708), [0.5, 2.5] -> -1.57;
  // reference -1.571889.
  BOOST_TEST(std::abs(llr_of(design(0.5, 2.5, logistic), wdl_counts{21404, 21184, 40708}) +
                      1.571889) < 1e-4);
}

BOOST_AUTO_TEST_CASE(degenerate_results_stay_finite) {
  // 104 WW pairs only (zeros regularized to 1e-3), [0, 5] normalized: 2.094955
  // by reference_values.py (fishtest's formula). Not yet past the bound.
  auto test = sprt::create(design(0, 5, normalized));
  BOOST_REQUIRE(test.has_value());
  auto status = test->evaluate(pentanomial_counts{{0, 0, 0, 0, 104}});
  BOOST_REQUIRE(status.has_value());
  BOOST_TEST(std::abs(status->llr - 2.094955) < 1e-4);
  BOOST_TEST((status->result == sprt_result::continue_testing));
  // No pairs at all: LLR ~0 (reference -1.04e-6), continue.
  auto empty = test->evaluate(pentanomial_counts{});
  BOOST_REQUIRE(empty.has_value());
  BOOST_TEST(std::abs(empty->llr) < 1e-5);
  BOOST_TEST((empty->result == sprt_result::continue_testing));
  // Many more WW pairs cross the upper bound.
  auto crushing = test->evaluate(pentanomial_counts{{0, 0, 0, 0, 400}});
  BOOST_REQUIRE(crushing.has_value());
  BOOST_TEST((crushing->result == sprt_result::accept_h1));
  auto hopeless = test->evaluate(pentanomial_counts{{400, 0, 0, 0, 0}});
  BOOST_REQUIRE(hopeless.has_value());
  BOOST_TEST((hopeless->result == sprt_result::accept_h0));
}

BOOST_AUTO_TEST_CASE(bad_designs_are_errors) {
  BOOST_TEST(!sprt::create(design(5, 0, normalized)).has_value());
  BOOST_TEST(!sprt::create(design(0, 0, normalized)).has_value());
  auto s = design(0, 5, logistic);
  s.alpha = 0.0;
  BOOST_TEST(!sprt::create(s).has_value());
  s.alpha = 0.6;
  s.beta = 0.5;
  BOOST_TEST(!sprt::create(s).has_value());
  s = design(0, 5, logistic);
  s.beta = std::nan("");
  BOOST_TEST(!sprt::create(s).has_value());
  BOOST_TEST(!sprt::create(design(0, 500, normalized)).has_value());
  BOOST_TEST(!llr_logistic(0, 5, {1, 2}).has_value());
  BOOST_TEST(!llr_normalized(0, 5, {1, -2, 3}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
