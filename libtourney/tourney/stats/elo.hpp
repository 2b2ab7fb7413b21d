#pragma once
// Elo difference of one pairing with a 95% confidence interval, LOS and
// normalized Elo, from game counts (trinomial) or game-pair counts
// (pentanomial). The formulas are those of fastchess (matchmaking/elo) and
// cutechess (elo.cpp): normal approximation of the mean score, interval
// mapped through the logistic Elo curve, half width = (upper - lower) / 2.
//
// Degenerate data never yields NaN or infinity: a value that does not exist
// is std::nullopt (JSON null). Score 0 or 1 has no finite Elo; an interval end
// at score <= 0 or >= 1 is unbounded; zero variance has no normalized Elo.
#include <cstdint>
#include <optional>

#include "tourney/stats/counts.hpp"

namespace tourney::stats {

/// z such that P(|N(0,1)| < z) = 0.95.
inline constexpr double z95 = 1.959963984540054;
/// 800 / ln(10): normalized Elo per unit of t-value (fishtest's nelo_divided_by_nt).
inline constexpr double nelo_per_t = 347.43558552260146;

/// Standard normal cumulative distribution function.
double normal_cdf(double x);

/// Logistic Elo of a mean score in (0, 1): -400 log10(1/score - 1).
/// nullopt when score <= 0 or >= 1 (or not finite).
std::optional<double> score_to_elo(double score);
/// Expected score of an Elo difference: 1 / (1 + 10^(-elo/400)).
double elo_to_score(double elo);

struct elo_estimate {
  /// Games (trinomial) or game pairs (pentanomial) the estimate rests on.
  std::uint64_t samples = 0;
  /// Mean score per game in [0, 1]; nullopt without samples.
  std::optional<double> score;
  /// Standard deviation of the score of one sample (game or pair, per game).
  std::optional<double> stdev;
  std::optional<double> elo;
  std::optional<double> elo_lower95;  // nullopt: unbounded below
  std::optional<double> elo_upper95;  // nullopt: unbounded above
  /// (upper - lower) / 2, nullopt unless both ends are finite.
  std::optional<double> elo_error95;
  /// Normalized Elo (score - 0.5) / sigma_per_game * 800/ln 10 and its
  /// half width; nullopt when the variance is 0.
  std::optional<double> nelo;
  std::optional<double> nelo_error95;
  /// Likelihood of superiority P(elo > 0) = Phi((score - 0.5) / standard
  /// error). With zero variance: 1, 0.5 or 0 (the limit). nullopt without samples.
  std::optional<double> los;

  /// Whether Elo and both ends of its interval are finite numbers.
  bool bounded() const {
    return elo.has_value() && elo_error95.has_value();
  }
};

/// From games: score = (W + D/2) / n, variance of one game's score.
elo_estimate trinomial_elo(const wdl_counts& counts);

/// From game pairs: score = mean pair score / 2, variance per pair; normalized
/// Elo uses sigma per game = sqrt(2 * variance per pair) as in fastchess.
elo_estimate pentanomial_elo(const pentanomial_counts& counts);

}  // namespace tourney::stats
