#pragma once
// Message payloads exchanged between the runtime's actors. They travel only
// inside one process (they share specs and player factories by pointer), so
// they are registered as local-only types; remote game workers define their
// own serialisable messages.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "caf/actor.hpp"
#include "caf/fwd.hpp"

#include "tourney/batched_policy.hpp"
#include "tourney/detail/coordinator/runtime_settings.hpp"
#include "tourney/control_result.hpp"
#include "tourney/players/player.hpp"
#include "tourney/policy_options.hpp"
#include "tourney/runtime/event_queue.hpp"
#include "tourney/runtime/finished_game.hpp"
#include "tourney/runtime/game_referee.hpp"
#include "tourney/runtime/player_answer.hpp"
#include "tourney/runtime/progress.hpp"
#include "tourney/schedule/openings.hpp"
#include "tourney/schedule/schedule.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/storage/folder_lock.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::detail {

/// A host policy asked one position at a time (register_policy).
struct per_position_policy {
  policy_factory make;
  policy_options options;
};

/// A batched host policy (register_batched_policy): its games ask its
/// batcher, a batcher_actor (batcher.hpp; this header cannot name it).
struct batched_policy_ref {
  caf::actor batcher;
  batched_policy_options options;
};

/// A host's own policy, registered under a name (player_spec kind host).
using host_policy = std::variant<per_position_policy, batched_policy_ref>;

using host_policies = std::map<std::string, host_policy>;

/// How a player actor gets its player: built per game, off the tournament.
struct player_source {
  std::string name;
  std::function<expected<std::unique_ptr<players::player>>()> make;
  /// decide() may block: give the player actor its own thread.
  bool blocking = true;
  /// An actor-backed kind (USI engines): spawns the game's player actor
  /// instead of wrapping make(). It answers (lease) -> string ("" once ready,
  /// else why not) before the game's first move, having first sent the game
  /// (lease, pool, usi_lease_ptr): the game then asks the engine through that
  /// lease (usi/engine_pool.hpp), not through the player actor. The handle is
  /// a usi_player_actor (game/game_handles.hpp; this header cannot name it).
  std::function<caf::actor(caf::local_actor* game)> spawn_actor;
  /// A batched host policy: the game asks this batcher_actor (batcher.hpp)
  /// instead of a player.
  caf::actor batcher;
};

/// What a game actor knows about its game besides the referee.
struct finished_game_meta {
  std::string tournament_id;
  std::string game_id;
  std::uint64_t index = 0;
  int round = 0;
  std::string black;
  std::string white;
  std::uint64_t seed = 0;
};

/// The meta of scheduled game `a` of a tournament, here or on a worker.
inline finished_game_meta game_meta_for(const spec::tournament_spec& spec, const schedule::game_assignment& a,
                                        std::string tournament_id, std::string game_id) {
  finished_game_meta meta;
  meta.tournament_id = std::move(tournament_id);
  meta.game_id = std::move(game_id);
  meta.index = a.index;
  meta.round = a.round;
  meta.black = spec.players[a.black].name;
  meta.white = spec.players[a.white].name;
  meta.seed = a.seed;
  return meta;
}

/// A player actor's answer: a decision, or why there is none.
using player_answer = rt::player_answer;

/// Everything a tournament needs to run, fixed when it starts.
struct tournament_order {
  std::string id;
  std::string name;
  std::string folder;  // absolute path of the tournament's folder
  int priority = 0;
  std::shared_ptr<const spec::tournament_spec> spec;
  /// Loaded by the host's start() call (file I/O stays off the actors).
  std::shared_ptr<const std::vector<schedule::opening>> openings;
  std::shared_ptr<const host_policies> policies;
  /// Resume (durable): the folder exists and games.jsonl is appended to; the
  /// games already in it are counted at once and never played again.
  bool resuming = false;
  /// Resume: the folder's lock, taken before its journal was read; it moves
  /// on to the persistence actor, which holds it while the folder is written.
  std::shared_ptr<storage::folder_lock> lock;
  std::shared_ptr<const std::vector<rt::finished_game>> finished;
  /// Game slots anywhere (here and on connected workers) when it starts; the
  /// supervisor sends (slot, uint64 slots) when that changes. A tournament
  /// keeps at most that many games requested or running.
  std::size_t slots = 1;
};

/// What start() hands the supervisor.
struct start_order {
  std::shared_ptr<const spec::tournament_spec> spec;
  std::shared_ptr<const std::vector<schedule::opening>> openings;
  std::string name;
  int priority = 0;
  /// Resume (durable): the saved tournament's id and folder, and its games
  /// already in the journal; empty id = a new tournament.
  std::string resume_id;
  std::string resume_folder;
  std::shared_ptr<storage::folder_lock> lock;  // resume: see tournament_order
  std::shared_ptr<const std::vector<rt::finished_game>> finished;
};

}  // namespace tourney::detail
