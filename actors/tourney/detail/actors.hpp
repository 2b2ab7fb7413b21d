#pragma once
// Typed handles and spawn functions of the runtime's actors (one actor per
// .cpp): a message that no one handles fails the build, not a run. Replies
// that can fail carry a caf::error (errors.hpp), never a text.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "caf/actor.hpp"
#include "caf/fwd.hpp"
#include "caf/replies_to.hpp"
#include "caf/typed_actor.hpp"

#include "tourney/detail/game/game_handles.hpp"
#include "tourney/detail/messages.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/results/live_report_policy.hpp"

namespace tourney::detail {

using snapshots = std::vector<rt::progress_snapshot>;

/// Fans events out to subscriber queues (never blocks on a subscriber).
using progress_hub_actor =
    caf::typed_actor<caf::replies_to<atom::subscribe, std::uint64_t, std::shared_ptr<rt::event_queue>>::with<bool>,
                     caf::replies_to<atom::unsubscribe, std::uint64_t>::with<bool>,
                     caf::reacts_to<atom::event, rt::tournament_event>>;

/// All file I/O of results folders. Each request is answered once done (an
/// append once its line is durable), or with errc::storage_failed.
///   open: id, folder, resuming, the folder's lock (resume), checkpoint
///         tournament.json (written first when not empty)
///   append: id, journal line, the game's record (null: a remote game's)
///   finalize: id, folder, tournament.json, completed
/// flush, run and report are its own steps (group commit and games.csa, one
/// game's record files when asked for, a live report.html rewrite).
using persistence_actor = caf::typed_actor<
    caf::replies_to<atom::open, std::string, std::string, bool, std::shared_ptr<storage::folder_lock>,
                    std::string>::with<void>,
    caf::replies_to<atom::append, std::string, std::string, std::shared_ptr<const record::game_record>>::with<void>,
    caf::replies_to<atom::finalize, std::string, std::string, std::string, bool>::with<void>,
    caf::reacts_to<atom::flush>, caf::reacts_to<atom::run>, caf::reacts_to<atom::report, std::string, bool>>;

/// One running tournament, spawned and monitored by the supervisor.
///   from the supervisor: a game's slot granted (index, site, the worker
///     node's actor for a remote site), a remote game lost (index, site, why),
///     slots anywhere changed, why no slot is free, a fault that fails it
///   from its games: (done, finished_game); from a batched policy's batcher:
///     (policy, name, positions of this tournament, batch, seconds)
///   control from the host, through the supervisor
using tournament_actor = caf::typed_actor<
    caf::reacts_to<atom::grant, std::uint64_t, std::string, caf::actor>,
    caf::reacts_to<atom::lost, std::uint64_t, std::string, std::string>, caf::reacts_to<atom::slot, std::uint64_t>,
    caf::reacts_to<atom::waiting, std::string>, caf::reacts_to<atom::fault, std::string>,
    caf::reacts_to<atom::done, rt::finished_game>,
    caf::reacts_to<atom::policy, std::string, std::uint64_t, std::uint64_t, double>,
    caf::replies_to<atom::pause>::with<control_result>, caf::replies_to<atom::resume>::with<control_result>,
    caf::replies_to<atom::cancel>::with<control_result>>;

/// The run queue, game slots, registry and history.
///   from the host: start (the id, or errc::shut_down / invalid_tournament),
///     pause/resume/cancel, progress (empty: unknown id), active, all, wait
///     (the final snapshot once terminal; empty: unknown id), a host policy
///     registered, shutdown (replied once nothing runs)
///   from tournaments: events, slot requests (id, game, shared limit keys,
///     light), releases, withdrawals; a site to suspect
///   from worker links: a worker up (address, node, slots) or down (address, why)
///   its own timers: the slot-wait check and a worker's reinstatement
using supervisor_actor = caf::typed_actor<
    caf::replies_to<atom::start, start_order>::with<std::string>,
    caf::replies_to<atom::pause, std::string>::with<control_result>,
    caf::replies_to<atom::resume, std::string>::with<control_result>,
    caf::replies_to<atom::cancel, std::string>::with<control_result>,
    caf::replies_to<atom::progress, std::string>::with<snapshots>, caf::replies_to<atom::active>::with<snapshots>,
    caf::replies_to<atom::all>::with<snapshots>, caf::replies_to<atom::wait, std::string>::with<snapshots>,
    caf::replies_to<atom::policy, std::string, host_policy>::with<bool>,
    caf::replies_to<atom::shutdown, bool>::with<bool>, caf::reacts_to<atom::event, rt::tournament_event>,
    caf::reacts_to<atom::slot, std::string, std::uint64_t, std::vector<std::string>, bool>,
    caf::reacts_to<atom::release, std::string, std::uint64_t>, caf::reacts_to<atom::withdraw, std::string>,
    caf::reacts_to<atom::suspect, std::string>,
    caf::reacts_to<atom::worker_up, std::string, caf::actor, std::uint32_t>,
    caf::reacts_to<atom::worker_dn, std::string, std::string>,
    caf::reacts_to<atom::reinstate, std::string, std::uint64_t>, caf::reacts_to<atom::wait_check, std::uint64_t>>;

progress_hub_actor spawn_progress_hub(caf::actor_system& sys);

/// On its own thread unless `detached` is false (tests). `game_files`: each
/// game's .csa and .kifu files too (besides games.csa). With `live_report`
/// enabled it also keeps <folder>/report.html (results/live_report.hpp).
persistence_actor spawn_persistence(caf::actor_system& sys, bool detached, bool game_files = false,
                                    results::live_report_options live_report = {});

supervisor_actor spawn_supervisor(caf::actor_system& sys, std::shared_ptr<const runtime_settings> settings,
                                  progress_hub_actor hub, persistence_actor persistence);

tournament_actor spawn_tournament(supervisor_actor::pointer supervisor_self, tournament_order order,
                                  supervisor_actor supervisor, persistence_actor persistence,
                                  std::shared_ptr<const runtime_settings> settings);

/// One game: owns the referee, asks the two player actors for moves, each
/// with the referee's deadline; reports (done, finished_game) to `parent`.
/// Spawned linked to `parent` (a crash becomes that game's error result).
game_actor spawn_game(caf::local_actor* parent, std::shared_ptr<rt::game_referee> referee,
                      finished_game_meta meta, player_source black, player_source white,
                      std::shared_ptr<std::atomic<bool>> stop);

/// One player of one game. (move, turn) -> player_answer. A blocking player
/// runs on its own thread; the stop flag is the player's move_request.stop.
/// Spawned linked to its game.
player_actor spawn_player(caf::local_actor* game, player_source source, std::uint64_t game_seed,
                          std::shared_ptr<std::atomic<bool>> stop);

}  // namespace tourney::detail
