#pragma once
// The referee games use unless the host replaces it: the rules core's
// referee (tourney::game::referee) behind the runtime's game_referee seam.
#include "tourney/runtime/game_referee.hpp"

namespace tourney::detail {

rt::referee_factory default_referee_factory();

}  // namespace tourney::detail
