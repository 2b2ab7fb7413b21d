// One USI side of one game: leases an engine from the tournament's pool
// before the first move. The pool monitors it, so a game that is cancelled
// or crashes gives its engine back by ending. Moves and the result do not
// pass through it: with the lease it hands the game (lease, pool,
// usi_lease_ptr), through which the game reaches the pool's engine host
// (see usi/engine_pool.hpp). Asked (move, turn) itself (the pool is gone), it
// answers player_gone.
#include <filesystem>

#include <fmt/format.h>

#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/typed_event_based_actor.hpp"
#include "caf/response_promise.hpp"
#include "caf/stateful_actor.hpp"

#include "tourney/detail/errors.hpp"
#include "tourney/detail/actors.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/detail/usi/engine_pool.hpp"
#include "tourney/usi/child_process.hpp"

namespace tourney::detail {

namespace {

struct usi_player_state {
  static inline const char* name = "usi_player";
  engine_pool_actor engines;
  std::string player;
};

using usi_player_self = usi_player_actor::stateful_pointer<usi_player_state>;

usi_player_actor::behavior_type usi_player_behavior(usi_player_self self, engine_pool_actor engines,
                                                    std::string player) {
  self->state.engines = std::move(engines);
  self->state.player = std::move(player);
  return {
      [self](atom::lease) -> caf::result<void> {
        // Before make_response_promise, which takes the sender out of the message.
        auto game = caf::actor_cast<game_actor>(self->current_sender());
        auto rp = self->make_response_promise();
        self->request(self->state.engines, caf::infinite, atom::lease_v, self->state.player)
            .then(
                [self, rp, game](std::uint64_t, usi_lease_ptr& lease) mutable {
                  if (game && lease) {
                    // Before the reply (same sender, same mailbox: in order).
                    self->send(game, atom::lease_v, self->state.engines, std::move(lease));
                  }
                  rp.deliver(caf::unit);
                },
                [self, rp](caf::error& err) mutable {
                  rp.deliver(is(err, errc::engine_unavailable)
                                 ? err
                                 : make_error(errc::engine_unavailable,
                                              fmt::format("engine '{}': {}", self->state.player,
                                                          self->system().render(err))));
                });
        return rp;
      },
      [self](atom::move, rt::turn&) -> player_answer {
        return player_answer{std::nullopt, fmt::format("engine '{}' is not available", self->state.player),
                             rt::no_decision::player_gone};
      },
  };
}

}  // namespace

usi_player_actor spawn_usi_player(caf::local_actor* game, engine_pool_actor engines,
                                  std::string player) {
  return game->spawn<caf::linked>(usi_player_behavior, std::move(engines), std::move(player));
}

expected<player_source> make_usi_player_source(const spec::player_spec& p,
                                               const engine_pool_actor& engines) {
  const auto* usi = p.as_usi();
  if (usi == nullptr) {
    return fail(fmt::format("player '{}': not a USI engine", p.name));
  }
  const auto& engine = usi->engine;
  if (engine.command.empty()) {
    return fail(fmt::format("player '{}': the USI engine has no command", p.name));
  }
  if (engine.working_dir.empty() || std::filesystem::is_directory(engine.working_dir)) {
    // Commands are resolved like the spawn will (PATH, then /usr/games).
    if (auto found = usi::resolve_command(engine.command); !found) {
      return fail(fmt::format("player '{}': {}", p.name, found.error().message));
    }
  }
  player_source src;
  src.name = p.name;
  src.blocking = true;
  src.make = [name = p.name]() -> expected<std::unique_ptr<players::player>> {
    return fail(fmt::format("player '{}' is a USI engine: it plays through its engine actor", name));
  };
  if (engines) {
    src.spawn_actor = [engines, name = p.name](caf::local_actor* game) {
      return caf::actor_cast<caf::actor>(spawn_usi_player(game, engines, name));
    };
  }
  return src;
}

}  // namespace tourney::detail
