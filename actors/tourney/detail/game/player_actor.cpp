// A player actor: wraps one in-process player for one game on its own thread
// (detached), so a blocking or slow decide() never holds a scheduler thread.
// Other kinds of players (USI engines, remote nodes) answer the same
// (move, turn) -> player_answer request.
#include "caf/stateful_actor.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/typed_event_based_actor.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/game/hosted_player.hpp"
#include "tourney/detail/type_ids.hpp"

namespace tourney::detail {

namespace {

struct player_state {
  static inline const char* name = "player";
  std::unique_ptr<hosted_player> player;
};

player_actor::behavior_type player_behavior(player_actor::stateful_pointer<player_state> self, player_source source,
                                            std::uint64_t seed, std::shared_ptr<std::atomic<bool>> stop) {
  self->state.player = std::make_unique<hosted_player>(std::move(source), seed, std::move(stop));
  return {
      [self](atom::move, const rt::turn& t) -> player_answer { return self->state.player->decide(t); },
  };
}

}  // namespace

player_actor spawn_player(caf::local_actor* game, player_source source, std::uint64_t game_seed,
                          std::shared_ptr<std::atomic<bool>> stop) {
  if (source.spawn_actor) {  // an actor-backed kind (USI engines)
    return caf::actor_cast<player_actor>(source.spawn_actor(game));
  }
  if (source.blocking) {
    return game->spawn<caf::linked + caf::detached>(player_behavior, std::move(source), game_seed,
                                                     std::move(stop));
  }
  return game->spawn<caf::linked>(player_behavior, std::move(source), game_seed, std::move(stop));
}

}  // namespace tourney::detail
