// A game actor: owns the referee of one game and asks the player actors for
// moves, each request bounded by the referee's deadline, so no move ever
// waits forever. The stop flag is raised when the game ends, which tells a
// player still searching to return.
//
// A USI player actor hands the game its engine lease with (lease, pool,
// usi_lease_ptr) before its lease reply. The game then asks the engine
// through the lease on its own thread and takes the answer (move, ply,
// player_answer) from anyone (the engine pool's reactor thread sends it),
// without a request timeout: the pool enforces the deadline itself (a
// timeout fault at the deadline, from the engine reactor's epoll timeout),
// and the game monitors the pool, so a pool that ends fails the move as
// player_gone. This saves per ply two actor hops and the actor clock's set
// + cancel, each a wake-up of another thread.
#include <chrono>

#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/exit_reason.hpp"
#include "caf/sec.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/system_messages.hpp"

#include "tourney/detail/exception_reason.hpp"
#include "tourney/detail/hosted_player.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/detail/usi_engines.hpp"

namespace tourney::detail {

namespace {

using steady = std::chrono::steady_clock;

struct game_state {
  static inline const char* name = "game";
  std::shared_ptr<rt::game_referee> referee;
  finished_game_meta meta;
  caf::actor parent;
  caf::actor players[2];
  /// Players that decide in microseconds are called in place (no actor, no
  /// message per move); the rest are player actors.
  std::unique_ptr<hosted_player> inline_players[2];
  std::shared_ptr<std::atomic<bool>> stop;
  steady::time_point started;
  std::chrono::system_clock::time_point wall_start;
  steady::time_point asked;
  /// Actor players that must be ready (an engine started) before the first move.
  bool leased[2] = {false, false};
  int unready = 0;
  /// How a side's moves are asked instead of through its player actor
  /// (see above), and the pool that answers them.
  usi_lease_ptr lease[2];
  caf::actor lease_pool[2];
  /// The move asked through a lease (0: none): its answer or the pool's
  /// down message settles it, whichever comes first.
  std::uint64_t pending = 0;
  std::uint64_t next_request = 1;
  caf::actor_addr pending_pool;
};

using game_self = caf::stateful_actor<game_state>;

void finish(game_self* self) {
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
    g.record->end_time = st.wall_start + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                             steady::now() - st.started);
  }
  // Actor players hear the result first (a USI engine gets gameover).
  const char* outcome[2] = {"", ""};
  if (g.result == rt::game_result::black_win) {
    outcome[0] = "win";
    outcome[1] = "lose";
  } else if (g.result == rt::game_result::white_win) {
    outcome[0] = "lose";
    outcome[1] = "win";
  } else if (g.result == rt::game_result::draw) {
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

void on_answer(game_self* self, player_answer& a) {
  auto& st = self->state;
  auto elapsed = steady::now() - st.asked;
  if (a.decision) {
    st.referee->on_decision(*a.decision, elapsed);
  } else {
    st.referee->on_no_decision(a.why, a.error);
  }
}

void ask(game_self* self);

void ask_lease(game_self* self, int side, const rt::turn& t) {
  auto& st = self->state;
  const auto ply = st.next_request++;
  st.pending = ply;
  st.pending_pool = st.lease_pool[side].address();
  if (auto now = st.lease[side]->ask(caf::actor_cast<caf::actor>(self), ply, t)) {
    st.pending = 0;
    on_answer(self, *now);
    ask(self);
  }
}

// Plies played in place before the actor lets other messages (a cancel) in.
constexpr int inline_burst = 64;

void ask(game_self* self) {
  auto& st = self->state;
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
  const auto deadline = t->deadline;
  st.asked = steady::now();
  if (st.lease[side]) {
    ask_lease(self, side, *t);
    return;
  }
  self->request(st.players[side], deadline, atom::move_v, std::move(*t))
      .then(
          [self](player_answer& a) {
            on_answer(self, a);
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

caf::behavior game_behavior(game_self* self, caf::actor parent, std::shared_ptr<rt::game_referee> referee,
                            finished_game_meta meta, player_source black, player_source white,
                            std::shared_ptr<std::atomic<bool>> stop) {
  self->set_exception_handler(exception_reason);
  auto& st = self->state;
  st.parent = std::move(parent);
  st.referee = std::move(referee);
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
    self->request(st.players[i], caf::infinite, atom::lease_v)
        .then(
            [self](std::string& error) {
              auto& st = self->state;
              if (!error.empty()) {
                // Not ready: the game cannot be played (the tournament hears why).
                st.referee->on_no_decision(rt::no_decision::player_error, error);
              }
              if (--st.unready == 0) {
                ask(self);
              }
            },
            [self](caf::error& err) {
              auto& st = self->state;
              st.referee->on_no_decision(rt::no_decision::player_gone, self->system().render(err));
              if (--st.unready == 0) {
                ask(self);
              }
            });
  }
  // Start after initialisation so a game that is over at once still reports.
  if (st.unready == 0) {
    self->send(self, atom::run_v);
  }
  self->set_down_handler([self](caf::down_msg& dm) {
    auto& st = self->state;
    for (int i = 0; i < 2; ++i) {
      if (st.lease_pool[i] && st.lease_pool[i].address() == dm.source) {
        st.lease_pool[i] = nullptr;
        st.lease[i] = nullptr;  // its player actor answers from now on
      }
    }
    if (st.pending != 0 && dm.source == st.pending_pool) {
      st.pending = 0;
      st.referee->on_no_decision(rt::no_decision::player_gone,
                                 "the player's engine pool ended: " + self->system().render(dm.reason));
      ask(self);
    }
  });
  return {
      [self](atom::run) { ask(self); },
      [self](atom::move, std::uint64_t ply, player_answer& a) {
        auto& st = self->state;
        if (ply == 0 || st.pending != ply) {
          return;  // settled already (its pool went down)
        }
        st.pending = 0;
        on_answer(self, a);
        ask(self);
      },
      [self](atom::lease, caf::actor& pool, usi_lease_ptr& lease) {
        auto& st = self->state;
        for (int i = 0; i < 2; ++i) {
          if (pool && lease && st.players[i] &&
              caf::actor_cast<caf::actor>(self->current_sender()) == st.players[i]) {
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

game_actor spawn_game(caf::event_based_actor* parent, std::shared_ptr<rt::game_referee> referee,
                      finished_game_meta meta, player_source black, player_source white,
                      std::shared_ptr<std::atomic<bool>> stop) {
  return parent->spawn<caf::linked>(game_behavior, caf::actor_cast<caf::actor>(parent), std::move(referee),
                                    std::move(meta), std::move(black), std::move(white), std::move(stop));
}

}  // namespace tourney::detail
