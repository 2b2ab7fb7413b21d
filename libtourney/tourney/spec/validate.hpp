#pragma once
// Checks a tournament spec before anything starts: every problem is reported
// with the field path ("players[1].usi.command: no such file ...").
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::spec {

/// Ok, or the first problem found, named by its field path.
expected<void> validate(const tournament_spec& spec);

}  // namespace tourney::spec
