#pragma once
// Built-in players by name: "random", "heuristic", "alphabeta", "resign".
#include <memory>
#include <string>
#include <vector>

#include "tourney/players/player.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::players {

/// The names make_builtin_player accepts.
const std::vector<std::string>& builtin_player_names();

/// Makes the built-in player a spec names. Errors (naming the player): kind
/// not builtin, an unknown built-in name, a negative or too large depth, or a
/// depth/nodes given to a player that does not search. alphabeta: depth 0
/// means the default level 3.
expected<std::unique_ptr<player>> make_builtin_player(const spec::player_spec& spec);

}  // namespace tourney::players
