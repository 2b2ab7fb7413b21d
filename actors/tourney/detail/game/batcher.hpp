#pragma once
// A batched host policy's batcher: one actor per registered policy, shared
// by every game of every tournament that uses it. Games join it, ask it for
// moves and tell it while they wait on their opponent; rt::batch_gatherer
// decides when to call, policy_call_threads runs the host's evaluate, and
// each tournament hears how its positions were batched.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "caf/allowed_unsafe_message_type.hpp"
#include "caf/fwd.hpp"
#include "caf/replies_to.hpp"
#include "caf/typed_actor.hpp"
#include "tourney/batched_policy.hpp"
#include "tourney/detail/messages.hpp"
#include "tourney/detail/game/policy_call_threads.hpp"
#include "tourney/detail/type_ids.hpp"

namespace tourney::detail {

/// A game's request for one move.
struct batch_ask {
  batch_request request;
  /// Told (policy, name, mine, batch, seconds) for each call with its positions.
  caf::actor tournament;
  /// The game gives up on the answer after this long (the move's deadline).
  std::chrono::milliseconds deadline{0};
};

/// What games see of a batcher:
///   (join)                      a game that will ask (monitored from now on)
///   (waiting)                   the game waits on its opponent
///   (move, batch_ask) -> player_answer
using batcher_actor = caf::typed_actor<caf::reacts_to<atom::join>, caf::reacts_to<atom::waiting>,
                                       caf::replies_to<atom::move, batch_ask>::with<player_answer>>;

/// Spawns the batcher of policy `policy`; its calls run on `threads`, which
/// it closes when it ends (at the runtime's shutdown: a replaced policy's
/// batcher still serves the tournaments that started before).
batcher_actor spawn_batcher(caf::actor_system& sys, std::string policy,
                            batched_policy_options options,
                            std::shared_ptr<policy_call_threads> threads);

}  // namespace tourney::detail

// Local messages only (never serialised).
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::detail::batch_ask)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::detail::call_result)
