#pragma once
// Verdicts for harnesses (`tourney run --gate`): an SPRT's decision, and
// `--require` conditions on a fixed-length run's results, folded into pass,
// fail or no verdict. Pure: the app reads the results and sets the exit code.
//
// Condition syntax: METRIC(A) OP NUMBER or METRIC(A vs B) OP NUMBER, with
// METRIC elo or los, OP one of > >= < <=. elo(A vs B): A's Elo against B from
// their pairing (game pairs when there are two or more, else games); `>`
// holds when the lower end of the 95% interval is above NUMBER, fails when
// the upper end is at or below it, and is undecided otherwise (`<` the other
// way round). los(A vs B) > P (P in [0, 1] or a percentage "95%"): holds when
// the likelihood of superiority is above P, fails when it is below 1 - P.
// Without "vs B", A must have exactly one opponent. Fewer than two samples,
// or samples all alike (every game won), decide nothing: no verdict.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tourney/stats/report.hpp"
#include "tourney/stats/sprt.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::stats {

enum class gate_verdict { pass, fail, no_verdict };

const char* to_string(gate_verdict verdict);

struct gate_condition {
  std::string text;  // as given
  enum class metric { elo, los } what = metric::elo;
  std::string player;
  std::string opponent;  // empty: the only opponent
  bool greater = true;   // > or >=
  bool or_equal = false;
  double value = 0.0;
};

/// The error quotes the text and shows the syntax.
expected<gate_condition> parse_condition(std::string_view text);

/// Checks names and opponents against the tournament's players and pairings
/// (before a run starts: a typo must not cost a tournament).
expected<void> check_condition(const gate_condition& condition,
                               const std::vector<std::string>& names,
                               const std::vector<std::pair<int, int>>& pairings);

struct condition_outcome {
  std::string text;
  gate_verdict verdict = gate_verdict::no_verdict;
  std::optional<double> lower95;  // elo: the interval; los: the LOS in both
  std::optional<double> upper95;
  std::optional<double> los;
  std::uint64_t games = 0;
};

struct gate_decision {
  gate_verdict verdict = gate_verdict::no_verdict;
  std::optional<sprt_status> sprt;  // the SPRT run's last status
  std::vector<condition_outcome> conditions;
};

/// pass: the SPRT (if any) accepted H1 and every condition holds; fail: H0
/// accepted or a condition fails; no verdict otherwise (the games ran out).
/// Errors: a condition names an unknown player or an ambiguous opponent.
expected<gate_decision> decide_gate(const std::vector<std::string>& names,
                                    const std::vector<pairing_summary>& pairs,
                                    const std::vector<gate_condition>& conditions);

/// {verdict: "pass" | "fail" | "no_verdict", sprt?: {llr, lower, upper,
/// result}, conditions: [{condition, verdict, lower95, upper95, los, games}]}.
nlohmann::json gate_to_json(const gate_decision& decision);

}  // namespace tourney::stats
