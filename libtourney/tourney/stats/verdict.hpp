#pragma once
// Verdicts for harnesses (`tourney run --gate`, runtime::verdict, Python's
// Runtime.verdict): an SPRT's decision and `--require` conditions on the
// results, folded into pass, fail or no verdict, with the rule that decided
// and the numbers behind it. Pure and JSON-free (gate.hpp writes the JSON):
// one decide_gate for the app, tournament.json, the C++ API and Python.
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
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tourney/stats/pairing_summary.hpp"
#include "tourney/stats/sprt.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::stats {

enum class gate_verdict { pass, fail, no_verdict };

/// "pass", "fail", "no_verdict".
const char* to_string(gate_verdict verdict);

/// The rules a verdict rests on: for pass every rule given (all held), for
/// fail the first kind that failed (an SPRT that accepted H0 before a
/// condition), for no verdict the kinds left undecided.
enum class gate_rule { sprt, conditions, sprt_and_conditions };

/// "sprt", "conditions", "sprt_and_conditions".
const char* to_string(gate_rule rule);

struct gate_condition {
  std::string text;  // as given
  enum class metric { elo, los } what = metric::elo;
  std::string player;
  std::string opponent;  // empty: the only opponent
  bool greater = true;   // > or >=
  bool or_equal = false;
  double value = 0.0;  // the threshold (a LOS as a fraction)
};

/// The error quotes the text and shows the syntax.
[[nodiscard]] expected<gate_condition> parse_condition(std::string_view text);

/// Every condition, or the first bad one's error (naming it).
[[nodiscard]] expected<std::vector<gate_condition>> parse_conditions(const std::vector<std::string>& texts);

/// Checks names and opponents against the tournament's players and pairings
/// (before a run starts: a typo must not cost a tournament).
[[nodiscard]] expected<void> check_condition(const gate_condition& condition,
                                             const std::vector<std::string>& names,
                                             const std::vector<std::pair<int, int>>& pairings);

/// One condition measured: the Elo estimate with its 95% interval and the
/// LOS of the player against the opponent, the threshold, and whether it held.
struct condition_outcome {
  std::string text;
  gate_verdict verdict = gate_verdict::no_verdict;  // pass: it held; fail: it failed
  double threshold = 0.0;
  std::optional<double> elo;  // missing when not finite (every game won or lost)
  std::optional<double> lower95;
  std::optional<double> upper95;
  std::optional<double> los;
  std::uint64_t games = 0;
};

struct gate_decision {
  gate_verdict verdict = gate_verdict::no_verdict;
  gate_rule decided_by = gate_rule::conditions;
  std::optional<sprt_status> sprt;  // the SPRT run's last status: LLR, bounds, result
  std::vector<condition_outcome> conditions;
};

/// pass: the SPRT (if any) accepted H1 and every condition holds; fail: H0
/// accepted or a condition fails; no verdict otherwise (the games ran out).
/// Errors: a condition names an unknown player or an ambiguous opponent.
[[nodiscard]] expected<gate_decision> decide_gate(const std::vector<std::string>& names,
                                                  const std::vector<pairing_summary>& pairs,
                                                  const std::vector<gate_condition>& conditions);

/// One line for people: "fail (sprt): H0 accepted, LLR -2.97 <= -2.94".
std::string describe(const gate_decision& decision);

}  // namespace tourney::stats
