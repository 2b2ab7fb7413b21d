#include "tourney/stats/tournament_tally.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>

using namespace tourney;
using namespace tourney::stats;

BOOST_AUTO_TEST_SUITE(stats_tournament_tally)

BOOST_AUTO_TEST_CASE(outcome_follows_the_winning_colour) {
  BOOST_TEST((outcome_for(0, 0, shogi::color::black) == game_outcome::win));
  BOOST_TEST((outcome_for(0, 1, shogi::color::black) == game_outcome::loss));
  BOOST_TEST((outcome_for(0, 1, shogi::color::white) == game_outcome::win));
  BOOST_TEST((outcome_for(2, 2, shogi::color::white) == game_outcome::loss));
  BOOST_TEST((outcome_for(0, 0, std::nullopt) == game_outcome::draw));
}

BOOST_AUTO_TEST_CASE(games_go_to_their_pairing) {
  auto t = tournament_tally::create({{0, 1}, {0, 2}}, std::nullopt);
  BOOST_REQUIRE(t.has_value());
  BOOST_TEST(t->add_game(0, 0, game_outcome::win).has_value());
  BOOST_TEST(t->add_game(1, 1, game_outcome::draw).has_value());
  BOOST_TEST(t->add_game(0, 0, game_outcome::draw).has_value());
  BOOST_TEST(!t->add_game(2, 5, game_outcome::win).has_value());
  BOOST_TEST(t->games() == 3u);
  auto s = t->summaries();
  BOOST_REQUIRE(s.size() == 2u);
  BOOST_TEST((s[0].wdl == wdl_counts{1, 0, 1}));
  BOOST_TEST(s[0].pentanomial.counts[3] == 1u);  // W + D = 1.5
  BOOST_TEST(s[1].second == 2);
  BOOST_TEST(!s[0].sprt.has_value());
  BOOST_TEST(!t->sprt_decided());
  auto r = t->ratings(3, {0});
  BOOST_REQUIRE(r.has_value());
  // Draws give points both ways, so every player has a finite rating.
  BOOST_TEST(r->complete);
  BOOST_TEST(r->players[0].elo.value_or(1.0) == 0.0);
}

BOOST_AUTO_TEST_CASE(sprt_stops_at_the_first_pair_past_the_bound) {
  // Normalized [0, 5], alpha = beta = 0.05 (upper bound ln 19 = 2.944439).
  // All pairs won: by tests/stats/reference_values.py (fishtest's
  // LLR_normalized) 146 WW pairs give LLR 2.940990 (< bound) and 147 give
  // 2.961134 (>= bound): H1 exactly when the 147th pair completes.
  spec::sprt_spec design;
  design.elo0 = 0;
  design.elo1 = 5;
  auto t = tournament_tally::create({{0, 1}}, design);
  BOOST_REQUIRE(t.has_value());
  BOOST_REQUIRE(t->sprt().has_value());
  BOOST_TEST((t->sprt()->result == sprt_result::continue_testing));
  for (std::uint64_t pair = 0; pair < 146; ++pair) {
    BOOST_REQUIRE(t->add_game(0, pair, game_outcome::win).has_value());
    BOOST_REQUIRE(t->add_game(0, pair, game_outcome::win).has_value());
  }
  BOOST_TEST(std::abs(t->sprt()->llr - 2.940990) < 1e-4);
  BOOST_TEST(!t->sprt_decided());
  BOOST_REQUIRE(t->add_game(0, 146, game_outcome::win).has_value());
  BOOST_TEST(!t->sprt_decided());  // half a pair changes nothing
  BOOST_REQUIRE(t->add_game(0, 146, game_outcome::win).has_value());
  BOOST_TEST(t->sprt_decided());
  BOOST_TEST((t->sprt()->result == sprt_result::accept_h1));
  BOOST_TEST(std::abs(t->sprt()->llr - 2.961134) < 1e-4);
  auto s = t->summaries();
  BOOST_REQUIRE(s[0].sprt.has_value());
  BOOST_TEST((s[0].sprt->result == sprt_result::accept_h1));
}

BOOST_AUTO_TEST_CASE(sprt_needs_one_pairing_and_a_valid_design) {
  spec::sprt_spec design;
  BOOST_TEST(!tournament_tally::create({{0, 1}, {0, 2}}, design).has_value());
  design.elo1 = -1;
  BOOST_TEST(!tournament_tally::create({{0, 1}}, design).has_value());
}

BOOST_AUTO_TEST_CASE(default_anchor_by_format) {
  spec::tournament_spec s;
  s.kind = spec::format::gauntlet;
  BOOST_TEST(default_anchor(s).player.value_or(-1) == 0);
  s.kind = spec::format::round_robin;
  BOOST_TEST(!default_anchor(s).player.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
