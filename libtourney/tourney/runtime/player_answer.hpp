#pragma once
// A player's answer to one move request: a decision, or why there is none.
#include <optional>
#include <string>

#include "tourney/players/player.hpp"
#include "tourney/runtime/game_referee.hpp"

namespace tourney::rt {

struct player_answer {
  std::optional<players::decision> decision;
  std::string error;
  /// How the referee scores a missing decision.
  no_decision why = no_decision::player_error;
};

}  // namespace tourney::rt
