#pragma once
// USI engines as tournament players.
//
// A tournament with USI players owns one engine pool actor (spawn_engine_pool).
// The pool's engines, their sessions and the games handed to them belong to
// one owner, the pool's engine host (usi_engine_host.hpp): a usi::engine_pool
// on the engine reactor's thread, which reads every engine's output with
// epoll. Other threads reach it only by message (engine_host's calls post to
// the reactor's inbox). Each game gets, per USI side, a small player actor
// (spawn_usi_player) that leases an engine through the pool actor: an idle
// engine of that player (usinewgame + isready) or a new one (one process per
// player per game in flight, reused across games, replaced after a fault,
// never more per player than the games that can run at once).
//
// Per ply no message goes through the pool actor. A game with one engine
// side asks it through the lease (engine_host::ask: a message to the engine
// thread, answered (move, ply, player_answer)). A game whose both sides are
// engines hands its referee over (engine_host::play_out): the engine thread
// plays each bestmove into it and sends the other engine its position and go
// at once, and gives the referee back ((run, returned_game)) when the game is
// over: an engine-vs-engine ply wakes no scheduler thread, and the referee
// has one owner at a time.
//
// Protocol (all local messages):
//   usi player:  (lease) -> string                "" once the engine is ready, else why not;
//                                                 before a "" it sends the game
//                                                 (lease, actor pool, usi_lease_ptr)
//                (move, turn) -> player_answer    player_gone (moves go through the lease)
//   pool:        (lease, string player) -> (uint64 engine, string error, usi_lease_ptr)
//   host -> pool: (lease, request, engine, lease number, string error), (fault, string),
//                (done) once every engine is gone after a shutdown
//   host -> game: (move, ply, player_answer), (run, returned_game)
//   pool -> tournament: (fault, string) when an engine cannot start (the
//                tournament fails with that message).
// The pool monitors its tournament and stops every engine when it ends (quit,
// then SIGTERM and SIGKILL past the profile's quit_timeout and a grace: it
// keeps itself alive until the last engine is gone, so the actor system's
// shutdown waits for that, a bounded time); it monitors each usi player and
// takes the engine back when its game ends (cancelled games: the search is
// stopped and the engine reused).
#include <cstdint>
#include <memory>
#include <string>

#include "caf/actor.hpp"
#include "caf/allowed_unsafe_message_type.hpp"
#include "caf/fwd.hpp"

#include "tourney/detail/game/game_handles.hpp"
#include "tourney/detail/messages.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/usi/engine_pool.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::detail {

/// The tournament's engine pool; an invalid handle when the spec has no USI
/// players. `games_at_once`: the most games the tournament (or worker) runs
/// at once, which bounds the engines per player. Engine stderr goes to
/// <folder>/engines/<player>-<slot>.stderr.log (<player>:
/// storage::engine_log_stem, distinct per player).
engine_pool_actor spawn_engine_pool(caf::local_actor* tournament, std::string folder,
                                    std::shared_ptr<const spec::tournament_spec> spec,
                                    std::size_t games_at_once);

/// One USI side of one game (linked to the game).
usi_player_actor spawn_usi_player(caf::local_actor* game, engine_pool_actor engines,
                                  std::string player);

/// The player source of a USI player: checks that the command can be run;
/// with a pool, each game's player actor leases its engine from it.
expected<player_source> make_usi_player_source(const spec::player_spec& p,
                                               const engine_pool_actor& engines);

}  // namespace tourney::detail
