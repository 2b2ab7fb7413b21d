#pragma once
// The JSON form of a tournament spec: read from configs (with field paths and
// line/column in errors), written to tournament.json so a run can resume.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::spec {

/// Parses a spec from JSON. Unknown keys, wrong types, missing fields and
/// impossible values are errors naming the field path. `path` prefixes every
/// field path ("tournament").
expected<tournament_spec> spec_from_json(const nlohmann::json& j, std::string_view path = "");

/// The complete spec as JSON (every field, so a resumed run is identical).
nlohmann::json spec_to_json(const tournament_spec& spec);

/// One player object (as in "players"); errors name `path`.
expected<player_spec> player_spec_from_json(const nlohmann::json& j, const std::string& path);

}  // namespace tourney::spec
