#include "tourney/results/results_tally.hpp"

#include <cmath>

#include <boost/test/unit_test.hpp>

using namespace tourney;

namespace {

spec::tournament_spec two_player_spec(int games) {
  spec::tournament_spec s;
  s.name = "t";
  s.players.resize(2);
  s.players[0].name = "agent";
  s.players[0].as_builtin()->kind = "random";
  s.players[1].name = "opponent";
  s.players[1].as_builtin()->kind = "random";
  s.games_per_pairing = games;
  return s;
}

/// The result that makes players[0] win (or lose) game i.
game::result agent_result(const schedule::schedule& games, std::uint64_t i, bool agent_wins) {
  bool agent_black = games.at(i).black == 0;
  return agent_black == agent_wins ? game::result::black_win
                                   : game::result::white_win;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(results_results_tally)

BOOST_AUTO_TEST_CASE(counts_are_from_the_first_players_view_whatever_the_colours) {
  auto spec = two_player_spec(4);
  auto games = schedule::schedule::create(spec, 1);
  BOOST_REQUIRE(games);
  auto tally = results::results_tally::create(spec, *games);
  BOOST_REQUIRE(tally);
  // The agent wins games 0, 1, 2 and loses game 3: 3-1-0 whatever colour it had.
  for (std::uint64_t i = 0; i < 4; ++i) {
    BOOST_TEST(tally->add(i, agent_result(*games, i, i < 3)));
  }
  auto p = tally->pairings();
  BOOST_REQUIRE(p.size() == 1u);
  BOOST_TEST(p[0].first == 0);
  BOOST_TEST(p[0].wdl.wins == 3u);
  BOOST_TEST(p[0].wdl.losses == 1u);
  BOOST_TEST(p[0].wdl.draws == 0u);
  // Two pairs: one WW and one WL (pair score 1), so the pentanomial is
  // [LL, LD, DD+WL, WD, WW] = [0, 0, 1, 0, 1] when games 0-1 and 2-3 are pairs.
  auto pair_of_0 = games->at(0).pair;
  BOOST_TEST(games->at(1).pair == pair_of_0);
  BOOST_TEST(p[0].pentanomial.counts[4] == 1u);
  BOOST_TEST(p[0].pentanomial.counts[2] == 1u);
  // Elo of a 75% score: -400 log10(1/0.75 - 1) = 190.85 (the logistic formula).
  auto j = tally->statistics_json();
  double elo = j["pairs"][0]["elo"].get<double>();
  BOOST_TEST(std::abs(elo - 190.85) < 0.01);
}

BOOST_AUTO_TEST_CASE(ingestion_is_idempotent_and_bounded) {
  auto spec = two_player_spec(2);
  auto games = schedule::schedule::create(spec, 1);
  auto tally = results::results_tally::create(spec, *games);
  BOOST_TEST(tally->add(0, game::result::draw));
  BOOST_TEST(!tally->add(0, game::result::black_win));  // already counted
  BOOST_TEST(!tally->add(2, game::result::draw));       // out of range
  BOOST_TEST(tally->counted() == 1u);
  BOOST_TEST(tally->pairings()[0].wdl.draws == 1u);
  BOOST_TEST(tally->pairings()[0].wdl.wins == 0u);
}

BOOST_AUTO_TEST_CASE(errors_are_counted_apart_from_elo) {
  auto spec = two_player_spec(2);
  auto games = schedule::schedule::create(spec, 1);
  auto tally = results::results_tally::create(spec, *games);
  tally->add(0, game::result::error);
  tally->add(1, game::result::draw);
  BOOST_TEST(tally->errors() == 1u);
  BOOST_TEST(tally->pairings()[0].wdl.games() == 1u);
  BOOST_TEST(tally->statistics_json()["errors"].get<int>() == 1);
  // A pair with an error game never enters the pentanomial.
  BOOST_TEST(tally->pairings()[0].pentanomial.pairs() == 0u);
}

BOOST_AUTO_TEST_CASE(round_robin_gets_ratings_and_sprt_runs_get_a_verdict_field) {
  auto spec = two_player_spec(2);
  spec.players.push_back(spec.players[1]);
  spec.players[2].name = "third";
  spec.kind = spec::format::round_robin;
  auto games = schedule::schedule::create(spec, 1);
  auto tally = results::results_tally::create(spec, *games);
  for (std::uint64_t i = 0; i < games->size(); ++i) {
    tally->add(i, game::result::draw);
  }
  BOOST_TEST(tally->pairings().size() == 3u);
  BOOST_TEST(tally->ratings().has_value());

  auto two = two_player_spec(2);
  two.sprt = spec::sprt_spec{};
  auto g2 = schedule::schedule::create(two, 1);
  auto t2 = results::results_tally::create(two, *g2);
  t2->add(0, game::result::draw);
  t2->add(1, game::result::draw);
  auto j = t2->statistics_json();
  BOOST_TEST(j["pairs"][0].contains("sprt"));
  auto r = j["pairs"][0]["sprt"]["result"].get<std::string>();
  BOOST_TEST((r == "continue" || r == "H0" || r == "H1"));
  BOOST_TEST(t2->sprt_state().has_value());
}

BOOST_AUTO_TEST_CASE(result_names_parse) {
  BOOST_TEST((*game::result_from_string("white_win") == game::result::white_win));
  BOOST_TEST(!game::result_from_string("win"));
}

BOOST_AUTO_TEST_SUITE_END()
