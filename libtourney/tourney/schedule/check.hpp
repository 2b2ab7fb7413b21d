#pragma once
// The checks a tournament passes before it starts, in one place: runtime
// start and resume, and `tourney validate`, so validate accepts exactly what
// run accepts.
#include <vector>

#include "tourney/schedule/openings.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::schedule {

/// spec::validate (fields, limits, engines found), then the openings file
/// read and every line parsed (errors "openings: book.sfen:12: ..."). Returns
/// the openings.
expected<std::vector<opening>> check_tournament(const spec::tournament_spec& spec);

}  // namespace tourney::schedule
