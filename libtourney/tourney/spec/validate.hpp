#pragma once
// Checks a tournament spec before anything starts: every problem is reported
// with the field path ("players[1].usi.command: no such file ...").
#include <string>

#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::spec {

/// Ok, or the first problem found, named by its field path. Includes the
/// size limits of spec/limits.hpp (names, strings, counts).
expected<void> validate(const tournament_spec& spec);

/// The size limits alone for one player (`path` = "players[2]"), for a
/// worker's own player definitions too.
expected<void> check_player_limits(const player_spec& p, const std::string& path);

}  // namespace tourney::spec
