// A player actor: wraps one in-process player for one game. A blocking
// player (searching, a host's network) runs detached on its own thread so it
// never holds a scheduler thread; trivial built-ins run inline.
#include <exception>

#include "caf/event_based_actor.hpp"
#include "caf/stateful_actor.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/type_ids.hpp"

namespace tourney::detail {

namespace {

struct player_state {
  static inline const char* name = "player";
  player_source source;
  std::uint64_t seed = 0;
  std::shared_ptr<std::atomic<bool>> stop;
  std::unique_ptr<players::player> player;
  std::string broken;  // why the player could not be made

  // Built on the first move: a slow factory runs on the player's thread.
  void ensure_player() {
    if (player || !broken.empty()) {
      return;
    }
    try {
      auto made = source.make();
      if (!made) {
        broken = source.name + ": " + made.error().message;
        return;
      }
      player = std::move(*made);
      player->new_game(seed);
    } catch (const std::exception& e) {
      broken = source.name + ": could not be made: " + e.what();
    } catch (...) {
      broken = source.name + ": could not be made: unknown exception";
    }
  }

  player_answer decide(const rt::turn& t) {
    ensure_player();
    if (!broken.empty()) {
      return {std::nullopt, broken};
    }
    try {
      players::move_request request{t.start, t.history, t.position, t.limits, *stop};
      return {player->decide(request), {}};
    } catch (const std::exception& e) {
      return {std::nullopt, source.name + ": " + e.what()};
    } catch (...) {
      return {std::nullopt, source.name + ": unknown exception"};
    }
  }
};

caf::behavior player_behavior(caf::stateful_actor<player_state>* self, player_source source,
                              std::uint64_t seed, std::shared_ptr<std::atomic<bool>> stop) {
  self->state.source = std::move(source);
  self->state.seed = seed;
  self->state.stop = std::move(stop);
  return {
      [self](atom::move, const rt::turn& t) -> player_answer { return self->state.decide(t); },
  };
}

}  // namespace

player_actor spawn_player(caf::event_based_actor* game, player_source source, std::uint64_t game_seed,
                          std::shared_ptr<std::atomic<bool>> stop) {
  if (source.blocking) {
    return game->spawn<caf::linked + caf::detached>(player_behavior, std::move(source), game_seed,
                                                     std::move(stop));
  }
  return game->spawn<caf::linked>(player_behavior, std::move(source), game_seed, std::move(stop));
}

}  // namespace tourney::detail
