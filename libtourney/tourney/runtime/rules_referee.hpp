#pragma once
// The game_referee the runtime uses by default: tourney::game::referee (the
// rules core, clocks, repetition, adjudication) behind the runtime's seam.
#include <memory>

#include "tourney/runtime/game_referee.hpp"

namespace tourney::rt {

/// Makes the rules referee of a game; an unusable opening is an error.
expected<std::unique_ptr<game_referee>> make_rules_referee(const game_context& context);

}  // namespace tourney::rt
