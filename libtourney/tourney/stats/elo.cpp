#include "tourney/stats/elo.hpp"

#include <array>
#include <cmath>

namespace tourney::stats {

double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

std::optional<double> score_to_elo(double score) {
  if (!std::isfinite(score) || score <= 0.0 || score >= 1.0) {
    return std::nullopt;
  }
  return -400.0 * std::log10(1.0 / score - 1.0);
}

double elo_to_score(double elo) {
  return 1.0 / (1.0 + std::pow(10.0, -elo / 400.0));
}

namespace {

// Shared by both models. values[i] are the per-game scores of outcome i,
// weights[i] its count; sigma_scale turns the sample stdev into the per-game
// sigma used by normalized Elo (1 for games, sqrt 2 for pairs).
template <std::size_t N>
elo_estimate estimate(const std::array<double, N>& values,
                      const std::array<std::uint64_t, N>& weights, double sigma_scale) {
  elo_estimate out;
  std::uint64_t n = 0;
  for (auto w : weights) {
    n += w;
  }
  out.samples = n;
  if (n == 0) {
    return out;
  }
  const double total = static_cast<double>(n);
  double mean = 0.0;
  for (std::size_t i = 0; i < N; ++i) {
    mean += values[i] * static_cast<double>(weights[i]) / total;
  }
  double variance = 0.0;
  for (std::size_t i = 0; i < N; ++i) {
    const double d = values[i] - mean;
    variance += static_cast<double>(weights[i]) / total * d * d;
  }
  // Rounding can leave a tiny negative or a tiny positive for exact data.
  if (variance < 1e-300) {
    variance = 0.0;
  }
  out.score = mean;
  out.stdev = std::sqrt(variance);
  const double standard_error = std::sqrt(variance / total);

  out.elo = score_to_elo(mean);
  const double lower_score = mean - z95 * standard_error;
  const double upper_score = mean + z95 * standard_error;
  if (out.elo) {
    out.elo_lower95 = score_to_elo(lower_score);
    out.elo_upper95 = score_to_elo(upper_score);
  }
  if (out.elo_lower95 && out.elo_upper95) {
    out.elo_error95 = (*out.elo_upper95 - *out.elo_lower95) / 2.0;
  }

  if (variance > 0.0) {
    const double sigma_per_game = sigma_scale * out.stdev.value();
    out.nelo = (mean - 0.5) / sigma_per_game * nelo_per_t;
    // Half width of the interval mapped through the (linear) nElo scale.
    out.nelo_error95 = z95 * standard_error / sigma_per_game * nelo_per_t;
    out.los = normal_cdf((mean - 0.5) / standard_error);
  } else {
    out.los = mean > 0.5 ? 1.0 : (mean < 0.5 ? 0.0 : 0.5);
  }
  return out;
}

}  // namespace

elo_estimate trinomial_elo(const wdl_counts& counts) {
  return estimate<3>({0.0, 0.5, 1.0}, {counts.losses, counts.draws, counts.wins}, 1.0);
}

elo_estimate pentanomial_elo(const pentanomial_counts& counts) {
  return estimate<5>({0.0, 0.25, 0.5, 0.75, 1.0}, counts.counts, std::sqrt(2.0));
}

}  // namespace tourney::stats
