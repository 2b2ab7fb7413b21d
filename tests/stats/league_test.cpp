// The league fit against an independent implementation:
// tests/stats/league_reference.py fits the same model (BayesElo's, Rao-Kupper
// ties with a first-move factor) by minorisation-maximisation with scipy for
// the nuisance terms and takes the intervals from a finite-difference
// Hessian; it runs here with Debian's /usr/bin/python3 on generated results
// with known true strengths. No expected value comes from the C++ fit.
#include "tourney/stats/league.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

#include "support/process_runner.hpp"

using namespace tourney::stats;

namespace {

constexpr double elo_scale = 173.71779276130073;  // 400 / ln 10

double logistic_elo(double elo) {
  return 1.0 / (1.0 + std::exp(-elo / elo_scale));
}

// Games drawn from the model with the given true ratings, first-move and
// draw terms: every listed pair plays `games` games, colours alternating.
std::vector<colour_results> play(const std::vector<double>& truth,
                                 const std::vector<std::pair<int, int>>& pairs, int games,
                                 double first_move, double draw, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<colour_results> out;
  for (const auto& [a, b] : pairs) {
    colour_results ab{a, b, 0, 0, 0};
    colour_results ba{b, a, 0, 0, 0};
    for (int k = 0; k < games; ++k) {
      auto& r = k % 2 == 0 ? ab : ba;
      const double d = truth[static_cast<std::size_t>(r.black)] -
                       truth[static_cast<std::size_t>(r.white)] + first_move;
      const double black_wins = logistic_elo(d - draw);
      const double white_wins = logistic_elo(-d - draw);
      const double u = uniform(rng);
      if (u < black_wins) {
        ++r.black_wins;
      } else if (u < black_wins + white_wins) {
        ++r.white_wins;
      } else {
        ++r.draws;
      }
    }
    out.push_back(ab);
    out.push_back(ba);
  }
  return out;
}

std::vector<std::pair<int, int>> round_robin(int n) {
  std::vector<std::pair<int, int>> out;
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      out.emplace_back(i, j);
    }
  }
  return out;
}

league_input league_of(int n, std::vector<colour_results> games) {
  league_input in;
  for (int i = 0; i < n; ++i) {
    in.players.push_back("p" + std::to_string(i));
  }
  in.games = std::move(games);
  return in;
}

nlohmann::json reference_fit(const league_input& in) {
  nlohmann::json spec{{"players", in.players.size()}};
  spec["games"] = nlohmann::json::array();
  for (const auto& g : in.games) {
    spec["games"].push_back({g.black, g.white, g.black_wins, g.white_wins, g.draws});
  }
  spec["neutral"] = nlohmann::json::array();
  for (const auto& g : in.neutral_games) {
    spec["neutral"].push_back({g.first, g.second, g.wins, g.losses, g.draws});
  }
  spec["anchors"] = nlohmann::json::array();
  for (const auto& a : in.anchors) {
    spec["anchors"].push_back({a.player, a.elo, a.sd});
  }
  spec["mean_zero"] = in.anchors.empty() && in.sequential_sd == 0;
  spec["sequence"] = in.sequence;
  spec["sequential_sd"] = in.sequential_sd;
  tourney::test::run_options run;
  run.argv = {"/usr/bin/python3",
              std::string(TOURNEY_SOURCE_DIR) + "/tests/stats/league_reference.py"};
  run.stdin_text = spec.dump();
  run.deadline = std::chrono::milliseconds(300000);
  auto r = tourney::test::run_process(run);
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "league_reference.py: " << r.err);
  return nlohmann::json::parse(r.out);
}

void require_same_fit(const league_input& in, const char* what) {
  BOOST_TEST_CONTEXT(what) {
    auto fit = fit_league(in);
    BOOST_REQUIRE(fit.has_value());
    const auto ref = reference_fit(in);
    for (std::size_t i = 0; i < in.players.size(); ++i) {
      const auto& p = fit->players[i];
      BOOST_REQUIRE(p.elo.has_value());
      BOOST_TEST(std::abs(*p.elo - ref["elo"][i].get<double>()) < 0.01,
                 in.players[i] << ": " << *p.elo << " vs " << ref["elo"][i]);
      const double e = ref["error95"][i].get<double>();
      BOOST_TEST(std::abs(*p.error95 - e) <= 0.005 * e + 0.01,
                 in.players[i] << ": +/- " << *p.error95 << " vs " << e);
    }
    BOOST_TEST(std::abs(fit->first_move_elo - ref["first_move"].get<double>()) < 0.01);
    BOOST_TEST(std::abs(fit->draw_elo - ref["draw"].get<double>()) < 0.01);
    const double fe = ref["first_move_error95"].get<double>();
    BOOST_TEST(std::abs(fit->first_move_error95 - fe) <= 0.005 * fe);
    const double de = ref["draw_error95"].get<double>();
    BOOST_TEST(std::abs(fit->draw_error95 - de) <= 0.005 * de);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stats_league)

BOOST_AUTO_TEST_CASE(matches_an_independent_mm_fit) {
  std::mt19937_64 rng(17);
  const std::vector<double> truth{120, 40, 0, -30, -90, 200};
  league_input in = league_of(6, play(truth, round_robin(6), 30, 35, 90, rng));
  require_same_fit(in, "six players, mean 0");

  // Colours unknown for some games (the per-tournament totals).
  in.neutral_games = {{0, 1, 3, 2, 1}, {4, 2, 1, 4, 2}};
  require_same_fit(in, "with neutral games");

  // A hard anchor and a loose one.
  in.anchors = {{2, 1000.0, 0.0}, {5, 1300.0, 50.0}};
  require_same_fit(in, "anchored");
}

BOOST_AUTO_TEST_CASE(sequential_prior_matches_the_reference) {
  // Eight checkpoints, each playing only its two neighbours a few games: the
  // prior carries strength along the chain.
  std::mt19937_64 rng(5);
  std::vector<double> truth;
  for (int i = 0; i < 8; ++i) {
    truth.push_back(40.0 * i);
  }
  std::vector<std::pair<int, int>> neighbours;
  for (int i = 0; i + 1 < 8; ++i) {
    neighbours.emplace_back(i, i + 1);
  }
  neighbours.emplace_back(0, 7);
  league_input in = league_of(8, play(truth, neighbours, 6, 30, 80, rng));
  in.sequence = {0, 1, 2, 3, 4, 5, 6, 7};
  in.sequential_sd = 60.0;
  in.anchors = {{0, 0.0, 0.0}};
  require_same_fit(in, "sequential prior");
}

BOOST_AUTO_TEST_CASE(intervals_cover_the_true_ratings_at_about_the_stated_rate) {
  // 400 leagues of 6 players with known strengths: the 95% intervals of the
  // mean-0 ratings hold the mean-0 true ratings about 95% of the time.
  std::mt19937_64 rng(2026);
  std::normal_distribution<double> spread(0.0, 150.0);
  int inside = 0;
  int total = 0;
  int first_move_inside = 0;
  for (int league = 0; league < 400; ++league) {
    std::vector<double> truth;
    double mean = 0;
    for (int i = 0; i < 6; ++i) {
      truth.push_back(spread(rng));
      mean += truth.back() / 6;
    }
    auto fit = fit_league(league_of(6, play(truth, round_robin(6), 20, 30, 100, rng)));
    BOOST_REQUIRE(fit.has_value());
    if (!fit->complete) {
      continue;  // a player who took every point: no interval to check
    }
    for (std::size_t i = 0; i < 6; ++i) {
      const auto& p = fit->players[i];
      inside += std::abs(*p.elo - (truth[i] - mean)) <= *p.error95 ? 1 : 0;
      ++total;
    }
    first_move_inside += std::abs(fit->first_move_elo - 30) <= fit->first_move_error95 ? 1 : 0;
  }
  BOOST_REQUIRE(total >= 2000);
  const double rate = static_cast<double>(inside) / total;
  BOOST_TEST_MESSAGE("coverage " << rate << " over " << total);
  BOOST_TEST(rate > 0.93);
  BOOST_TEST(rate < 0.97);
  BOOST_TEST(first_move_inside > 0.90 * total / 6);
}

BOOST_AUTO_TEST_CASE(hard_anchors_hold_exactly) {
  std::mt19937_64 rng(3);
  auto in = league_of(4, play({0, 50, 100, 150}, round_robin(4), 20, 30, 80, rng));
  in.anchors = {{1, 1234.5, 0.0}, {3, 1500.0, 0.0}};
  auto fit = fit_league(in);
  BOOST_REQUIRE(fit.has_value());
  BOOST_TEST(*fit->players[1].elo == 1234.5);
  BOOST_TEST(*fit->players[3].elo == 1500.0);
  BOOST_TEST(*fit->players[1].error95 == 0.0);
  BOOST_TEST(fit->players[1].anchored);
  BOOST_TEST(!fit->players[0].anchored);
  BOOST_TEST(*fit->players[0].error95 > 0.0);
}

BOOST_AUTO_TEST_CASE(a_disconnected_league_is_reported_naming_the_groups) {
  league_input in;
  in.players = {"alpha", "beta", "gamma", "delta", "idle"};
  in.games = {{0, 1, 3, 2, 1}, {1, 0, 2, 2, 0}, {2, 3, 4, 1, 1}, {3, 2, 1, 3, 0}};
  auto fit = fit_league(in);
  BOOST_REQUIRE(fit.has_value());
  BOOST_TEST(fit->groups.size() == 2u);
  BOOST_REQUIRE(!fit->warnings.empty());
  const auto& w = fit->warnings[0];
  BOOST_TEST(w.find("players not connected") != std::string::npos, w);
  BOOST_TEST(w.find("{alpha, beta}") != std::string::npos, w);
  BOOST_TEST(w.find("{gamma, delta}") != std::string::npos, w);
  // Each group is centred on its own.
  BOOST_TEST(std::abs(*fit->players[0].elo + *fit->players[1].elo) < 1e-9);
  BOOST_TEST(std::abs(*fit->players[2].elo + *fit->players[3].elo) < 1e-9);
  // Different groups are never compared.
  for (const auto& p : fit->players) {
    if (p.los_next) {
      BOOST_TEST(p.group >= 0);
    }
  }
  BOOST_TEST((fit->players[4].bound == rating_bound::unbounded));
  BOOST_TEST(!fit->players[4].elo);
  BOOST_TEST(!fit->complete);
  // Anchoring both groups places them on one scale: no longer unbounded.
  in.anchors = {{0, 0.0, 0.0}, {2, 100.0, 0.0}};
  auto anchored = fit_league(in);
  BOOST_REQUIRE(anchored.has_value());
  BOOST_TEST(*anchored->players[2].elo == 100.0);
}

BOOST_AUTO_TEST_CASE(order_and_splitting_of_games_do_not_matter) {
  std::mt19937_64 rng(11);
  auto in = league_of(5, play({0, 30, 60, -40, 10}, round_robin(5), 12, 25, 90, rng));
  auto first = fit_league(in);
  BOOST_REQUIRE(first.has_value());
  // One entry per game, shuffled.
  league_input split = in;
  split.games.clear();
  for (const auto& g : in.games) {
    for (std::uint64_t k = 0; k < g.black_wins; ++k) {
      split.games.push_back({g.black, g.white, 1, 0, 0});
    }
    for (std::uint64_t k = 0; k < g.white_wins; ++k) {
      split.games.push_back({g.black, g.white, 0, 1, 0});
    }
    for (std::uint64_t k = 0; k < g.draws; ++k) {
      split.games.push_back({g.black, g.white, 0, 0, 1});
    }
  }
  std::shuffle(split.games.begin(), split.games.end(), rng);
  auto second = fit_league(split);
  BOOST_REQUIRE(second.has_value());
  for (std::size_t i = 0; i < 5; ++i) {
    BOOST_TEST(*first->players[i].elo == *second->players[i].elo);
    BOOST_TEST(*first->players[i].error95 == *second->players[i].error95);
  }
  BOOST_TEST(first->order == second->order);
}

BOOST_AUTO_TEST_CASE(a_player_with_only_wins_is_bounded_never_infinite) {
  // a, b, c play each other; d won its three games against a (colours not
  // known). The rated three are fitted without d's games (at d's limit they
  // weigh nothing); d's interval is [bound, inf) with bound where
  // 3 log F(r - r_a - draw) = -1.92 (chi-square(1) 95% / 2): r = r_a + draw +
  // logit(exp(-1.920729 / 3)), r_a and draw from the reference fit.
  league_input core;
  core.players = {"a", "b", "c"};
  core.games = {{0, 1, 4, 2, 2}, {1, 0, 3, 3, 1}, {1, 2, 5, 2, 1},
                {2, 1, 2, 3, 2}, {0, 2, 4, 1, 1}, {2, 0, 2, 4, 0}};
  const auto ref = reference_fit(core);
  league_input in = core;
  in.players.push_back("d");
  in.neutral_games = {{3, 0, 3, 0, 0}};
  auto fit = fit_league(in);
  BOOST_REQUIRE(fit.has_value());
  BOOST_TEST(!fit->complete);
  const auto& d = fit->players[3];
  BOOST_TEST((d.bound == rating_bound::above));
  BOOST_TEST(!d.elo);
  BOOST_REQUIRE(d.bound_elo.has_value());
  const double q = std::exp(-1.920729410347062 / 3);
  const double expected =
      ref["elo"][0].get<double>() + ref["draw"].get<double>() + std::log(q / (1 - q)) * elo_scale;
  BOOST_TEST(std::abs(*d.bound_elo - expected) < 0.05, *d.bound_elo << " vs " << expected);
  BOOST_TEST(std::abs(*fit->players[0].elo - ref["elo"][0].get<double>()) < 0.01);
  BOOST_TEST(fit->order.front() == 3);  // ranked first, above the rated players
  bool warned = false;
  for (const auto& w : fit->warnings) {
    warned = warned || w.find("took every point") != std::string::npos;
  }
  BOOST_TEST(warned);

  // With a sequential prior linking d to a, d gets a finite rating.
  in.sequence = {0, 3};
  in.sequential_sd = 100.0;
  auto prior = fit_league(in);
  BOOST_REQUIRE(prior.has_value());
  BOOST_TEST((prior->players[3].bound == rating_bound::finite));
  BOOST_TEST(*prior->players[3].elo > *prior->players[0].elo);
  BOOST_TEST(prior->complete);
}

BOOST_AUTO_TEST_CASE(bad_input_is_an_error_naming_it) {
  league_input in;
  BOOST_TEST(!fit_league(in).has_value());
  in.players = {"a", "b"};
  in.games = {{0, 2, 1, 0, 0}};
  BOOST_TEST(fit_league(in).error().message.find("games[0]") != std::string::npos);
  in.games = {{0, 1, 1, 1, 0}};
  in.anchors = {{0, 1.0, 0.0}, {0, 2.0, 0.0}};
  BOOST_TEST(fit_league(in).error().message.find("a is anchored twice") != std::string::npos);
  in.anchors = {{1, 1.0, -3.0}};
  BOOST_TEST(!fit_league(in).has_value());
  in.anchors = {};
  in.sequence = {0, 1, 0};
  in.sequential_sd = 10;
  BOOST_TEST(fit_league(in).error().message.find("twice in the sequence") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_lone_winner_is_its_groups_reference_not_zero_plus_minus_zero) {
  // a beat b twice, nothing else: no finite difference exists. One of them
  // is the group's reference (0, no interval), the other bounded from it.
  league_input in;
  in.players = {"a", "b"};
  in.games = {{0, 1, 1, 0, 0}, {1, 0, 0, 1, 0}};
  auto fit = fit_league(in);
  BOOST_REQUIRE(fit.has_value());
  const auto& a = fit->players[0];
  const auto& b = fit->players[1];
  BOOST_TEST(!fit->complete);
  BOOST_TEST((a.bound == rating_bound::finite || b.bound == rating_bound::finite));
  const auto& reference = a.bound == rating_bound::finite ? a : b;
  const auto& other = a.bound == rating_bound::finite ? b : a;
  BOOST_TEST(*reference.elo == 0.0);
  BOOST_TEST(!reference.error95);
  BOOST_TEST((other.bound == rating_bound::above || other.bound == rating_bound::below));
  BOOST_TEST(other.bound_elo.has_value());
  BOOST_TEST(!other.elo);
}

BOOST_AUTO_TEST_SUITE_END()
