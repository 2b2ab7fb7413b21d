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
#include <optional>

#include "tourney/encoding/batch_encoding.hpp"  // a batch in a network's layout
#include "tourney/players/batch.hpp"

namespace tourney {

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
