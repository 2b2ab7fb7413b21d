#pragma once
// Handles and spawn functions of the runtime's actors (one actor per .cpp).
// Message protocols are documented at each spawn function.
#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "caf/actor.hpp"
#include "caf/fwd.hpp"

#include "tourney/detail/game/game_handles.hpp"
#include "tourney/detail/messages.hpp"
#include "tourney/results/live_report_policy.hpp"

namespace tourney::detail {

using supervisor_actor = caf::actor;
using tournament_actor = caf::actor;
using persistence_actor = caf::actor;
using progress_hub_actor = caf::actor;

/// Fans events out to subscriber queues (never blocks on a subscriber).
///   (subscribe, uint64 id, shared_ptr<event_queue>) -> bool
///   (unsubscribe, uint64 id) -> bool
///   (event, tournament_event)
progress_hub_actor spawn_progress_hub(caf::actor_system& sys);

/// All file I/O, on its own thread unless `detached` is false (tests).
///   (open, id, folder, bool resuming, checkpoint json) -> string  "" or the error
///                                         (writes tournament.json first if the json is not empty)
///   (append, id, json line, record or null) -> string   replied once the line is durable
///   (finalize, id, folder, json) -> string  flushes, closes, writes tournament.json atomically
/// With `live_report` enabled it also keeps <folder>/report.html (results/live_report.hpp).
persistence_actor spawn_persistence(caf::actor_system& sys, bool detached,
                                    results::live_report_options live_report = {});

/// The run queue, game slots, registry and history.
///   (start, start_order) -> start_reply
///   (pause|resume|cancel, id) -> control_result
///   (progress, id) -> vector<progress_snapshot> (empty: unknown)
///   (active) / (all) -> vector<progress_snapshot>
///   (wait, id) -> vector<progress_snapshot> (the final one, once terminal; empty: unknown)
///   (policy, name, host_policy) -> bool
///   (shutdown, bool immediate) -> bool      replied once nothing runs
supervisor_actor spawn_supervisor(caf::actor_system& sys, std::shared_ptr<const runtime_settings> settings,
                                  progress_hub_actor hub, persistence_actor persistence);

/// One running tournament; monitored by the supervisor.
///   (pause|resume|cancel) -> control_result
///   (grant, uint64 game) from the supervisor
///   (done, finished_game) from a game actor
tournament_actor spawn_tournament(caf::event_based_actor* supervisor_self, tournament_order order,
                                  supervisor_actor supervisor, persistence_actor persistence,
                                  std::shared_ptr<const runtime_settings> settings);

/// One game: owns the referee, asks the two player actors for moves, each
/// with the referee's deadline; reports (done, finished_game) to `parent`.
/// Spawned linked to `parent` (a crash becomes that game's error result).
game_actor spawn_game(caf::event_based_actor* parent, std::shared_ptr<rt::game_referee> referee,
                      finished_game_meta meta, player_source black, player_source white,
                      std::shared_ptr<std::atomic<bool>> stop);

/// One player of one game. (move, turn) -> player_answer. A blocking player
/// runs on its own thread; the stop flag is the player's move_request.stop.
/// Spawned linked to its game.
player_actor spawn_player(caf::local_actor* game, player_source source, std::uint64_t game_seed,
                          std::shared_ptr<std::atomic<bool>> stop);

}  // namespace tourney::detail
