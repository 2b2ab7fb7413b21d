// A game actor: owns the referee of one game and asks the player actors for
// moves, each request bounded by the referee's deadline, so no move ever
// waits forever. The stop flag is raised when the game ends, which tells a
// player still searching to return.
//
// A USI player actor hands the game its engine lease with (lease, pool,
// usi_lease_ptr) before its lease reply. Moves of that side are then asked
// through the lease, and answered to the game's driver (game_driver.hpp) on
// the engine reactor's thread, which plays them and asks the next leased
// engine there: an engine-vs-engine game wakes this actor only to start and
// to finish. No request timeout either: the pool enforces the deadline
// itself (a timeout fault at the deadline, from the engine reactor's epoll
// timeout), and the game monitors the pool, so a pool that ends fails the
// move as player_gone. The referee is touched only under the driver's lock.
#include <chrono>

#include <fmt/format.h>

#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/exit_reason.hpp"
#include "caf/sec.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/system_messages.hpp"

#include "tourney/detail/exception_reason.hpp"
#include "tourney/detail/game_driver.hpp"
#include "tourney/detail/hosted_player.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/detail/usi_engines.hpp"

namespace tourney::detail {

namespace {

using steady = std::chrono::steady_clock;

struct game_state {
  static inline const char* name = "game";
  /// The referee and the leased sides (shared with the engines' thread).
  std::shared_ptr<game_driver> driver;
  finished_game_meta meta;
  caf::actor parent;
  caf::actor players[2];
  /// Players that decide in microseconds are called in place (no actor, no
  /// message per move); the rest are player actors.
  std::unique_ptr<hosted_player> inline_players[2];
  std::shared_ptr<std::atomic<bool>> stop;
  steady::time_point started;
  std::chrono::system_clock::time_point wall_start;
  /// Actor players that must be ready (an engine started) before the first move.
  bool leased[2] = {false, false};
  int unready = 0;

  ~game_state() {
    if (driver) {
      auto lock = driver->hold();
      driver->end();  // late engine answers are dropped
    }
  }
};

using game_self = caf::stateful_actor<game_state>;

// Under the driver's lock.
void finish(game_self* self) {
  auto& st = self->state;
  st.driver->end();
  st.stop->store(true);
  auto g = st.driver->referee().result();
  g.game_id = st.meta.game_id;
  g.index = st.meta.index;
  g.round = st.meta.round;
  g.black = st.meta.black;
  g.white = st.meta.white;
  g.duration_s = std::chrono::duration<double>(steady::now() - st.started).count();
  if (g.record) {
    g.record->game_id = g.game_id;
    g.record->black = g.black;
    g.record->white = g.white;
    g.record->round = g.round;
    g.record->start_time = st.wall_start;
    g.record->end_time = st.wall_start + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                             steady::now() - st.started);
  }
  // Actor players hear the result first (a USI engine gets gameover).
  const char* outcome[2] = {"", ""};
  if (g.result == game::result::black_win) {
    outcome[0] = "win";
    outcome[1] = "lose";
  } else if (g.result == game::result::white_win) {
    outcome[0] = "lose";
    outcome[1] = "win";
  } else if (g.result == game::result::draw) {
    outcome[0] = outcome[1] = "draw";
  }
  self->send(st.parent, atom::done_v, std::move(g));
  for (int i = 0; i < 2; ++i) {
    if (st.players[i]) {
      if (st.leased[i]) {
        self->send(st.players[i], atom::done_v, std::string(outcome[i]));
      }
      self->send_exit(st.players[i], caf::exit_reason::user_shutdown);
    }
  }
  self->quit();
}

// Plies played in place before the actor lets other messages (a cancel) in.
constexpr int inline_burst = 64;

// One step of the game on the actor, under the driver's lock: plays inline
// players in place, asks a leased engine (the driver goes on from its
// answer) or a player actor, or finishes.
void ask(game_self* self) {
  auto& st = self->state;
  auto& driver = *st.driver;
  auto t = driver.referee().next_turn();
  for (int burst = 0; t && st.inline_players[static_cast<int>(t->side)]; ++burst) {
    if (burst == inline_burst) {
      self->send(self, atom::run_v);
      return;
    }
    const auto t0 = steady::now();
    auto a = st.inline_players[static_cast<int>(t->side)]->decide(*t);
    const auto elapsed = steady::now() - t0;
    if (a.decision) {
      driver.referee().on_decision(*a.decision, elapsed);
    } else {
      driver.referee().on_no_decision(rt::no_decision::player_error, a.error);
    }
    t = driver.referee().next_turn();
  }
  if (!t) {
    finish(self);
    return;
  }
  const auto side = static_cast<int>(t->side);
  const auto deadline = t->deadline;
  driver.mark_asked();
  if (driver.has_lease(side)) {
    if (!driver.ask_lease(caf::actor_cast<caf::actor>(self), side, *t)) {
      ask(self);  // answered at once (the engine is gone)
    }
    return;
  }
  self->request(st.players[side], deadline, atom::move_v, std::move(*t))
      .then(
          [self](player_answer& a) {
            auto lock = self->state.driver->hold();
            self->state.driver->apply(a);
            ask(self);
          },
          [self](caf::error& err) {
            auto& driver = *self->state.driver;
            auto lock = driver.hold();
            if (err == caf::sec::request_timeout) {
              driver.referee().on_no_decision(rt::no_decision::timeout, "no answer before the deadline");
            } else {
              driver.referee().on_no_decision(rt::no_decision::player_gone, self->system().render(err));
            }
            ask(self);
          });
}

// ask() from a handler: takes the driver's lock, unless a leased engine's
// answer is awaited (the driver goes on from it).
void step(game_self* self) {
  auto lock = self->state.driver->hold();
  if (!self->state.driver->waiting()) {
    ask(self);
  }
}

caf::behavior game_behavior(game_self* self, caf::actor parent, std::shared_ptr<rt::game_referee> referee,
                            finished_game_meta meta, player_source black, player_source white,
                            std::shared_ptr<std::atomic<bool>> stop) {
  self->set_exception_handler(exception_reason);
  auto& st = self->state;
  st.parent = std::move(parent);
  st.driver = std::make_shared<game_driver>(caf::actor_cast<caf::actor>(self), std::move(referee));
  st.meta = std::move(meta);
  st.stop = stop;
  st.started = steady::now();
  st.wall_start = std::chrono::system_clock::now();
  const std::uint64_t seeds[2] = {st.meta.seed, st.meta.seed ^ 0x5bd1e995ULL};
  player_source sources[2] = {std::move(black), std::move(white)};
  for (int i = 0; i < 2; ++i) {
    st.leased[i] = static_cast<bool>(sources[i].spawn_actor);
    if (sources[i].blocking || st.leased[i]) {
      st.players[i] = spawn_player(self, std::move(sources[i]), seeds[i], stop);
    } else {
      st.inline_players[i] = std::make_unique<hosted_player>(std::move(sources[i]), seeds[i], stop);
    }
  }
  // An engine's start-up is not charged to its first move: the game starts
  // once every actor player says it is ready (its own budgets bound that).
  for (int i = 0; i < 2; ++i) {
    if (!st.leased[i]) {
      continue;
    }
    ++st.unready;
    // A player that cannot be made ready fails the game for no one: the side
    // to move is not to blame (issue: a dead white engine scored white_win).
    auto not_ready = [self, i](const std::string& why) {
      auto& st = self->state;
      const auto& name = i == 0 ? st.meta.black : st.meta.white;
      auto lock = st.driver->hold();
      st.driver->referee().on_start_failure(
          fmt::format("{} player '{}' could not start: {}", i == 0 ? "black" : "white", name, why));
    };
    self->request(st.players[i], caf::infinite, atom::lease_v)
        .then(
            [self, not_ready](std::string& error) {
              auto& st = self->state;
              if (!error.empty()) {
                not_ready(error);
              }
              if (--st.unready == 0) {
                step(self);
              }
            },
            [self, not_ready](caf::error& err) {
              auto& st = self->state;
              not_ready(self->system().render(err));
              if (--st.unready == 0) {
                step(self);
              }
            });
  }
  // Start after initialisation so a game that is over at once still reports.
  if (st.unready == 0) {
    self->send(self, atom::run_v);
  }
  self->set_down_handler([self](caf::down_msg& dm) {
    auto& driver = *self->state.driver;
    auto lock = driver.hold();
    if (driver.pool_down(dm.source, self->system().render(dm.reason))) {
      ask(self);
    }
  });
  return {
      [self](atom::run) { step(self); },
      // A leased engine's answer that came by message (the pool had events
      // waiting, or the answer was given on this actor's own call).
      [self](atom::move, std::uint64_t ply, player_answer& a) {
        auto& driver = *self->state.driver;
        auto lock = driver.hold();
        if (driver.take(ply, a)) {
          ask(self);
        }
      },
      [self](atom::lease, caf::actor& pool, usi_lease_ptr& lease) {
        auto& st = self->state;
        for (int i = 0; i < 2; ++i) {
          if (pool && lease && st.players[i] &&
              caf::actor_cast<caf::actor>(self->current_sender()) == st.players[i]) {
            auto lock = st.driver->hold();
            if (!st.driver->uses_pool(pool)) {
              self->monitor(pool);
            }
            st.driver->set_lease(i, std::move(pool), std::move(lease));
            return;
          }
        }
      },
  };
}

}  // namespace

game_actor spawn_game(caf::event_based_actor* parent, std::shared_ptr<rt::game_referee> referee,
                      finished_game_meta meta, player_source black, player_source white,
                      std::shared_ptr<std::atomic<bool>> stop) {
  return parent->spawn<caf::linked>(game_behavior, caf::actor_cast<caf::actor>(parent), std::move(referee),
                                    std::move(meta), std::move(black), std::move(white), std::move(stop));
}

}  // namespace tourney::detail
