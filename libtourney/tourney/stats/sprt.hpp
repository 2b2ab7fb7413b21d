#pragma once
// Sequential probability ratio test for a two-player match, as fishtest
// (server/fishtest/stats/LLRcalc.py, stat_util.py) and fastchess
// (matchmaking/sprt) compute it: the generalized log-likelihood ratio of the
// multinomial maximum-likelihood distributions under H0 (elo0) and H1 (elo1),
// for the pentanomial (game pairs) or trinomial (games) results, with Elo
// either logistic (expected score) or normalized (t-value).
// Zero counts are regularized to 1e-3 as both do.
#include <string>
#include <vector>

#include "tourney/spec/tournament_spec.hpp"
#include "tourney/stats/counts.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::stats {

enum class sprt_result { continue_testing, accept_h0, accept_h1 };

/// "H0", "H1" or "continue" (the tournament.json spelling).
const char* to_string(sprt_result result);

struct sprt_status {
  double llr = 0.0;
  double lower = 0.0;  // log(beta / (1 - alpha)): at or below it H0 is accepted
  double upper = 0.0;  // log((1 - beta) / alpha): at or above it H1 is accepted
  sprt_result result = sprt_result::continue_testing;
};

/// LLR for results given low to high (3: L, D, W; 5: LL, LD, DD+WL, WD, WW),
/// elo0/elo1 logistic Elo (fishtest LLR_logistic). Errors: wrong length,
/// negative counts.
expected<double> llr_logistic(double elo0, double elo1, const std::vector<double>& results);

/// The same with normalized Elo (fishtest LLR_normalized, t-value MLE of
/// "Comments on Normalized Elo", section 4.1).
expected<double> llr_normalized(double nelo0, double nelo1, const std::vector<double>& results);

class sprt {
 public:
  /// Checks elo0 < elo1, 0 < alpha < 1, 0 < beta < 1, alpha + beta < 1, and
  /// for normalized Elo |elo| <= 200 (beyond it the t-value MLE may not exist).
  static expected<sprt> create(const spec::sprt_spec& settings);

  const spec::sprt_spec& settings() const {
    return settings_;
  }
  double lower_bound() const {
    return lower_;
  }
  double upper_bound() const {
    return upper_;
  }

  /// The test after some game pairs (call after every finished pair; stop the
  /// tournament when the result is not continue_testing).
  expected<sprt_status> evaluate(const pentanomial_counts& pairs) const;
  /// The trinomial variant (games instead of pairs).
  expected<sprt_status> evaluate(const wdl_counts& games) const;

  /// The verdict for a given LLR.
  sprt_result decide(double llr) const;

 private:
  sprt(const spec::sprt_spec& settings, double lower, double upper)
      : settings_(settings), lower_(lower), upper_(upper) {}
  expected<sprt_status> evaluate_results(const std::vector<double>& results) const;

  spec::sprt_spec settings_;
  double lower_ = 0.0;
  double upper_ = 0.0;
};

}  // namespace tourney::stats
