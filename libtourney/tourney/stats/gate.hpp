#pragma once
// A verdict (verdict.hpp) as JSON: the last line of `tourney run --gate` and
// tournament.json's `verdict`.
#include <nlohmann/json.hpp>

#include "tourney/stats/verdict.hpp"

namespace tourney::stats {

/// {verdict: "pass" | "fail" | "no_verdict", decided_by: "sprt" |
/// "conditions" | "sprt_and_conditions", sprt?: {llr, lower, upper, result},
/// conditions: [{condition, verdict, threshold, elo, lower95, upper95, los,
/// games}]}; a value that does not exist is null.
nlohmann::json gate_to_json(const gate_decision& decision);

}  // namespace tourney::stats
