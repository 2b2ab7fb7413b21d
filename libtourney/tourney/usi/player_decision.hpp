#pragma once
// From an engine's answer to the in-process player contract's decision, so
// that USI engines and built-in players look the same to the game.
#include "tourney/players/player.hpp"
#include "tourney/usi/engine_session.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::usi {

/// The move is checked for syntax only (shogi::parse_usi_move): legality in
/// the position is the referee's call. An unparsable move is an error (the
/// engine's illegal_move); engine_session already reports those as faults,
/// so this fails only on moves that are USI-shaped but not moves (e.g. a
/// pawn drop written with a promotion). Score: cp -> score_cp, mate ->
/// mate_in (not set for "mate +/-" without a distance).
expected<players::decision> to_player_decision(const engine_decision& answer);

}  // namespace tourney::usi
