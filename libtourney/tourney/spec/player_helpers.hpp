#pragma once
// Players in one call, for specs built in code: each makes a player of one
// kind with that kind's fields, named after it unless told otherwise.
//
//   spec.players = {host("checkpoint-42"), builtin("random"), builtin("alphabeta", 3),
//                   usi_engine("fairy-stockfish", "/usr/games/fairy-stockfish")};
#include <string>

#include "tourney/spec/tournament_spec.hpp"

namespace tourney::spec {

/// A built-in player: "random", "heuristic", "alphabeta" or "resign"; named
/// `kind` unless `name` is given.
player_spec builtin(std::string kind, std::string name = {});

/// A built-in player that searches ("alphabeta") to `depth`; named
/// "<kind>-<depth>" unless `name` is given.
player_spec builtin(std::string kind, int depth, std::string name = {});

/// A host policy registered with runtime::register_policy (or
/// register_batched_policy) under `registered`; named after it unless `name`
/// is given.
player_spec host(std::string registered, std::string name = {});

/// A USI engine process: `command` is a path or a name looked up in PATH and
/// /usr/games.
player_spec usi_engine(std::string name, std::string command);

}  // namespace tourney::spec
