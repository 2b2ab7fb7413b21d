#pragma once
// The verdict of a tournament folder: its pairings read back from
// tournament.json and games.jsonl (as `tourney report` reads them), decided by
// stats::decide_gate. The app's --gate, runtime::verdict and the Python
// module call this one function.
#include <string>
#include <vector>

#include "tourney/stats/verdict.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::results {

/// Errors name the folder and file (no tournament.json, a damaged one) or
/// the condition (a player the tournament does not have).
[[nodiscard]] expected<stats::gate_decision> folder_verdict(const std::string& folder,
                                                            const std::vector<stats::gate_condition>& conditions);

}  // namespace tourney::results
