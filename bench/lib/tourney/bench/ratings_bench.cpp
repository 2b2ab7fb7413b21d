#include "tourney/bench/ratings_bench.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <random>
#include <string>

#include "tourney/bench/old_bradley_terry.hpp"
#include "tourney/stats/league.hpp"
#include "tourney/stats/ratings.hpp"

namespace tourney::bench {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

nlohmann::json run_ratings_bench(const ratings_bench_options& options) {
  const int n = std::max(options.players, 2);
  std::mt19937_64 rng(options.seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  // Strength rising over training with noise, as checkpoints do.
  std::vector<double> truth(static_cast<std::size_t>(n));
  std::normal_distribution<double> noise(0.0, 30.0);
  double mean = 0;
  for (int i = 0; i < n; ++i) {
    truth[static_cast<std::size_t>(i)] = 3.0 * i + noise(rng);
    mean += truth[static_cast<std::size_t>(i)] / n;
  }
  const double first_move = 30.0;
  const double draw = 60.0;
  auto f = [](double elo) { return 1.0 / (1.0 + std::pow(10.0, -elo / 400.0)); };
  // One entry per game, as a reader of journals would pass them.
  std::vector<stats::colour_results> per_game;
  std::map<std::pair<int, int>, int> pairs_met;
  std::uniform_int_distribution<int> pick(0, n - 1);
  std::uniform_int_distribution<int> near(1, 10);
  for (std::uint64_t k = 0; k < options.games; ++k) {
    const int a = pick(rng);
    int b = k % 8 == 0 ? pick(rng) : a + (uniform(rng) < 0.5 ? -1 : 1) * near(rng);
    if (b < 0 || b >= n || b == a) {
      b = (a + 1) % n;
    }
    const bool a_black = k % 2 == 0;
    const int black = a_black ? a : b;
    const int white = a_black ? b : a;
    const double d = truth[static_cast<std::size_t>(black)] -
                     truth[static_cast<std::size_t>(white)] + first_move;
    stats::colour_results t{black, white, 0, 0, 0};
    ++pairs_met[{black, white}];
    const double u = uniform(rng);
    if (u < f(d - draw)) {
      ++t.black_wins;
    } else if (u < f(d - draw) + f(-d - draw)) {
      ++t.white_wins;
    } else {
      ++t.draws;
    }
    per_game.push_back(t);
  }
  stats::league_input input;
  for (int i = 0; i < n; ++i) {
    input.players.push_back("ckpt-" + std::to_string(i));
  }
  input.games = per_game;
  std::vector<stats::head_to_head> neutral;
  for (const auto& t : input.games) {
    neutral.push_back({t.black, t.white, {t.black_wins, t.white_wins, t.draws}});
  }

  double fit_s = 1e300;
  double baseline_s = 1e300;
  double fit_cpu_s = 1e300;  // process CPU time: less disturbed on a shared machine
  double baseline_cpu_s = 1e300;
  expected<stats::league_ratings> fit = fail("not run");
  bool baseline_complete = false;
  for (int r = 0; r < std::max(options.repetitions, 1); ++r) {
    auto start = std::chrono::steady_clock::now();
    auto cpu = std::clock();
    fit = stats::fit_league(input);
    fit_s = std::min(fit_s, seconds_since(start));
    fit_cpu_s = std::min(fit_cpu_s, static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC);
    start = std::chrono::steady_clock::now();
    cpu = std::clock();
    auto old = old_bradley_terry_ratings(n, neutral, {});
    baseline_s = std::min(baseline_s, seconds_since(start));
    baseline_cpu_s =
        std::min(baseline_cpu_s, static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC);
    baseline_complete = old && old->complete;
  }
  nlohmann::json out{{"games", options.games},
                     {"players", n},
                     {"pairs", pairs_met.size()},
                     {"fit_s", fit_s},
                     {"baseline_s", baseline_s},
                     {"fit_cpu_s", fit_cpu_s},
                     {"baseline_cpu_s", baseline_cpu_s},
                     {"baseline",
                      "bradley-terry per-tournament fit before issue 17 (no draw or "
                      "first-move term), same games, best of the repetitions"},
                     {"baseline_complete", baseline_complete},
                     {"repetitions", options.repetitions}};
  if (!fit) {
    out["error"] = fit.error().message;
    return out;
  }
  double worst = 0;
  int covered = 0;
  for (int i = 0; i < n; ++i) {
    const auto& p = fit->players[static_cast<std::size_t>(i)];
    if (!p.elo) {
      continue;
    }
    const double err = std::abs(*p.elo - (truth[static_cast<std::size_t>(i)] - mean));
    worst = std::max(worst, err);
    covered += err <= *p.error95 ? 1 : 0;
  }
  out["complete"] = fit->complete;
  out["max_abs_error_elo"] = worst;
  out["covered95"] = static_cast<double>(covered) / n;
  out["first_move_elo"] = fit->first_move_elo;
  out["draw_elo"] = fit->draw_elo;
  return out;
}

}  // namespace tourney::bench
