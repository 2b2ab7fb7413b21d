// A game actor: owns the referee of one game and asks the player actors for
// moves, each request bounded by the referee's deadline, so no move ever
// waits forever. The stop flag is raised when the game ends, which tells a
// player still searching to return.
#include <chrono>

#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/exit_reason.hpp"
#include "caf/sec.hpp"
#include "caf/stateful_actor.hpp"

#include "tourney/detail/exception_reason.hpp"
#include "tourney/detail/hosted_player.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/type_ids.hpp"

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
  self->send(st.parent, atom::done_v, std::move(g));
  for (auto& p : st.players) {
    if (p) {
      self->send_exit(p, caf::exit_reason::user_shutdown);
    }
  }
  self->quit();
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
  self->request(st.players[side], deadline, atom::move_v, std::move(*t))
      .then(
          [self](player_answer& a) {
            auto& st = self->state;
            auto elapsed = steady::now() - st.asked;
            if (a.decision) {
              st.referee->on_decision(*a.decision, elapsed);
            } else {
              st.referee->on_no_decision(rt::no_decision::player_error, a.error);
            }
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
    if (sources[i].blocking) {
      st.players[i] = spawn_player(self, std::move(sources[i]), seeds[i], stop);
    } else {
      st.inline_players[i] = std::make_unique<hosted_player>(std::move(sources[i]), seeds[i], stop);
    }
  }
  // Start after initialisation so a game that is over at once still reports.
  self->send(self, atom::run_v);
  return {
      [self](atom::run) { ask(self); },
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
