#pragma once
// The single type-ID block and atom namespace of every message the runtime's
// actors exchange (Zeek Broker's layout on CAF 0.17.6).
#include <string>
#include <vector>

#include "caf/allowed_unsafe_message_type.hpp"
#include "caf/atom.hpp"
#include "caf/type_id.hpp"

#include "tourney/detail/messages.hpp"
#include "tourney/detail/remote/wire.hpp"
#include "tourney/usi/engine_reactor.hpp"

// -- atoms --------------------------------------------------------------------

// facade -> supervisor
CAF_ADD_ATOM(tourney, tourney::atom, start, "start")
CAF_ADD_ATOM(tourney, tourney::atom, pause, "pause")
CAF_ADD_ATOM(tourney, tourney::atom, resume, "resume")
CAF_ADD_ATOM(tourney, tourney::atom, cancel, "cancel")
CAF_ADD_ATOM(tourney, tourney::atom, progress, "progress")
CAF_ADD_ATOM(tourney, tourney::atom, active, "active")
CAF_ADD_ATOM(tourney, tourney::atom, all, "all")
CAF_ADD_ATOM(tourney, tourney::atom, wait, "wait")
CAF_ADD_ATOM(tourney, tourney::atom, shutdown, "shutdown")
CAF_ADD_ATOM(tourney, tourney::atom, policy, "policy")
// supervisor <-> tournament: events and game slots
CAF_ADD_ATOM(tourney, tourney::atom, event, "event")
CAF_ADD_ATOM(tourney, tourney::atom, slot, "slot")
CAF_ADD_ATOM(tourney, tourney::atom, grant, "grant")
CAF_ADD_ATOM(tourney, tourney::atom, release, "release")
CAF_ADD_ATOM(tourney, tourney::atom, withdraw, "withdraw")
CAF_ADD_ATOM(tourney, tourney::atom, run, "run")
// tournament <-> game <-> player
CAF_ADD_ATOM(tourney, tourney::atom, done, "done")
CAF_ADD_ATOM(tourney, tourney::atom, move, "move")
CAF_ADD_ATOM(tourney, tourney::atom, stop, "stop")
// game <-> a batched policy's batcher
CAF_ADD_ATOM(tourney, tourney::atom, join, "join")
CAF_ADD_ATOM(tourney, tourney::atom, deadline, "deadline")
// USI engines (usi/engine_pool_actor.cpp): leases, reactor events, engine faults
CAF_ADD_ATOM(tourney, tourney::atom, lease, "lease")
CAF_ADD_ATOM(tourney, tourney::atom, usi_io, "usi_io")
CAF_ADD_ATOM(tourney, tourney::atom, fault, "fault")
// worker nodes (wire.hpp) and the coordinator's links to them
CAF_ADD_ATOM(tourney, tourney::atom, hello, "hello")
CAF_ADD_ATOM(tourney, tourney::atom, play, "play")
CAF_ADD_ATOM(tourney, tourney::atom, lost, "lost")
CAF_ADD_ATOM(tourney, tourney::atom, worker_up, "worker_up")
CAF_ADD_ATOM(tourney, tourney::atom, worker_dn, "worker_dn")
CAF_ADD_ATOM(tourney, tourney::atom, connect, "connect")
CAF_ADD_ATOM(tourney, tourney::atom, waiting, "waiting")
CAF_ADD_ATOM(tourney, tourney::atom, wait_check, "wait_check")
CAF_ADD_ATOM(tourney, tourney::atom, suspect, "suspect")
CAF_ADD_ATOM(tourney, tourney::atom, reinstate, "reinstate")
// persistence
CAF_ADD_ATOM(tourney, tourney::atom, open, "open")
CAF_ADD_ATOM(tourney, tourney::atom, append, "append")
CAF_ADD_ATOM(tourney, tourney::atom, flush, "flush")
CAF_ADD_ATOM(tourney, tourney::atom, finalize, "finalize")
CAF_ADD_ATOM(tourney, tourney::atom, report, "report")
// progress hub
CAF_ADD_ATOM(tourney, tourney::atom, subscribe, "subscribe")
CAF_ADD_ATOM(tourney, tourney::atom, unsubscribe, "unsub")

// -- types (local only: see messages.hpp) --------------------------------------

namespace tourney::detail {
/// Holds the ID of a retired message type (start_reply), so the wire types
/// keep the IDs that other nodes of the same protocol version expect.
struct retired_type_id {};
}  // namespace tourney::detail


CAF_BEGIN_TYPE_ID_BLOCK(tourney, caf::first_custom_type_id)
  CAF_ADD_TYPE_ID(tourney, (tourney::detail::tournament_order))
  CAF_ADD_TYPE_ID(tourney, (tourney::detail::start_order))
  CAF_ADD_TYPE_ID(tourney, (tourney::control_result))
  CAF_ADD_TYPE_ID(tourney, (tourney::detail::retired_type_id))
  CAF_ADD_TYPE_ID(tourney, (tourney::detail::host_policy))
  CAF_ADD_TYPE_ID(tourney, (tourney::rt::tournament_event))
  CAF_ADD_TYPE_ID(tourney, (tourney::rt::progress_snapshot))
  CAF_ADD_TYPE_ID(tourney, (std::vector<tourney::rt::progress_snapshot>))
  CAF_ADD_TYPE_ID(tourney, (tourney::rt::finished_game))
  CAF_ADD_TYPE_ID(tourney, (tourney::rt::turn))
  CAF_ADD_TYPE_ID(tourney, (tourney::players::decision))
  CAF_ADD_TYPE_ID(tourney, (tourney::detail::player_answer))
  CAF_ADD_TYPE_ID(tourney, (std::shared_ptr<tourney::rt::event_queue>))
  CAF_ADD_TYPE_ID(tourney, (std::shared_ptr<const tourney::spec::tournament_spec>))
  CAF_ADD_TYPE_ID(tourney, (tourney::usi::reactor_event))
  // serialisable: these cross nodes (wire.hpp)
  CAF_ADD_TYPE_ID(tourney, (tourney::wire::hello))
  CAF_ADD_TYPE_ID(tourney, (tourney::wire::welcome))
  CAF_ADD_TYPE_ID(tourney, (tourney::wire::game_order))
  CAF_ADD_TYPE_ID(tourney, (tourney::wire::game_report))
  // local again (after the wire types, whose IDs stay put)
  CAF_ADD_TYPE_ID(tourney, (std::shared_ptr<const tourney::record::game_record>))
  CAF_ADD_TYPE_ID(tourney, (std::shared_ptr<tourney::storage::folder_lock>))
CAF_END_TYPE_ID_BLOCK(tourney)

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::detail::tournament_order)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::detail::start_order)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::control_result)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::detail::retired_type_id)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::detail::host_policy)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::rt::tournament_event)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::rt::progress_snapshot)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<tourney::rt::progress_snapshot>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::rt::finished_game)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::rt::turn)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::players::decision)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::detail::player_answer)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<tourney::rt::event_queue>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<const tourney::spec::tournament_spec>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::usi::reactor_event)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<const tourney::record::game_record>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::shared_ptr<tourney::storage::folder_lock>)
