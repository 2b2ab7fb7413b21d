#pragma once
// Players in one call, for specs built in code: each sets the kind and the
// field that kind reads, and names the player after it unless told otherwise.
#include <string>

#include "tourney/spec/tournament_spec.hpp"

namespace tourney::spec {

/// A built-in player: "random", "heuristic", "alphabeta" or "resign".
player_spec builtin(std::string kind, std::string name = {});

/// A host policy registered with runtime::register_policy under `registered`.
player_spec host(std::string registered, std::string name = {});

/// A USI engine process: `command` is a path or a name looked up in PATH and
/// /usr/games.
player_spec usi(std::string name, std::string command);

}  // namespace tourney::spec
