// A copy of libtourney/tourney/stats/ratings.cpp as of commit 123cc26 (before
// issue 17), the baseline of `tourney bench ratings`.
#include "tourney/bench/old_bradley_terry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "tourney/stats/elo.hpp"

namespace tourney::bench {

using namespace tourney::stats;

namespace {

// Elo points per natural-log unit of the odds.
constexpr double old_elo_per_nat = 400.0 / 2.302585092994046;

using matrix = std::vector<std::vector<double>>;

// Inverts a symmetric positive definite matrix by Gauss-Jordan elimination
// with partial pivoting; nullopt when singular.
std::optional<matrix> invert(matrix a) {
  const std::size_t n = a.size();
  matrix inv(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    inv[i][i] = 1.0;
  }
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < n; ++r) {
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) {
        pivot = r;
      }
    }
    if (std::abs(a[pivot][col]) < 1e-12) {
      return std::nullopt;
    }
    std::swap(a[pivot], a[col]);
    std::swap(inv[pivot], inv[col]);
    const double d = a[col][col];
    for (std::size_t k = 0; k < n; ++k) {
      a[col][k] /= d;
      inv[col][k] /= d;
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (r == col || a[r][col] == 0.0) {
        continue;
      }
      const double f = a[r][col];
      for (std::size_t k = 0; k < n; ++k) {
        a[r][k] -= f * a[col][k];
        inv[r][k] -= f * inv[col][k];
      }
    }
  }
  return inv;
}

struct pair_totals {
  matrix games;   // n_ij
  matrix points;  // points of i against j
};

double sigmoid(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

// Log-likelihood of ratings r (in nats) over the members of a group.
double log_likelihood(const pair_totals& t, const std::vector<int>& group,
                      const std::vector<double>& r) {
  double sum = 0.0;
  for (std::size_t a = 0; a < group.size(); ++a) {
    for (std::size_t b = a + 1; b < group.size(); ++b) {
      const int i = group[a];
      const int j = group[b];
      const double n = t.games[i][j];
      if (n == 0.0) {
        continue;
      }
      const double s = t.points[i][j];
      const double d = r[a] - r[b];
      // log sigmoid(d) and log sigmoid(-d), written to avoid overflow.
      const double log_p = -std::log1p(std::exp(-std::abs(d))) + std::min(d, 0.0);
      const double log_q = -std::log1p(std::exp(-std::abs(d))) + std::min(-d, 0.0);
      sum += s * log_p + (n - s) * log_q;
    }
  }
  return sum;
}

struct group_fit {
  std::vector<double> ratings;  // nats, group order, group[0] = 0
  matrix covariance;            // nats^2, group order, row/col 0 zero
};

// Newton's method on the concave log-likelihood with the group's first member
// fixed at 0 (step halving keeps every step uphill). The group is strongly
// connected, so the maximum exists and the reduced information is invertible.
std::optional<group_fit> fit_group(const pair_totals& t, const std::vector<int>& group) {
  const std::size_t m = group.size();
  group_fit fit{std::vector<double>(m, 0.0), matrix(m, std::vector<double>(m, 0.0))};
  if (m == 1) {
    return fit;
  }
  auto information = [&](const std::vector<double>& r, std::vector<double>& gradient) {
    matrix info(m, std::vector<double>(m, 0.0));
    std::fill(gradient.begin(), gradient.end(), 0.0);
    for (std::size_t a = 0; a < m; ++a) {
      for (std::size_t b = 0; b < m; ++b) {
        if (a == b) {
          continue;
        }
        const double n = t.games[group[a]][group[b]];
        if (n == 0.0) {
          continue;
        }
        const double e = sigmoid(r[a] - r[b]);
        gradient[a] += t.points[group[a]][group[b]] - n * e;
        const double w = n * e * (1.0 - e);
        info[a][a] += w;
        info[a][b] -= w;
      }
    }
    return info;
  };
  auto reduce = [m](const matrix& full) {
    matrix out(m - 1, std::vector<double>(m - 1));
    for (std::size_t a = 1; a < m; ++a) {
      for (std::size_t b = 1; b < m; ++b) {
        out[a - 1][b - 1] = full[a][b];
      }
    }
    return out;
  };
  std::vector<double> gradient(m, 0.0);
  auto& r = fit.ratings;
  for (int iteration = 0; iteration < 500; ++iteration) {
    auto info = information(r, gradient);
    auto inverse = invert(reduce(info));
    if (!inverse) {
      return std::nullopt;
    }
    std::vector<double> step(m, 0.0);
    double largest = 0.0;
    for (std::size_t a = 1; a < m; ++a) {
      for (std::size_t b = 1; b < m; ++b) {
        step[a] += (*inverse)[a - 1][b - 1] * gradient[b];
      }
      largest = std::max(largest, std::abs(step[a]));
    }
    const double before = log_likelihood(t, group, r);
    double scale = 1.0;
    std::vector<double> next(m);
    for (int halving = 0; halving < 60; ++halving) {
      for (std::size_t a = 0; a < m; ++a) {
        next[a] = r[a] + scale * step[a];
      }
      if (log_likelihood(t, group, next) >= before - 1e-12) {
        break;
      }
      scale /= 2.0;
    }
    r = next;
    if (largest * scale < 1e-12) {
      break;
    }
  }
  auto info = information(r, gradient);
  auto inverse = invert(reduce(info));
  if (!inverse) {
    return std::nullopt;
  }
  for (std::size_t a = 1; a < m; ++a) {
    for (std::size_t b = 1; b < m; ++b) {
      fit.covariance[a][b] = (*inverse)[a - 1][b - 1];
    }
  }
  return fit;
}

// reach[i][j]: j can be reached from i along "took points from" edges.
std::vector<std::vector<bool>> reachability(const pair_totals& t, int n) {
  std::vector<std::vector<bool>> reach(n, std::vector<bool>(n, false));
  for (int i = 0; i < n; ++i) {
    reach[i][i] = true;
    for (int j = 0; j < n; ++j) {
      if (i != j && t.points[i][j] > 0.0) {
        reach[i][j] = true;
      }
    }
  }
  for (int k = 0; k < n; ++k) {
    for (int i = 0; i < n; ++i) {
      if (!reach[i][k]) {
        continue;
      }
      for (int j = 0; j < n; ++j) {
        if (reach[k][j]) {
          reach[i][j] = true;
        }
      }
    }
  }
  return reach;
}

}  // namespace

expected<rating_table> old_bradley_terry_ratings(int player_count,
                                                 const std::vector<head_to_head>& games,
                                                 rating_anchor anchor) {
  if (player_count < 1) {
    return fail("ratings: no players");
  }
  if (anchor.player && (*anchor.player < 0 || *anchor.player >= player_count)) {
    return fail(fmt::format("ratings: anchor player {} out of range (0..{})", *anchor.player,
                            player_count - 1));
  }
  const auto n = static_cast<std::size_t>(player_count);
  pair_totals t{matrix(n, std::vector<double>(n, 0.0)), matrix(n, std::vector<double>(n, 0.0))};
  rating_table table;
  table.anchor = anchor;
  table.players.resize(n);
  for (std::size_t k = 0; k < games.size(); ++k) {
    const auto& g = games[k];
    if (g.first < 0 || g.first >= player_count || g.second < 0 || g.second >= player_count ||
        g.first == g.second) {
      return fail(fmt::format("ratings: games[{}] pairs players {} and {} (of {})", k, g.first,
                              g.second, player_count));
    }
    const auto games_played = static_cast<double>(g.counts.games());
    t.games[g.first][g.second] += games_played;
    t.games[g.second][g.first] += games_played;
    t.points[g.first][g.second] += g.counts.points();
    t.points[g.second][g.first] += g.counts.mirrored().points();
    table.players[g.first].games += g.counts.games();
    table.players[g.second].games += g.counts.games();
    table.players[g.first].points += g.counts.points();
    table.players[g.second].points += g.counts.mirrored().points();
  }

  const auto reach = reachability(t, player_count);
  bool strongly_connected = true;
  for (int j = 0; j < player_count; ++j) {
    strongly_connected = strongly_connected && reach[0][j] && reach[j][0];
  }
  if (player_count > 1) {
    for (std::size_t i = 0; i < n; ++i) {
      if (table.players[i].games == 0) {
        strongly_connected = false;
      }
    }
  }
  // The group that gets finite ratings: everyone, or the anchor's group.
  std::vector<int> group;
  if (strongly_connected) {
    for (int i = 0; i < player_count; ++i) {
      group.push_back(i);
    }
    if (anchor.player) {
      std::swap(group[0], group[*anchor.player]);
    }
  } else if (anchor.player) {
    const int a = *anchor.player;
    group.push_back(a);
    for (int j = 0; j < player_count; ++j) {
      if (j != a && reach[a][j] && reach[j][a]) {
        group.push_back(j);
      }
    }
    for (int j = 0; j < player_count; ++j) {
      if (reach[a][j] && reach[j][a]) {
        continue;
      }
      auto& p = table.players[j];
      if (p.games == 0) {
        p.bound = rating_bound::unbounded;
      } else if (reach[a][j]) {
        p.bound = rating_bound::below;  // the anchor's group took points from j, never back
      } else if (reach[j][a]) {
        p.bound = rating_bound::above;
      } else {
        p.bound = rating_bound::unbounded;
      }
    }
  } else {
    return table;  // mean anchor without a finite maximum: every rating unbounded
  }

  auto fit = fit_group(t, group);
  if (!fit) {
    return table;
  }
  const std::size_t m = group.size();
  std::vector<double> ratings = fit->ratings;
  matrix cov = fit->covariance;
  if (!anchor.player) {
    // Shift to mean 0; the covariance of r - mean(r) is P C P with
    // P = I - 11'/m (the constrained, pseudo-inverse covariance).
    double mean = 0.0;
    for (auto v : ratings) {
      mean += v / static_cast<double>(m);
    }
    for (auto& v : ratings) {
      v -= mean;
    }
    std::vector<double> row_mean(m, 0.0);
    double total_mean = 0.0;
    for (std::size_t a = 0; a < m; ++a) {
      for (std::size_t b = 0; b < m; ++b) {
        row_mean[a] += cov[a][b] / static_cast<double>(m);
      }
      total_mean += row_mean[a] / static_cast<double>(m);
    }
    matrix centred(m, std::vector<double>(m));
    for (std::size_t a = 0; a < m; ++a) {
      for (std::size_t b = 0; b < m; ++b) {
        centred[a][b] = cov[a][b] - row_mean[a] - row_mean[b] + total_mean;
      }
    }
    cov = centred;
  }
  for (std::size_t a = 0; a < m; ++a) {
    auto& p = table.players[group[a]];
    p.elo = ratings[a] * old_elo_per_nat;
    p.error95 = z95 * std::sqrt(std::max(cov[a][a], 0.0)) * old_elo_per_nat;
    p.bound = rating_bound::finite;
  }
  table.complete = m == n;
  return table;
}

}  // namespace tourney::bench
