#pragma once
// A host's batched policy: one call decides the moves of many games at once,
// as a network evaluates a batch in one forward pass. Register it with
// runtime::register_batched_policy under a name; players of kind host name
// it exactly as they name a per-position policy, so a config does not change
// when the host switches.
//
// The runtime gathers every waiting request for the policy, across games,
// tournaments and both sides of a game, and calls `evaluate` once every game
// in flight whose side to move is this policy has asked (games waiting on
// their opponent do not count), or the batch is full, or (only if the host
// set max_wait) the oldest request has waited that long. Calls run on the
// policy's own threads (max_calls_in_flight of them), never on the runtime's
// scheduler threads and never one thread per game.
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tourney/players/player.hpp"
#include "tourney/shogi/position.hpp"
#include "tourney/shogi/types.hpp"

namespace tourney {

/// One move request of a batch: a self-contained copy of the game so far.
struct batch_request {
  std::string tournament_id;
  std::string game_id;
  /// The player's name in its tournament (a policy may play both sides).
  std::string player;
  shogi::color side = shogi::color::black;
  shogi::position start;
  /// The moves from `start` to `position`.
  std::vector<shogi::move> history;
  shogi::position position;
  players::search_limits limits;
  /// Every legal move of `position` (never empty: a side with no legal
  /// move is never asked).
  std::vector<shogi::move> legal_moves;
};

/// The requests of one call, in the order their decisions come back.
struct move_batch {
  std::vector<batch_request> requests;

  std::size_t size() const {
    return requests.size();
  }
  const batch_request& operator[](std::size_t i) const {
    return requests[i];
  }
};

/// Returns one decision per request, in order (a move, resign or declare a
/// win, with optional score, depth, nodes and pv). Throwing, or returning
/// another number of decisions, ends every game of the batch with the
/// policy's side losing by `error` (the message kept in the record); an
/// illegal move ends its own game (`illegal_move`). The tournaments go on.
using batch_evaluate = std::function<std::vector<players::decision>(const move_batch& batch)>;

struct batched_policy_options {
  /// Most requests in one call.
  std::size_t max_batch = 256;
  /// Most games using this policy at once, across all tournaments. A game of
  /// the policy against itself, another batched policy or a built-in that
  /// decides in microseconds (random, heuristic, resign) takes no game slot:
  /// this is how many such games run at once.
  std::size_t max_games = 256;
  /// A request waits at most this long for others to join its batch; none
  /// (the default): calls start by the rule above alone, with no timer.
  std::optional<std::chrono::microseconds> max_wait;
  /// Calls running at once, each on its own thread (1: a GPU serialises them).
  std::size_t max_calls_in_flight = 1;
};

}  // namespace tourney
