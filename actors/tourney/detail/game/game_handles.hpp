#pragma once
// Typed handles of a game and its players (CAF 0.17 typed actors): a message
// that no one handles fails the build, not a run. Protocols in full at the
// spawn functions (actors.hpp, usi/engine_pool.hpp).
#include <cstdint>
#include <memory>
#include <string>

#include "caf/allowed_unsafe_message_type.hpp"
#include "caf/replies_to.hpp"
#include "caf/typed_actor.hpp"

#include "tourney/detail/messages.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/usi/engine_pool.hpp"

namespace tourney::detail {

class engine_host;

/// One game's lease of an engine: where to ask (the pool's engine host, held
/// weakly: the pool may end first) and which lease.
struct usi_lease {
  std::weak_ptr<engine_host> host;
  usi::lease_ref ref;
};
using usi_lease_ptr = std::shared_ptr<const usi_lease>;

/// A game handed to the engine host, coming back (usi::move_client::give_back).
struct returned_game {
  std::shared_ptr<rt::game_referee> referee;
  std::string why;      // unfinished: the side to move is gone, for this reason
  std::string failure;  // the referee threw
};

/// One player of one game: every kind answers a move request.
using player_actor = caf::typed_actor<caf::replies_to<atom::move, rt::turn>::with<player_answer>>;

/// A USI side of a game: also leases its engine before the first move
/// (answered once the engine is ready, or errc::engine_unavailable).
using usi_player_actor = player_actor::extend<caf::replies_to<atom::lease>::with<void>>;

/// A tournament's engine pool: leases for usi players (the engine and the
/// lease, or errc::engine_unavailable), and what its engine host reports (a
/// lease's reply, an engine that cannot start, all engines gone).
using engine_pool_actor = caf::typed_actor<
    caf::replies_to<atom::lease, std::string>::with<std::uint64_t, usi_lease_ptr>,
    caf::reacts_to<atom::lease, std::uint64_t, std::uint64_t, std::uint64_t, std::string>,
    caf::reacts_to<atom::fault, std::string>, caf::reacts_to<atom::done>>;

/// One game: its steps, a game handed back, a leased engine's answer, and a
/// usi player's lease.
using game_actor = caf::typed_actor<caf::reacts_to<atom::run>, caf::reacts_to<atom::run, returned_game>,
                                    caf::reacts_to<atom::move, std::uint64_t, player_answer>,
                                    caf::reacts_to<atom::lease, engine_pool_actor, usi_lease_ptr>>;

}  // namespace tourney::detail

// Local messages only (never serialised).
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::detail::usi_lease_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::detail::returned_game)
