#pragma once
// USI engines as tournament players.
//
// A tournament with USI players owns one engine pool actor (spawn_usi_engines):
// it runs every engine process of the tournament over one engine_reactor
// thread (epoll; no engine I/O on a scheduler thread) and keeps one
// usi::engine_session per process. Each game gets, per USI side, a small
// player actor (spawn_usi_player) that leases an engine from the pool for the
// game: an idle engine of that player (usinewgame + isready) or a new one
// (one process per player per game in flight, reused across the games of
// that slot, replaced after a fault). Each engine's deadline lives in the
// reactor's epoll timeout (no actor-clock message per move); a hung engine is
// stopped with stop, quit, SIGTERM, SIGKILL in asynchronous steps.
//
// Per ply no message goes through the pool actor: the game asks its engine
// through a usi_engine_lease (the position and go go out with one
// non-blocking send, the deadline into the reactor's epoll timeout) and the
// reactor thread, reading the bestmove, hands it to the game's move_sink,
// which plays it and asks the other engine on that same thread: an
// engine-vs-engine ply wakes no scheduler thread (game_driver.hpp).
//
// Protocol (all local messages):
//   usi player:  (lease) -> string                "" once the engine is ready, else why not;
//                                                 before a "" it sends the game
//                                                 (lease, actor pool, usi_lease_ptr)
//                (move, turn) -> player_answer    player_gone (moves go through the lease)
//                (done, string outcome)           "win"/"lose"/"draw"/"": gameover
//   pool:        (lease, string player) -> (uint64 engine, string error, usi_lease_ptr)
//                (move, uint64 engine, uint64 ply, turn)   answered (move, ply, player_answer)
//                                                 (what a lease does while events wait here)
//                (done, uint64 engine, string outcome)
//                (usi_io, reactor_event, bool) / (usi_io, uint64 engine, session_actions):
//                                                 engine events the reactor thread hands over
//   pool -> tournament: (fault, string) when an engine cannot start (the
//                tournament fails with that message).
// The pool monitors its tournament and stops every engine when it ends (quit,
// then SIGTERM and SIGKILL past the profile's quit_timeout and a grace: it
// keeps itself alive until the last engine is gone, so the actor system's
// shutdown waits for that, a bounded time); it
// monitors each usi player and takes the engine back when its game ends
// (cancelled games: the search is stopped and the engine reused).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "caf/actor.hpp"
#include "caf/allowed_unsafe_message_type.hpp"
#include "caf/fwd.hpp"

#include "tourney/detail/messages.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::detail {

using usi_engines_actor = caf::actor;
using usi_player_actor = caf::actor;

/// Takes a leased engine's answer on whichever thread has it (mostly the
/// engine reactor's), so that the game goes on without a hop to its actor.
/// Called with no engine's lock held: it may ask the next engine at once.
class move_sink {
 public:
  virtual ~move_sink() = default;
  virtual void on_move(std::uint64_t ply, player_answer answer) = 0;
};
using move_sink_ptr = std::shared_ptr<move_sink>;

/// One game's lease of an engine, callable from the game's own thread or
/// its sink's (thread-safe, never blocks): asks for a move without a message
/// to the pool actor. The answer goes to `sink` (or, without one, to `game`
/// as (move, ply, player_answer)), by the turn's deadline (the reactor
/// enforces it, also on a hung engine), unless the pool actor ends first
/// (monitor it). An answer the pool gives while events wait there comes to
/// `game` as that message in any case.
class usi_engine_lease {
 public:
  virtual ~usi_engine_lease() = default;
  /// nullopt: asked (the answer follows); else the answer now (the engine
  /// is gone, or the lease is over).
  virtual std::optional<player_answer> ask(const caf::actor& game, const move_sink_ptr& sink, std::uint64_t ply,
                                           const rt::turn& t) = 0;
};
using usi_lease_ptr = std::shared_ptr<usi_engine_lease>;

/// The tournament's engine pool; an invalid handle when the spec has no
/// USI players. Engine stderr goes to <folder>/engines/<player>-<slot>.stderr.log
/// (<player>: storage::engine_log_stem, distinct per player).
usi_engines_actor spawn_usi_engines(caf::event_based_actor* tournament, std::string folder,
                                    std::shared_ptr<const spec::tournament_spec> spec);

/// One USI side of one game (linked to the game).
usi_player_actor spawn_usi_player(caf::event_based_actor* game, usi_engines_actor engines,
                                  std::string player);

/// The player source of a USI player: checks that the command can be run;
/// with a pool, each game's player actor leases its engine from it.
expected<player_source> make_usi_player_source(const spec::player_spec& p,
                                               const usi_engines_actor& engines);

}  // namespace tourney::detail

// Local messages only (never serialised).
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::detail::usi_lease_ptr)
