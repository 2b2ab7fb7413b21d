#pragma once
// A saved tournament read back to be resumed, on the host's thread (file
// I/O stays off the actors): its folder locked before the journal is read,
// the journal's damaged tail cut, games.csa (and each game's files when
// asked for) made whole from it, and the games already played counted.
#include <functional>
#include <string>

#include "tourney/detail/messages.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::detail {

/// The start order that resumes the tournament saved in `folder` (no
/// trailing slash). `check` vets the saved spec before anything on disk
/// changes; `warn` hears what was repaired and what the journal's reader
/// skipped.
[[nodiscard]] expected<start_order> resume_order(
    const std::string& folder, int priority, bool game_record_files,
    const std::function<expected<void>(const spec::tournament_spec&)>& check,
    const std::function<void(const std::string&)>& warn);

}  // namespace tourney::detail
