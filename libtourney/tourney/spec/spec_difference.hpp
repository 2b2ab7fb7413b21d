#pragma once
// Field-by-field comparison of tournament specs. The saved spec (tournament.json,
// a worker's order) must describe the same games as the original, so start and
// resume refuse a spec that does not survive its own serialisation; this names
// the first field that differs.
#include <optional>
#include <string>

#include "tourney/spec/tournament_spec.hpp"

namespace tourney::spec {

/// The field path of the first field in which `a` and `b` differ
/// ("players[1].nodes", "time_control.movetime_ms"), or nullopt when every
/// field is equal.
[[nodiscard]] std::optional<std::string> first_difference(const tournament_spec& a, const tournament_spec& b);

}  // namespace tourney::spec
