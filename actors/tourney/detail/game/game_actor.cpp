// A game actor: owns the referee of one game and asks the players for moves,
// each request bounded by the referee's deadline, so no move ever waits
// forever. The stop flag is raised when the game ends, which tells a player
// still searching to return.
//
// A USI player actor hands the game its engine lease with (lease, pool,
// usi_lease_ptr) before its lease reply. A side with a lease is asked
// through the pool's engine host (answered (move, ply, player_answer)); the
// host enforces the deadline itself, and the game monitors the pool, so a
// pool that ends fails the move as player_gone. While both sides are leased
// engines the referee itself moves to the engine host (play_out), which
// plays the game where the engines' output is read and sends the referee
// back ((run, returned_game)) when the game is over: an engine-vs-engine
// game wakes this actor only to start and to finish. The referee has one
// owner at a time; while it is away this actor only waits for it.
//
// A side played by a batched host policy is asked through the policy's
// batcher (batcher.hpp), which the game joins when it starts. Before the
// game asks anyone else (an engine, a player actor) it tells each batcher
// that still expects a request from it that it now waits on its opponent,
// so no batch waits for a game whose opponent is thinking.
#include <fmt/format.h>

#include <chrono>
#include <stdexcept>

#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/exit_reason.hpp"
#include "caf/sec.hpp"
#include "caf/send.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/system_messages.hpp"
#include "caf/typed_event_based_actor.hpp"
#include "tourney/detail/errors.hpp"
#include "tourney/detail/actors.hpp"
#include "tourney/detail/game/batcher.hpp"
#include "tourney/detail/game/exception_reason.hpp"
#include "tourney/detail/game/hosted_player.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/detail/usi/engine_host.hpp"
#include "tourney/detail/usi/engine_pool.hpp"

namespace tourney::detail {

namespace {

using steady = std::chrono::steady_clock;

struct game_state {
  static inline const char* name = "game";
  /// The referee; empty while the engine host plays the game out.
  std::shared_ptr<rt::game_referee> referee;
  finished_game_meta meta;
  caf::actor parent;
  player_actor players[2];
  /// Players that decide in microseconds are called in place (no actor, no
  /// message per move); the rest are player actors.
  std::unique_ptr<hosted_player> inline_players[2];
  /// Sides played by a batched policy (both the same batcher when a policy
  /// plays itself: then side 0's entry speaks for both in `owes`).
  batcher_actor batchers[2];
  /// Whether that batcher counts on a request from this game (it joined, or
  /// answered, and was not told that the game waits on its opponent).
  bool owes[2] = {false, false};
  /// The side whose move a batcher is asked for (-1: none).
  int batch_pending = -1;
  std::shared_ptr<std::atomic<bool>> stop;
  steady::time_point started;
  std::chrono::system_clock::time_point wall_start;
  /// Actor players that must be ready (an engine started) before the first move.
  bool needs_lease[2] = {false, false};
  int unready = 0;
  /// The engine leases of USI sides, and the pools they came from (monitored).
  usi_lease_ptr lease[2];
  engine_pool_actor lease_pool[2];
  /// The move asked through a lease (0: none), and its pool.
  std::uint64_t pending = 0;
  caf::actor_addr pending_pool;
  std::uint64_t next_request = 1;
  steady::time_point asked;
};

using game_self = game_actor::stateful_pointer<game_state>;

void finish(game_self self) {
  auto& st = self->state;
  st.stop->store(true);
  auto g = st.referee->result();
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
    g.record->end_time =
        st.wall_start +
        std::chrono::duration_cast<std::chrono::system_clock::duration>(steady::now() - st.started);
  }
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
  // Engines hear the result (gameover) and come free before the tournament
  // hears it: the next game's lease then finds them idle.
  for (int i = 0; i < 2; ++i) {
    if (st.lease[i]) {
      if (auto host = st.lease[i]->host.lock()) {
        host->game_over(st.lease[i]->ref, outcome[i]);
      }
    }
  }
  // The parent is a tournament or a worker node (dynamically typed): sent as self.
  caf::send_as(caf::actor_cast<caf::actor>(self), st.parent, atom::done_v, std::move(g));
  for (auto& player : st.players) {
    if (player) {
      self->send_exit(player, caf::exit_reason::user_shutdown);
    }
  }
  self->quit();
}

// Plies played in place before the actor lets other messages (a cancel) in.
constexpr int inline_burst = 64;

void apply(game_state& st, player_answer& a) {
  const auto elapsed = steady::now() - st.asked;
  if (a.decision) {
    st.referee->on_decision(*a.decision, elapsed);
  } else {
    st.referee->on_no_decision(a.why, a.error);
  }
}

// The entry of `owes` that speaks for side i's batcher.
int batcher_entry(const game_state& st, int i) {
  return i == 1 && st.batchers[0] == st.batchers[1] ? 0 : i;
}

// Tells each batcher counting on a request from this game, except the one
// about to be asked, that the game waits on another player.
void tell_waiting(game_self self, int asking_side) {
  auto& st = self->state;
  for (int i = 0; i < 2; ++i) {
    const int e = batcher_entry(st, i);
    if (!st.batchers[i] || !st.owes[e]) {
      continue;
    }
    if (asking_side >= 0 && st.batchers[i] == st.batchers[asking_side]) {
      continue;
    }
    self->send(st.batchers[i], atom::waiting_v);
    st.owes[e] = false;
  }
}

void ask(game_self self);

// Asks the side's batched policy for its move.
void ask_batcher(game_self self, int side, rt::turn t) {
  auto& st = self->state;
  tell_waiting(self, side);
  st.owes[batcher_entry(st, side)] = false;
  batch_ask a;
  a.request.tournament_id = st.meta.tournament_id;
  a.request.game_id = st.meta.game_id;
  a.request.player = side == 0 ? st.meta.black : st.meta.white;
  a.request.side = t.side;
  const auto legal = t.position.legal_moves();
  a.request.legal_moves.assign(legal.begin(), legal.end());
  a.request.start = std::move(t.start);
  a.request.history = std::move(t.history);
  a.request.position = t.position;
  a.request.limits = t.limits;
  a.tournament = st.parent;
  a.deadline = t.deadline;
  // No timeout here: the batcher answers at the deadline itself, and a
  // batcher that ends is noticed by the monitor (down handler).
  st.batch_pending = side;
  self->request(st.batchers[side], caf::infinite, atom::move_v, std::move(a))
      .then(
          [self, side](player_answer& answer) {
            auto& st = self->state;
            if (st.batch_pending != side) {
              return;  // settled already (its batcher went down)
            }
            st.batch_pending = -1;
            st.owes[batcher_entry(st, side)] = true;  // it counts on this game again
            apply(st, answer);
            ask(self);
          },
          [self, side](caf::error& err) {
            auto& st = self->state;
            if (st.batch_pending != side) {
              return;
            }
            st.batch_pending = -1;
            st.referee->on_no_decision(rt::no_decision::player_gone, self->system().render(err));
            ask(self);
          });
}

// One step of the game: plays inline players in place, asks a leased engine
// or hands the game to the engine host, asks a player actor, or finishes.
void ask(game_self self) {
  auto& st = self->state;
  if (!st.referee || st.pending != 0) {
    return;  // away at the engine host, or an engine's answer is awaited
  }
  auto t = st.referee->next_turn();
  for (int burst = 0; t && st.inline_players[static_cast<int>(t->side)]; ++burst) {
    if (burst == inline_burst) {
      self->send(self, atom::run_v);
      return;
    }
    const auto t0 = steady::now();
    auto a = st.inline_players[static_cast<int>(t->side)]->decide(*t);
    const auto elapsed = steady::now() - t0;
    if (a.decision) {
      st.referee->on_decision(*a.decision, elapsed);
    } else {
      st.referee->on_no_decision(rt::no_decision::player_error, a.error);
    }
    t = st.referee->next_turn();
  }
  if (!t) {
    finish(self);
    return;
  }
  const auto side = static_cast<int>(t->side);
  st.asked = steady::now();
  if (st.batchers[side]) {
    ask_batcher(self, side, std::move(*t));
    return;
  }
  tell_waiting(self, -1);  // an engine or a player actor thinks now
  if (st.lease[side]) {
    auto host = st.lease[side]->host.lock();
    if (!host) {
      st.referee->on_no_decision(rt::no_decision::player_gone, "the player's engine pool ended");
      ask(self);
      return;
    }
    const auto& other = st.lease[1 - side];
    if (other && other->host.lock() == host) {
      host->play_out(st.lease[0]->ref, st.lease[1]->ref, std::move(st.referee), std::move(*t),
                     caf::actor_cast<game_actor>(self));
      st.referee = nullptr;
      return;
    }
    st.pending = st.next_request++;
    st.pending_pool = st.lease_pool[side].address();
    host->ask(st.lease[side]->ref, st.pending, std::move(*t), caf::actor_cast<game_actor>(self));
    return;
  }
  const auto deadline = t->deadline;
  self->request(st.players[side], deadline, atom::move_v, std::move(*t))
      .then(
          [self](player_answer& a) {
            apply(self->state, a);
            ask(self);
          },
          [self](caf::error& err) {
            auto& st = self->state;
            if (err == caf::sec::request_timeout) {
              st.referee->on_no_decision(rt::no_decision::timeout, "no answer before the deadline");
            } else {
              st.referee->on_no_decision(rt::no_decision::player_gone, self->system().render(err));
            }
            ask(self);
          });
}

// Each side's player: a batcher to join, a player actor (blocking players,
// USI engines) or a player called inline.
void set_up_players(game_self self, player_source black, player_source white) {
  auto& st = self->state;
  const std::uint64_t seeds[2] = {st.meta.seed, st.meta.seed ^ 0x5bd1e995ULL};
  player_source sources[2] = {std::move(black), std::move(white)};
  for (int i = 0; i < 2; ++i) {
    st.needs_lease[i] = static_cast<bool>(sources[i].spawn_actor);
  }
  // A game whose engine is still starting does not join yet (a batch would
  // wait for it): it joins with its first request.
  const bool starts_at_once = !st.needs_lease[0] && !st.needs_lease[1];
  for (int i = 0; i < 2; ++i) {
    if (sources[i].batcher) {
      st.batchers[i] = caf::actor_cast<batcher_actor>(sources[i].batcher);
      if (batcher_entry(st, i) == i) {
        self->monitor(st.batchers[i]);
        if (starts_at_once) {
          self->send(st.batchers[i], atom::join_v);
          st.owes[i] = true;
        }
      }
    } else if (sources[i].blocking || st.needs_lease[i]) {
      st.players[i] = spawn_player(self, std::move(sources[i]), seeds[i], st.stop);
    } else {
      st.inline_players[i] = std::make_unique<hosted_player>(std::move(sources[i]), seeds[i], st.stop);
    }
  }
}

// Asks every USI side for its engine; the game starts once all are ready.
void lease_engines(game_self self) {
  auto& st = self->state;
  // An engine's start-up is not charged to its first move: the game starts
  // once every actor player says it is ready (its own budgets bound that).
  for (int i = 0; i < 2; ++i) {
    if (!st.needs_lease[i]) {
      continue;
    }
    ++st.unready;
    // A player that cannot be made ready fails the game for no one: the side
    // to move is not to blame (issue: a dead white engine scored white_win).
    auto not_ready = [self, i](const std::string& why) {
      auto& st = self->state;
      const auto& name = i == 0 ? st.meta.black : st.meta.white;
      st.referee->on_start_failure(
          fmt::format("{} player '{}' could not start: {}", i == 0 ? "black" : "white", name, why));
    };
    self->request(caf::actor_cast<usi_player_actor>(st.players[i]), caf::infinite, atom::lease_v)
        .then(
            [self]() {
              if (--self->state.unready == 0) {
                ask(self);
              }
            },
            [self, not_ready](caf::error& err) {
              not_ready(error_text(self->system(), err));
              if (--self->state.unready == 0) {
                ask(self);
              }
            });
  }
}

// A lease's engine pool, or a batcher, that ends while the game waits on it.
void on_down(game_self self, caf::down_msg& dm) {
  auto& st = self->state;
  for (int i = 0; i < 2; ++i) {
    if (st.lease_pool[i] && st.lease_pool[i].address() == dm.source) {
      st.lease_pool[i] = nullptr;
      st.lease[i] = nullptr;  // its player actor answers from now on
    }
  }
  // A batcher that ends with this game's request unanswered.
  if (st.batch_pending >= 0 && st.batchers[st.batch_pending].address() == dm.source) {
    st.batch_pending = -1;
    st.referee->on_no_decision(
        rt::no_decision::player_gone,
        "the batched policy's batcher ended: " + self->system().render(dm.reason));
    ask(self);
    return;
  }
  // A game away at the host comes back from it (given back as the host ends).
  if (st.pending != 0 && st.pending_pool == dm.source) {
    st.pending = 0;
    st.referee->on_no_decision(
        rt::no_decision::player_gone,
        "the player's engine pool ended: " + self->system().render(dm.reason));
    ask(self);
  }
}

game_actor::behavior_type game_behavior(game_self self, caf::actor parent,
                                        std::shared_ptr<rt::game_referee> referee,
                                        finished_game_meta meta, player_source black,
                                        player_source white,
                                        std::shared_ptr<std::atomic<bool>> stop) {
  self->set_exception_handler(exception_reason);
  auto& st = self->state;
  st.parent = std::move(parent);
  st.referee = std::move(referee);
  st.meta = std::move(meta);
  st.stop = stop;
  st.started = steady::now();
  st.wall_start = std::chrono::system_clock::now();
  set_up_players(self, std::move(black), std::move(white));
  lease_engines(self);
  // Start after initialisation so a game that is over at once still reports.
  if (st.unready == 0) {
    self->send(self, atom::run_v);
  }
  self->set_down_handler([self](caf::down_msg& dm) { on_down(self, dm); });
  return {
      [self](atom::run) { ask(self); },
      // The engine host gives the game back.
      [self](atom::run, returned_game& g) {
        auto& st = self->state;
        if (st.referee || !g.referee) {
          return;  // not ours to take (cannot happen: one hand-over at a time)
        }
        st.referee = std::move(g.referee);
        if (!g.failure.empty()) {
          throw std::runtime_error(
              g.failure);  // the referee threw on the engine thread: same as here
        }
        if (!g.why.empty() && st.referee->next_turn()) {
          st.referee->on_no_decision(rt::no_decision::player_gone, g.why);
        }
        ask(self);
      },
      // A leased engine's answer.
      [self](atom::move, std::uint64_t ply, player_answer& a) {
        auto& st = self->state;
        if (ply == 0 || st.pending != ply) {
          return;  // settled already (its pool went down)
        }
        st.pending = 0;
        apply(st, a);
        ask(self);
      },
      [self](atom::lease, engine_pool_actor& pool, usi_lease_ptr& lease) {
        auto& st = self->state;
        for (int i = 0; i < 2; ++i) {
          if (pool && lease && st.players[i] &&
              self->current_sender() == caf::actor_cast<caf::strong_actor_ptr>(st.players[i])) {
            if (pool != st.lease_pool[0] && pool != st.lease_pool[1]) {
              self->monitor(pool);
            }
            st.lease_pool[i] = std::move(pool);
            st.lease[i] = std::move(lease);
            return;
          }
        }
      },
  };
}

}  // namespace

game_actor spawn_game(caf::local_actor* parent, std::shared_ptr<rt::game_referee> referee,
                      finished_game_meta meta, player_source black, player_source white,
                      std::shared_ptr<std::atomic<bool>> stop) {
  return parent->spawn<caf::linked>(game_behavior, caf::actor_cast<caf::actor>(parent),
                                    std::move(referee), std::move(meta), std::move(black),
                                    std::move(white), std::move(stop));
}

}  // namespace tourney::detail
