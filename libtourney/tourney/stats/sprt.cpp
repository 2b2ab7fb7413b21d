#include "tourney/stats/sprt.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "tourney/stats/elo.hpp"

namespace tourney::stats {

const char* to_string(sprt_result result) {
  switch (result) {
    case sprt_result::accept_h0:
      return "H0";
    case sprt_result::accept_h1:
      return "H1";
    case sprt_result::continue_testing:
      return "continue";
  }
  return "continue";
}

namespace {

// An empirical distribution: outcome values a_i in [0, 1] (ascending) with
// probabilities p_i.
struct distribution {
  std::vector<double> values;
  std::vector<double> probs;
};

struct moments {
  double mean;
  double variance;
};

moments moments_of(const distribution& d) {
  double mean = 0.0;
  for (std::size_t i = 0; i < d.values.size(); ++i) {
    mean += d.probs[i] * d.values[i];
  }
  double variance = 0.0;
  for (std::size_t i = 0; i < d.values.size(); ++i) {
    const double e = d.values[i] - mean;
    variance += d.probs[i] * e * e;
  }
  return {mean, variance};
}

// Solves sum_i p_i a_i / (1 + x a_i) = 0 for x in (-1/max a, -1/min a); the
// left side falls strictly from +inf to -inf there, so bisection converges.
// Needs min a < 0 < max a.
expected<double> solve_secular(const std::vector<double>& a, const std::vector<double>& p) {
  const double v = *std::min_element(a.begin(), a.end());
  const double w = *std::max_element(a.begin(), a.end());
  if (!(v < 0.0 && w > 0.0)) {
    return fail("sprt: no distribution with the hypothesised Elo fits the results");
  }
  double lo = -1.0 / w;
  double hi = -1.0 / v;
  for (int i = 0; i < 200 && hi - lo > 0.0; ++i) {
    const double mid = lo + (hi - lo) / 2.0;
    if (mid <= lo || mid >= hi) {
      break;
    }
    double f = 0.0;
    for (std::size_t k = 0; k < a.size(); ++k) {
      f += p[k] * a[k] / (1.0 + mid * a[k]);
    }
    if (f > 0.0) {
      lo = mid;
    } else if (f < 0.0) {
      hi = mid;
    } else {
      return mid;
    }
  }
  return lo + (hi - lo) / 2.0;
}

// Maximum-likelihood distribution with expectation s given the empirical one
// (fishtest LLRcalc.MLE_expected; support_MLE_multinomial.pdf, prop. 1.1).
expected<std::vector<double>> mle_expected(const distribution& observed, double s) {
  std::vector<double> shifted(observed.values.size());
  for (std::size_t i = 0; i < shifted.size(); ++i) {
    shifted[i] = observed.values[i] - s;
  }
  auto x = solve_secular(shifted, observed.probs);
  if (!x) {
    return tl::unexpected(x.error());
  }
  std::vector<double> p(shifted.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    p[i] = observed.probs[i] / (1.0 + *x * shifted[i]);
  }
  return p;
}

// Maximum-likelihood distribution with t-value (mu - ref) / sigma = t
// (fishtest LLRcalc.MLE_t_value; normalized_elo_practical.pdf, section 4.1):
// a fixed-point iteration starting from the uniform distribution.
expected<std::vector<double>> mle_t_value(const distribution& observed, double ref, double t) {
  const std::size_t n = observed.values.size();
  distribution current{observed.values, std::vector<double>(n, 1.0 / static_cast<double>(n))};
  std::vector<double> phi(n);
  for (int iteration = 0; iteration < 200; ++iteration) {
    const auto m = moments_of(current);
    const double sigma = std::sqrt(m.variance);
    for (std::size_t i = 0; i < n; ++i) {
      const double z = (m.mean - observed.values[i]) / sigma;
      phi[i] = observed.values[i] - ref - t * sigma * (1.0 + z * z) / 2.0;
    }
    auto x = solve_secular(phi, observed.probs);
    if (!x) {
      return tl::unexpected(x.error());
    }
    double change = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double next = observed.probs[i] / (1.0 + *x * phi[i]);
      change = std::max(change, std::abs(next - current.probs[i]));
      current.probs[i] = next;
    }
    if (change < 1e-13) {
      break;
    }
  }
  return current.probs;
}

struct prepared {
  double total;
  distribution observed;
};

expected<prepared> prepare(const std::vector<double>& results) {
  if (results.size() != 3 && results.size() != 5) {
    return fail(fmt::format("sprt: {} result counts (expected 3 or 5)", results.size()));
  }
  prepared out{0.0, {}};
  std::vector<double> regularized = results;
  for (auto& r : regularized) {
    if (!std::isfinite(r) || r < 0.0) {
      return fail("sprt: result counts must be finite and non-negative");
    }
    if (r == 0.0) {
      r = 1e-3;  // fishtest LLRcalc.regularize, fastchess regularize()
    }
    out.total += r;
  }
  const auto n = regularized.size();
  for (std::size_t i = 0; i < n; ++i) {
    out.observed.values.push_back(static_cast<double>(i) / static_cast<double>(n - 1));
    out.observed.probs.push_back(regularized[i] / out.total);
  }
  return out;
}

double llr_of(const prepared& data, const std::vector<double>& p0, const std::vector<double>& p1) {
  double mean_jump = 0.0;
  for (std::size_t i = 0; i < p0.size(); ++i) {
    mean_jump += data.observed.probs[i] * (std::log(p1[i]) - std::log(p0[i]));
  }
  return data.total * mean_jump;
}

}  // namespace

expected<double> llr_logistic(double elo0, double elo1, const std::vector<double>& results) {
  auto data = prepare(results);
  if (!data) {
    return tl::unexpected(data.error());
  }
  auto p0 = mle_expected(data->observed, elo_to_score(elo0));
  auto p1 = mle_expected(data->observed, elo_to_score(elo1));
  if (!p0) {
    return tl::unexpected(p0.error());
  }
  if (!p1) {
    return tl::unexpected(p1.error());
  }
  return llr_of(*data, *p0, *p1);
}

expected<double> llr_normalized(double nelo0, double nelo1, const std::vector<double>& results) {
  auto data = prepare(results);
  if (!data) {
    return tl::unexpected(data.error());
  }
  // A pair's score spread is sqrt(2) times a game's (pairs are two games).
  const double scale = results.size() == 5 ? std::sqrt(2.0) : 1.0;
  auto p0 = mle_t_value(data->observed, 0.5, scale * nelo0 / nelo_per_t);
  auto p1 = mle_t_value(data->observed, 0.5, scale * nelo1 / nelo_per_t);
  if (!p0) {
    return tl::unexpected(p0.error());
  }
  if (!p1) {
    return tl::unexpected(p1.error());
  }
  return llr_of(*data, *p0, *p1);
}

expected<sprt> sprt::create(const spec::sprt_spec& settings) {
  const bool finite = std::isfinite(settings.elo0) && std::isfinite(settings.elo1) &&
                      std::isfinite(settings.alpha) && std::isfinite(settings.beta);
  if (!finite) {
    return fail("sprt: elo0, elo1, alpha and beta must be finite numbers");
  }
  if (!(settings.elo0 < settings.elo1)) {
    return fail(
        fmt::format("sprt: elo0 ({}) must be less than elo1 ({})", settings.elo0, settings.elo1));
  }
  if (!(settings.alpha > 0.0 && settings.alpha < 1.0)) {
    return fail(fmt::format("sprt: alpha ({}) must be between 0 and 1", settings.alpha));
  }
  if (!(settings.beta > 0.0 && settings.beta < 1.0)) {
    return fail(fmt::format("sprt: beta ({}) must be between 0 and 1", settings.beta));
  }
  if (!(settings.alpha + settings.beta < 1.0)) {
    return fail("sprt: alpha + beta must be less than 1");
  }
  if (settings.model == spec::sprt_model::normalized &&
      (std::abs(settings.elo0) > 200.0 || std::abs(settings.elo1) > 200.0)) {
    return fail("sprt: normalized elo0 and elo1 must lie within [-200, 200]");
  }
  const double lower = std::log(settings.beta / (1.0 - settings.alpha));
  const double upper = std::log((1.0 - settings.beta) / settings.alpha);
  return sprt(settings, lower, upper);
}

sprt_result sprt::decide(double llr) const {
  if (llr >= upper_) {
    return sprt_result::accept_h1;
  }
  if (llr <= lower_) {
    return sprt_result::accept_h0;
  }
  return sprt_result::continue_testing;
}

expected<sprt_status> sprt::evaluate_results(const std::vector<double>& results) const {
  auto llr = settings_.model == spec::sprt_model::normalized
                 ? llr_normalized(settings_.elo0, settings_.elo1, results)
                 : llr_logistic(settings_.elo0, settings_.elo1, results);
  if (!llr) {
    return tl::unexpected(llr.error());
  }
  if (!std::isfinite(*llr)) {
    return fail("sprt: the log-likelihood ratio is not a finite number");
  }
  return sprt_status{*llr, lower_, upper_, decide(*llr)};
}

expected<sprt_status> sprt::evaluate(const pentanomial_counts& pairs) const {
  std::vector<double> results;
  for (auto c : pairs.counts) {
    results.push_back(static_cast<double>(c));
  }
  return evaluate_results(results);
}

expected<sprt_status> sprt::evaluate(const wdl_counts& games) const {
  return evaluate_results({static_cast<double>(games.losses), static_cast<double>(games.draws),
                           static_cast<double>(games.wins)});
}

}  // namespace tourney::stats
