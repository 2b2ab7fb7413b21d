#include "tourney/stats/league.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "tourney/stats/cholesky.hpp"
#include "tourney/stats/elo.hpp"
#include "tourney/stats/graph.hpp"

namespace tourney::stats {

const char* to_string(rating_bound bound) {
  switch (bound) {
    case rating_bound::finite:
      return "finite";
    case rating_bound::above:
      return "above";
    case rating_bound::below:
      return "below";
    case rating_bound::unbounded:
      return "unbounded";
  }
  return "unbounded";
}

namespace {

constexpr double minus_infinity = -std::numeric_limits<double>::infinity();
// Half the 95% quantile of chi-square(1): the likelihood-ratio interval's drop.
constexpr double lr_drop95 = 1.920729410347062;

// Logistic F(x) = 1 / (1 + e^-x), written to avoid overflow.
double logistic(double x) {
  if (x >= 0) {
    return 1.0 / (1.0 + std::exp(-x));
  }
  const double e = std::exp(x);
  return e / (1.0 + e);
}

double log_logistic(double x) {
  return x >= 0 ? -std::log1p(std::exp(-x)) : x - std::log1p(std::exp(x));
}

// The logistic density F(x) F(-x).
double density(double x) {
  const double e = std::exp(-std::abs(x));
  return e / ((1.0 + e) * (1.0 + e));
}

// F(d + draw) - F(d - draw), from the side where both terms are small.
double draw_probability(double d, double draw) {
  if (d >= 0) {
    return logistic(-(d - draw)) - logistic(-(d + draw));
  }
  return logistic(d + draw) - logistic(d - draw);
}

// Games of two rated players (or virtual ones) in the fit: d = x[i] - x[j]
// (+ first_move when colours are known; i moved first).
struct fit_games {
  int i = 0;
  int j = 0;  // -1: a virtual player at 0 (the nuisance terms' prior)
  bool coloured = false;
  double i_wins = 0;
  double j_wins = 0;
  double draws = 0;
};

// Log-likelihood of one fit_games entry and its derivatives in d and draw.
struct pair_terms {
  double value = 0;
  double g_d = 0;
  double g_draw = 0;
  double h_dd = 0;
  double h_d_draw = 0;
  double h_draw_draw = 0;
};

pair_terms terms(const fit_games& g, double d, double draw, bool derivatives) {
  pair_terms t;
  const double u = d - draw;
  const double p = d + draw;
  if (g.i_wins > 0) {
    t.value += g.i_wins * log_logistic(u);
  }
  if (g.j_wins > 0) {
    t.value += g.j_wins * log_logistic(-p);
  }
  double dp = 0;
  if (g.draws > 0) {
    dp = draw_probability(d, draw);
    if (!(dp > 0) || draw <= 0) {
      t.value = minus_infinity;
      return t;
    }
    t.value += g.draws * std::log(dp);
  }
  if (!derivatives) {
    return t;
  }
  const double fu = density(u);
  const double fp = density(p);
  t.g_d = g.i_wins * logistic(-u) - g.j_wins * logistic(p);
  t.g_draw = -g.i_wins * logistic(-u) - g.j_wins * logistic(p);
  t.h_dd = -g.i_wins * fu - g.j_wins * fp;
  t.h_d_draw = g.i_wins * fu - g.j_wins * fp;
  t.h_draw_draw = -g.i_wins * fu - g.j_wins * fp;
  if (g.draws > 0) {
    const double dfu = fu * (1.0 - 2.0 * logistic(u));
    const double dfp = fp * (1.0 - 2.0 * logistic(p));
    const double dd = fp - fu;
    const double ddraw = fp + fu;
    t.g_d += g.draws * dd / dp;
    t.g_draw += g.draws * ddraw / dp;
    t.h_dd += g.draws * ((dfp - dfu) / dp - dd * dd / (dp * dp));
    t.h_d_draw += g.draws * ((dfp + dfu) / dp - dd * ddraw / (dp * dp));
    t.h_draw_draw += g.draws * ((dfp - dfu) / dp - ddraw * ddraw / (dp * dp));
  }
  return t;
}

std::string name_list(const std::vector<std::string>& names, const std::vector<int>& members) {
  std::string out;
  const std::size_t shown = std::min<std::size_t>(members.size(), 6);
  for (std::size_t k = 0; k < shown; ++k) {
    out += (k == 0 ? "" : ", ") + names[static_cast<std::size_t>(members[k])];
  }
  if (members.size() > shown) {
    out += fmt::format(" and {} more", members.size() - shown);
  }
  return "{" + out + "}";
}

// The fit proper: parameters are the free ratings, then first_move, then draw
// (nats). `value_of` gives each player's current rating (fixed or free).
class league_fit {
 public:
  league_fit(std::vector<fit_games> games, std::vector<int> param_of, std::vector<double> fixed,
             std::vector<rating_prior> priors, std::vector<std::pair<int, int>> chain,
             double chain_sd)
      : games_(std::move(games)),
        param_of_(std::move(param_of)),
        fixed_(std::move(fixed)),
        priors_(std::move(priors)),
        chain_(std::move(chain)),
        chain_sd_(chain_sd) {
    free_ = 0;
    for (int p : param_of_) {
      free_ = std::max(free_, p + 1);
    }
    size_ = static_cast<std::size_t>(free_) + 2;
  }

  std::size_t size() const {
    return size_;
  }
  double rating(const std::vector<double>& theta, int player) const {
    if (player < 0) {
      return 0.0;
    }
    const int p = param_of_[static_cast<std::size_t>(player)];
    return p >= 0 ? theta[static_cast<std::size_t>(p)] : fixed_[static_cast<std::size_t>(player)];
  }

  // Objective (log posterior); with derivatives, gradient and negated Hessian.
  double evaluate(const std::vector<double>& theta, std::vector<double>* gradient,
                  std::vector<double>* information) const {
    const std::size_t n = size_;
    const std::size_t ia = n - 2;
    const std::size_t id = n - 1;
    const double a = theta[ia];
    const double draw = theta[id];
    const bool derivatives = gradient != nullptr;
    if (derivatives) {
      gradient->assign(n, 0.0);
      information->assign(n * n, 0.0);
    }
    double total = 0.0;
    for (const auto& g : games_) {
      const double d = rating(theta, g.i) - rating(theta, g.j) + (g.coloured ? a : 0.0);
      const auto t = terms(g, d, draw, derivatives);
      if (!(t.value > minus_infinity)) {
        return minus_infinity;
      }
      total += t.value;
      if (!derivatives) {
        continue;
      }
      // d depends on +x_i, -x_j, +a (coloured): coefficient list.
      std::size_t idx[3];
      double coef[3];
      int k = 0;
      if (g.i >= 0 && param_of_[static_cast<std::size_t>(g.i)] >= 0) {
        idx[k] = static_cast<std::size_t>(param_of_[static_cast<std::size_t>(g.i)]);
        coef[k++] = 1.0;
      }
      if (g.j >= 0 && param_of_[static_cast<std::size_t>(g.j)] >= 0) {
        idx[k] = static_cast<std::size_t>(param_of_[static_cast<std::size_t>(g.j)]);
        coef[k++] = -1.0;
      }
      if (g.coloured) {
        idx[k] = ia;
        coef[k++] = 1.0;
      }
      auto& grad = *gradient;
      auto& info = *information;
      for (int r = 0; r < k; ++r) {
        grad[idx[r]] += coef[r] * t.g_d;
        for (int c = 0; c < k; ++c) {
          info[idx[r] * n + idx[c]] -= coef[r] * coef[c] * t.h_dd;
        }
        info[idx[r] * n + id] -= coef[r] * t.h_d_draw;
        info[id * n + idx[r]] -= coef[r] * t.h_d_draw;
      }
      grad[id] += t.g_draw;
      info[id * n + id] -= t.h_draw_draw;
    }
    for (const auto& prior : priors_) {
      const double sd = prior.sd / elo_per_nat;
      const double diff = rating(theta, prior.player) - prior.elo / elo_per_nat;
      total -= diff * diff / (2 * sd * sd);
      const int p = param_of_[static_cast<std::size_t>(prior.player)];
      if (derivatives && p >= 0) {
        (*gradient)[static_cast<std::size_t>(p)] -= diff / (sd * sd);
        (*information)[static_cast<std::size_t>(p) * (n + 1)] += 1.0 / (sd * sd);
      }
    }
    if (chain_sd_ > 0) {
      const double sd = chain_sd_ / elo_per_nat;
      const double w = 1.0 / (sd * sd);
      for (const auto& [x, y] : chain_) {
        const double diff = rating(theta, x) - rating(theta, y);
        total -= diff * diff * w / 2;
        if (!derivatives) {
          continue;
        }
        const int px = param_of_[static_cast<std::size_t>(x)];
        const int py = param_of_[static_cast<std::size_t>(y)];
        if (px >= 0) {
          (*gradient)[static_cast<std::size_t>(px)] -= diff * w;
          (*information)[static_cast<std::size_t>(px) * (n + 1)] += w;
        }
        if (py >= 0) {
          (*gradient)[static_cast<std::size_t>(py)] += diff * w;
          (*information)[static_cast<std::size_t>(py) * (n + 1)] += w;
        }
        if (px >= 0 && py >= 0) {
          (*information)[static_cast<std::size_t>(px) * n + static_cast<std::size_t>(py)] -= w;
          (*information)[static_cast<std::size_t>(py) * n + static_cast<std::size_t>(px)] -= w;
        }
      }
    }
    return total;
  }

  // Newton's method with step halving on the concave objective.
  expected<std::vector<double>> maximise() const {
    std::vector<double> theta(size_, 0.0);
    theta[size_ - 1] = 0.5;  // draw > 0: the virtual draw needs it
    std::vector<double> gradient;
    std::vector<double> information;
    for (int iteration = 0; iteration < 200; ++iteration) {
      const double before = evaluate(theta, &gradient, &information);
      auto factor = information;
      if (!cholesky(factor, size_)) {
        return fail("ratings: the information matrix is singular (report this league)");
      }
      const auto step = cholesky_solve(factor, size_, gradient);
      double scale = 1.0;
      std::vector<double> next(size_);
      bool uphill = false;
      for (int halving = 0; halving < 60; ++halving) {
        for (std::size_t k = 0; k < size_; ++k) {
          next[k] = theta[k] + scale * step[k];
        }
        const double after = evaluate(next, nullptr, nullptr);
        if (after >= before - 1e-12 * (1.0 + std::abs(before))) {
          uphill = true;
          break;
        }
        scale /= 2;
      }
      if (!uphill) {
        break;
      }
      double largest = 0.0;
      for (std::size_t k = 0; k < size_; ++k) {
        largest = std::max(largest, std::abs(next[k] - theta[k]));
      }
      theta = next;
      if (largest < 1e-11) {
        break;
      }
    }
    return theta;
  }

  // The inverse of the information at theta (the covariance), row-major.
  expected<std::vector<double>> covariance(const std::vector<double>& theta) const {
    std::vector<double> gradient;
    std::vector<double> information;
    evaluate(theta, &gradient, &information);
    if (!cholesky(information, size_)) {
      return fail("ratings: the information matrix is singular (report this league)");
    }
    std::vector<double> out(size_ * size_, 0.0);
    std::vector<double> unit(size_, 0.0);
    for (std::size_t c = 0; c < size_; ++c) {
      std::fill(unit.begin(), unit.end(), 0.0);
      unit[c] = 1.0;
      const auto column = cholesky_solve(information, size_, unit);
      for (std::size_t r = 0; r < size_; ++r) {
        out[r * size_ + c] = column[r];
      }
    }
    return out;
  }

 private:
  std::vector<fit_games> games_;
  std::vector<int> param_of_;
  std::vector<double> fixed_;
  std::vector<rating_prior> priors_;
  std::vector<std::pair<int, int>> chain_;
  double chain_sd_ = 0;
  int free_ = 0;
  std::size_t size_ = 2;
};

expected<void> check_input(const league_input& in) {
  const int n = static_cast<int>(in.players.size());
  if (n < 1) {
    return fail("ratings: no players");
  }
  auto in_range = [n](int p) { return p >= 0 && p < n; };
  for (std::size_t k = 0; k < in.games.size(); ++k) {
    const auto& g = in.games[k];
    if (!in_range(g.black) || !in_range(g.white) || g.black == g.white) {
      return fail(fmt::format("ratings: games[{}] pairs players {} and {} (of {})", k, g.black,
                              g.white, n));
    }
  }
  for (std::size_t k = 0; k < in.neutral_games.size(); ++k) {
    const auto& g = in.neutral_games[k];
    if (!in_range(g.first) || !in_range(g.second) || g.first == g.second) {
      return fail(fmt::format("ratings: games[{}] pairs players {} and {} (of {})", k, g.first,
                              g.second, n));
    }
  }
  std::set<int> anchored;
  for (const auto& a : in.anchors) {
    if (!in_range(a.player)) {
      return fail(fmt::format("ratings: anchor player {} out of range (0..{})", a.player, n - 1));
    }
    const auto& name = in.players[static_cast<std::size_t>(a.player)];
    if (!anchored.insert(a.player).second) {
      return fail(fmt::format("ratings: {} is anchored twice", name));
    }
    if (!std::isfinite(a.elo) || !std::isfinite(a.sd) || a.sd < 0) {
      return fail(fmt::format("ratings: anchor of {}: elo and sd must be finite, sd >= 0", name));
    }
  }
  if (!std::isfinite(in.sequential_sd) || in.sequential_sd < 0) {
    return fail("ratings: the sequential prior's sd must be finite and >= 0");
  }
  std::set<int> listed;
  for (int p : in.sequence) {
    if (!in_range(p)) {
      return fail(fmt::format("ratings: sequence player {} out of range", p));
    }
    if (!listed.insert(p).second) {
      return fail(fmt::format("ratings: {} appears twice in the sequence",
                              in.players[static_cast<std::size_t>(p)]));
    }
  }
  return {};
}

}  // namespace

expected<league_ratings> fit_league(const league_input& in) {
  if (auto ok = check_input(in); !ok) {
    return tl::unexpected(ok.error());
  }
  const int n = static_cast<int>(in.players.size());
  const auto nn = static_cast<std::size_t>(n);
  league_ratings out;
  out.players.resize(nn);
  for (std::size_t i = 0; i < nn; ++i) {
    out.players[i].name = in.players[i];
  }

  // Totals per pair, whatever the order and splitting of the input.
  std::map<std::tuple<int, int, bool>, fit_games> totals;
  auto add = [&](int i, int j, bool coloured, std::uint64_t iw, std::uint64_t jw,
                 std::uint64_t dr) {
    if (!coloured && i > j) {
      std::swap(i, j);
      std::swap(iw, jw);
    }
    auto& t = totals[{i, j, coloured}];
    t.i = i;
    t.j = j;
    t.coloured = coloured;
    t.i_wins += static_cast<double>(iw);
    t.j_wins += static_cast<double>(jw);
    t.draws += static_cast<double>(dr);
    const auto games = iw + jw + dr;
    auto& pi = out.players[static_cast<std::size_t>(i)];
    auto& pj = out.players[static_cast<std::size_t>(j)];
    pi.games += games;
    pj.games += games;
    pi.draws += dr;
    pj.draws += dr;
    pi.points += static_cast<double>(iw) + 0.5 * static_cast<double>(dr);
    pj.points += static_cast<double>(jw) + 0.5 * static_cast<double>(dr);
  };
  for (const auto& g : in.games) {
    add(g.black, g.white, true, g.black_wins, g.white_wins, g.draws);
  }
  for (const auto& g : in.neutral_games) {
    add(g.first, g.second, false, g.wins, g.losses, g.draws);
  }

  // The sequential prior's links, between consecutive listed players.
  std::vector<std::pair<int, int>> chain;
  if (in.sequential_sd > 0) {
    for (std::size_t k = 1; k < in.sequence.size(); ++k) {
      chain.emplace_back(in.sequence[k - 1], in.sequence[k]);
    }
  }

  // "Took points from" graph; node n is the rating scale, linked both ways
  // to anchored players. Groups: players linked by games or the chain.
  const int scale = n;
  std::vector<std::vector<int>> took(nn + 1);
  std::vector<int> parent(nn);
  std::iota(parent.begin(), parent.end(), 0);
  auto root = [&](int v) {
    while (parent[static_cast<std::size_t>(v)] != v) {
      v = parent[static_cast<std::size_t>(v)] =
          parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(v)])];
    }
    return v;
  };
  auto link = [&](int a, int b) { parent[static_cast<std::size_t>(root(a))] = root(b); };
  for (const auto& [key, t] : totals) {
    if (t.i_wins + t.draws > 0) {
      took[static_cast<std::size_t>(t.i)].push_back(t.j);
    }
    if (t.j_wins + t.draws > 0) {
      took[static_cast<std::size_t>(t.j)].push_back(t.i);
    }
    if (t.i_wins + t.j_wins + t.draws > 0) {
      link(t.i, t.j);
    }
  }
  for (const auto& [x, y] : chain) {
    took[static_cast<std::size_t>(x)].push_back(y);
    took[static_cast<std::size_t>(y)].push_back(x);
    link(x, y);
  }
  for (const auto& a : in.anchors) {
    took[static_cast<std::size_t>(a.player)].push_back(scale);
    took[nn].push_back(a.player);
    out.players[static_cast<std::size_t>(a.player)].anchored = a.sd == 0;
  }
  const auto strong = strong_components(took);

  // Groups, for the warning and the cores: players with games or a prior.
  std::vector<bool> present(nn, false);
  for (std::size_t i = 0; i < nn; ++i) {
    present[i] = out.players[i].games > 0;
  }
  for (const auto& a : in.anchors) {
    present[static_cast<std::size_t>(a.player)] = true;
  }
  for (const auto& [x, y] : chain) {
    present[static_cast<std::size_t>(x)] = present[static_cast<std::size_t>(y)] = true;
  }
  std::map<int, int> group_of_root;
  for (int i = 0; i < n; ++i) {
    if (!present[static_cast<std::size_t>(i)]) {
      continue;
    }
    auto [it, inserted] = group_of_root.emplace(root(i), static_cast<int>(out.groups.size()));
    if (inserted) {
      out.groups.emplace_back();
    }
    out.groups[static_cast<std::size_t>(it->second)].push_back(i);
    out.players[static_cast<std::size_t>(i)].group = it->second;
  }

  // The rated core of every group: its players in the scale's component, or
  // else its strongly connected component with the most games (mean 0).
  std::vector<int> core_of(nn, -1);  // index of the group whose core holds the player
  std::vector<std::vector<int>> cores(out.groups.size());
  std::vector<bool> mean_zero(out.groups.size(), false);
  for (std::size_t gi = 0; gi < out.groups.size(); ++gi) {
    const auto& members = out.groups[gi];
    std::vector<int> core;
    for (int p : members) {
      if (strong[static_cast<std::size_t>(p)] == strong[nn]) {
        core.push_back(p);
      }
    }
    if (core.empty()) {
      std::map<int, std::uint64_t> weight;
      for (int p : members) {
        weight[strong[static_cast<std::size_t>(p)]] +=
            out.players[static_cast<std::size_t>(p)].games;
      }
      int best = strong[static_cast<std::size_t>(members.front())];
      for (const auto& [component, games] : weight) {
        if (games > weight[best]) {
          best = component;
        }
      }
      for (int p : members) {
        if (strong[static_cast<std::size_t>(p)] == best) {
          core.push_back(p);
        }
      }
      mean_zero[gi] = true;
    }
    for (int p : core) {
      core_of[static_cast<std::size_t>(p)] = static_cast<int>(gi);
    }
    cores[gi] = core;
  }

  // Parameters: every core player but the hard-anchored ones and one gauge
  // player per mean-0 core.
  std::vector<int> param_of(nn, -1);
  std::vector<double> fixed(nn, 0.0);
  std::vector<rating_prior> loose;
  std::vector<double> hard_elo(nn, 0.0);
  for (const auto& a : in.anchors) {
    if (a.sd == 0) {
      hard_elo[static_cast<std::size_t>(a.player)] = a.elo;
      fixed[static_cast<std::size_t>(a.player)] = a.elo / elo_per_nat;
    } else {
      loose.push_back(a);
    }
  }
  int free_count = 0;
  for (std::size_t gi = 0; gi < cores.size(); ++gi) {
    for (std::size_t k = 0; k < cores[gi].size(); ++k) {
      const auto p = static_cast<std::size_t>(cores[gi][k]);
      if (out.players[p].anchored || (mean_zero[gi] && k == 0)) {
        continue;
      }
      param_of[p] = free_count++;
    }
  }
  std::vector<fit_games> games;
  for (const auto& [key, t] : totals) {
    if (core_of[static_cast<std::size_t>(t.i)] >= 0 &&
        core_of[static_cast<std::size_t>(t.j)] >= 0) {
      games.push_back(t);
    }
  }
  // The nuisance terms' prior: one black win, one white win, one draw
  // between equal (virtual) players.
  fit_games virtual_games;
  virtual_games.i = -1;
  virtual_games.j = -1;
  virtual_games.coloured = true;
  virtual_games.i_wins = virtual_games.j_wins = virtual_games.draws = 1;
  games.push_back(virtual_games);
  std::vector<std::pair<int, int>> rated_chain;
  for (const auto& [x, y] : chain) {
    if (core_of[static_cast<std::size_t>(x)] >= 0 && core_of[static_cast<std::size_t>(y)] >= 0) {
      rated_chain.emplace_back(x, y);
    }
  }
  const league_fit fit(std::move(games), param_of, fixed, loose, rated_chain, in.sequential_sd);
  auto theta = fit.maximise();
  if (!theta) {
    return tl::unexpected(theta.error());
  }
  auto cov = fit.covariance(*theta);
  if (!cov) {
    return tl::unexpected(cov.error());
  }
  const std::size_t m = fit.size();
  auto covariance = [&](int x, int y) {
    const int px = param_of[static_cast<std::size_t>(x)];
    const int py = param_of[static_cast<std::size_t>(y)];
    if (px < 0 || py < 0) {
      return 0.0;
    }
    return (*cov)[static_cast<std::size_t>(px) * m + static_cast<std::size_t>(py)];
  };
  out.first_move_elo = (*theta)[m - 2] * elo_per_nat;
  out.draw_elo = (*theta)[m - 1] * elo_per_nat;
  out.first_move_error95 =
      z95 * std::sqrt(std::max((*cov)[(m - 2) * m + (m - 2)], 0.0)) * elo_per_nat;
  out.draw_error95 = z95 * std::sqrt(std::max((*cov)[(m - 1) * m + (m - 1)], 0.0)) * elo_per_nat;

  // Ratings; a mean-0 core is shifted to mean 0 and its covariance centred
  // (P C P with P = I - 11'/k).
  std::vector<double> x(nn, 0.0);
  std::vector<double> row_mean(nn, 0.0);
  std::vector<double> core_mean(cores.size(), 0.0);
  for (std::size_t gi = 0; gi < cores.size(); ++gi) {
    const auto& core = cores[gi];
    const double k = static_cast<double>(core.size());
    double mean = 0.0;
    for (int p : core) {
      x[static_cast<std::size_t>(p)] = fit.rating(*theta, p);
      mean += x[static_cast<std::size_t>(p)] / k;
    }
    if (!mean_zero[gi]) {
      continue;
    }
    for (int p : core) {
      x[static_cast<std::size_t>(p)] -= mean;
      for (int q : core) {
        row_mean[static_cast<std::size_t>(p)] += covariance(p, q) / k;
      }
      core_mean[gi] += row_mean[static_cast<std::size_t>(p)] / k;
    }
  }
  auto rated_covariance = [&](int p, int q) {
    const int gi = core_of[static_cast<std::size_t>(p)];
    double c = covariance(p, q);
    if (mean_zero[static_cast<std::size_t>(gi)]) {
      c += -row_mean[static_cast<std::size_t>(p)] - row_mean[static_cast<std::size_t>(q)] +
           core_mean[static_cast<std::size_t>(gi)];
    }
    return c;
  };
  for (int p = 0; p < n; ++p) {
    auto& player = out.players[static_cast<std::size_t>(p)];
    if (core_of[static_cast<std::size_t>(p)] < 0) {
      continue;
    }
    player.bound = rating_bound::finite;
    player.elo = x[static_cast<std::size_t>(p)] * elo_per_nat;
    const auto gi = static_cast<std::size_t>(core_of[static_cast<std::size_t>(p)]);
    if (mean_zero[gi] && cores[gi].size() == 1) {
      continue;  // its group's reference (0 by definition): no interval to give
    }
    if (player.anchored) {
      player.elo = hard_elo[static_cast<std::size_t>(p)];  // exactly as given, not via nats
    }
    player.error95 = z95 * std::sqrt(std::max(rated_covariance(p, p), 0.0)) * elo_per_nat;
  }

  // Players outside their group's core: above or below it, with the end of
  // the likelihood-ratio interval of their games against rated players.
  std::size_t unrated = 0;
  std::vector<std::vector<int>> reversed(nn + 1);
  for (std::size_t v = 0; v <= nn; ++v) {
    for (int w : took[v]) {
      reversed[static_cast<std::size_t>(w)].push_back(static_cast<int>(v));
    }
  }
  auto is_rated = [&](int q) { return core_of[static_cast<std::size_t>(q)] >= 0; };
  for (std::size_t gi = 0; gi < out.groups.size(); ++gi) {
    const auto down = reachable(took, cores[gi], scale);  // the core took points from them
    const auto up = reachable(reversed, cores[gi], scale);
    for (int p : out.groups[gi]) {
      auto& player = out.players[static_cast<std::size_t>(p)];
      if (player.bound == rating_bound::finite) {
        continue;
      }
      ++unrated;
      if (up[static_cast<std::size_t>(p)]) {
        player.bound = rating_bound::above;
      } else if (down[static_cast<std::size_t>(p)]) {
        player.bound = rating_bound::below;
      } else {
        continue;
      }
      std::vector<fit_games> against_rated;
      for (const auto& [key, t] : totals) {
        if ((t.i == p && is_rated(t.j)) || (t.j == p && is_rated(t.i))) {
          against_rated.push_back(t);
        }
      }
      if (against_rated.empty()) {
        continue;
      }
      const double a = (*theta)[m - 2];
      const double draw = (*theta)[m - 1];
      auto log_likelihood = [&](double r) {
        double sum = 0.0;
        for (const auto& t : against_rated) {
          const double xi = t.i == p ? r : x[static_cast<std::size_t>(t.i)];
          const double xj = t.j == p ? r : x[static_cast<std::size_t>(t.j)];
          sum += terms(t, xi - xj + (t.coloured ? a : 0.0), draw, false).value;
        }
        return sum;
      };
      // Every game was won (above) or lost (below): the supremum is 0.
      const bool is_above = player.bound == rating_bound::above;
      double lo = -60.0;
      double hi = 60.0;
      for (int k = 0; k < 200; ++k) {
        const double mid = (lo + hi) / 2;
        const bool inside = log_likelihood(mid) >= -lr_drop95;
        if (inside == is_above) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      player.bound_elo = (lo + hi) / 2 * elo_per_nat;
    }
  }
  for (std::size_t i = 0; i < nn; ++i) {
    if (!present[i]) {
      ++unrated;
    }
  }

  // Order: group by group (most games first), within a group above (by
  // bound), finite (by rating), below (by bound); players without games last.
  std::vector<std::uint64_t> group_games(out.groups.size(), 0);
  for (std::size_t gi = 0; gi < out.groups.size(); ++gi) {
    for (int p : out.groups[gi]) {
      group_games[gi] += out.players[static_cast<std::size_t>(p)].games;
    }
  }
  std::vector<int> group_rank(out.groups.size());
  {
    std::vector<int> by_games(out.groups.size());
    std::iota(by_games.begin(), by_games.end(), 0);
    std::stable_sort(by_games.begin(), by_games.end(), [&](int a, int b) {
      return group_games[static_cast<std::size_t>(a)] > group_games[static_cast<std::size_t>(b)];
    });
    for (std::size_t k = 0; k < by_games.size(); ++k) {
      group_rank[static_cast<std::size_t>(by_games[k])] = static_cast<int>(k);
    }
  }
  auto group_key = [&](const league_player& p) {
    return p.group < 0 ? static_cast<int>(out.groups.size())
                       : group_rank[static_cast<std::size_t>(p.group)];
  };
  auto rank = [](const league_player& p) {
    switch (p.bound) {
      case rating_bound::above:
        return 0;
      case rating_bound::finite:
        return 1;
      case rating_bound::below:
        return 2;
      case rating_bound::unbounded:
        return 3;
    }
    return 3;
  };
  out.order.resize(nn);
  std::iota(out.order.begin(), out.order.end(), 0);
  std::stable_sort(out.order.begin(), out.order.end(), [&](int a, int b) {
    const auto& pa = out.players[static_cast<std::size_t>(a)];
    const auto& pb = out.players[static_cast<std::size_t>(b)];
    if (group_key(pa) != group_key(pb)) {
      return group_key(pa) < group_key(pb);
    }
    if (rank(pa) != rank(pb)) {
      return rank(pa) < rank(pb);
    }
    const auto va = pa.elo ? pa.elo : pa.bound_elo;
    const auto vb = pb.elo ? pb.elo : pb.bound_elo;
    if (va && vb) {
      return *va > *vb;
    }
    return va.has_value() && !vb.has_value();
  });
  for (std::size_t k = 0; k + 1 < nn; ++k) {
    const int a = out.order[k];
    const int b = out.order[k + 1];
    auto& pa = out.players[static_cast<std::size_t>(a)];
    const auto& pb = out.players[static_cast<std::size_t>(b)];
    if (!pa.elo || !pb.elo ||
        core_of[static_cast<std::size_t>(a)] != core_of[static_cast<std::size_t>(b)]) {
      continue;
    }
    const double var = rated_covariance(a, a) + rated_covariance(b, b) - 2 * rated_covariance(a, b);
    if (var > 1e-18) {
      pa.los_next = normal_cdf((x[static_cast<std::size_t>(a)] - x[static_cast<std::size_t>(b)]) /
                               std::sqrt(var));
    }
  }

  if (out.groups.size() > 1) {
    std::string list;
    for (std::size_t gi = 0; gi < out.groups.size(); ++gi) {
      list += (gi == 0 ? "" : " | ") + name_list(in.players, out.groups[gi]);
    }
    out.warnings.push_back(fmt::format(
        "players not connected: {} groups never met ({}); ratings of different groups cannot be "
        "compared{}",
        out.groups.size(), list,
        std::any_of(mean_zero.begin(), mean_zero.end(), [](bool b) { return b; })
            ? " (a group without an anchor has mean 0)"
            : ""));
  }
  std::vector<int> without_games;
  for (int i = 0; i < n; ++i) {
    if (!present[static_cast<std::size_t>(i)]) {
      without_games.push_back(i);
    }
  }
  if (!without_games.empty()) {
    out.warnings.push_back(fmt::format("no games: {}", name_list(in.players, without_games)));
  }
  if (unrated > without_games.size()) {
    out.warnings.push_back(fmt::format(
        "{} player(s) took every point from the rated players or lost every point to them: no "
        "finite rating, shown with the end of their 95% interval",
        unrated - without_games.size()));
  }
  out.complete = unrated == 0;
  return out;
}

}  // namespace tourney::stats
