// A tournament actor: plays one tournament's games on game slots granted by
// the supervisor, counts each game once its line is durable, and finishes
// with tournament.json written before its one terminal event.
//
// The policy (what to request, start, stop, count, when to finish) is
// rt::tournament_core's; this actor turns messages into its events and
// carries out the commands it returns: messages to the supervisor and the
// persistence actor, game actors spawned and stopped, games sent to workers.
#include <algorithm>
#include <atomic>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include "caf/typed_event_based_actor.hpp"
#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/exit_reason.hpp"
#include "caf/stateful_actor.hpp"

#include "tourney/detail/game/exception_reason.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/errors.hpp"
#include "tourney/detail/game/player_sources.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/detail/usi/engine_pool.hpp"
#include "tourney/runtime/tournament_core.hpp"
#include "tourney/schedule/schedule.hpp"
#include "tourney/spec/json.hpp"

namespace tourney::detail {

namespace {

/// A game in flight: its actor (local) or the worker link playing it.
struct game_handle {
  caf::actor actor;
  std::shared_ptr<std::atomic<bool>> stop;  // local games only
};

struct tournament_state {
  static inline const char* name = "tournament";
  tournament_order order;
  std::shared_ptr<const runtime_settings> settings;
  supervisor_actor supervisor;
  persistence_actor persistence;
  std::optional<rt::tournament_core> core;
  std::map<std::uint64_t, game_handle> games;
  std::map<caf::actor_addr, std::uint64_t> by_actor;  // local game actors
  /// Each worker site's link, as its latest grant named it.
  std::map<std::string, caf::actor> workers;
  /// The tournament's USI engines (none without USI players).
  engine_pool_actor engine_pool;
  /// The spec as the wire carries it (made once, for the first remote game).
  std::string spec_json;
};

using tournament_self = tournament_actor::stateful_pointer<tournament_state>;

void run(tournament_self self, rt::tournament_commands commands);

rt::wall_clock::time_point now() {
  return rt::wall_clock::now();
}

// Builds a local game; an error = why it cannot be played (an error game).
expected<void> spawn_local_game(tournament_self self, const rt::start_game& c) {
  auto& st = self->state;
  const auto& spec = *st.order.spec;
  const auto& a = c.assignment;
  auto meta = game_meta_for(spec, a, st.order.id, c.game_id);
  if (!st.settings->make_referee) {
    return fail("no referee configured");
  }
  const auto& openings = *st.order.openings;
  const auto& opening = openings[a.opening % openings.size()];
  // A throwing factory is a bug: it takes this tournament down (FAILED).
  auto referee = st.settings->make_referee(rt::game_context{spec, a, opening, meta.game_id});
  if (!referee) {
    return fail(referee.error().message);
  }
  auto black = make_player_source(spec.players[a.black], *st.order.policies, st.engine_pool);
  auto white = make_player_source(spec.players[a.white], *st.order.policies, st.engine_pool);
  if (!black || !white) {
    return fail(!black ? black.error().message : white.error().message);
  }
  auto stop = std::make_shared<std::atomic<bool>>(false);
  auto game = spawn_game(self, std::shared_ptr<rt::game_referee>(std::move(*referee)), std::move(meta),
                         std::move(*black), std::move(*white), stop);
  st.by_actor.emplace(game.address(), c.index);
  st.games[c.index] = game_handle{caf::actor_cast<caf::actor>(std::move(game)), std::move(stop)};
  return {};
}

void send_remote_game(tournament_self self, const rt::start_remote_game& c) {
  auto& st = self->state;
  if (st.spec_json.empty()) {
    st.spec_json = spec::spec_to_json(*st.order.spec).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  auto order = wire::order_for(c.assignment);
  order.tournament_id = st.order.id;
  order.game_id = c.game_id;
  order.spec_json = st.spec_json;
  const auto& openings = *st.order.openings;
  order.opening = openings[c.assignment.opening % openings.size()].usi_position();
  auto worker = st.workers[c.site];
  st.games[c.index] = game_handle{worker, nullptr};
  const auto index = c.index;
  const auto attempt = c.attempt;
  self->request(worker, st.settings->remote_game_timeout, atom::play_v, std::move(order))
      .then(
          [self, index, attempt](wire::game_report& r) {
            rt::remote_answer answer{std::move(r.error), std::move(r.line), std::move(r.fault)};
            run(self, self->state.core->on_remote_report(index, attempt, answer, now()));
          },
          [self, index, attempt](caf::error& err) {
            run(self, self->state.core->on_remote_failed(index, attempt, self->system().render(err), now()));
          });
}

void stop_game(tournament_self self, const rt::stop_game& c) {
  auto& st = self->state;
  auto it = st.games.find(c.index);
  if (it == st.games.end()) {
    return;
  }
  auto& g = it->second;
  if (g.stop) {
    g.stop->store(true);
    self->send_exit(g.actor, caf::exit_reason::user_shutdown);
    st.by_actor.erase(g.actor.address());
  } else {
    // A remote game: its worker node is dynamically typed (worker_node.hpp).
    caf::anon_send(g.actor, atom::stop_v, c.game_id);
  }
  st.games.erase(it);
}

void forget_game(tournament_self self, std::uint64_t index) {
  auto& st = self->state;
  auto it = st.games.find(index);
  if (it == st.games.end()) {
    return;
  }
  if (it->second.stop) {
    st.by_actor.erase(it->second.actor.address());
  }
  st.games.erase(it);
}

void append(tournament_self self, rt::append_game& c) {
  auto& st = self->state;
  const auto token = c.token;
  self->request(st.persistence, caf::infinite, atom::append_v, st.order.id, std::move(c.line), std::move(c.record))
      .then([self, token]() { run(self, self->state.core->on_appended(token, {}, now())); },
            [self, token](caf::error& err) {
              run(self, self->state.core->on_appended(token, error_text(self->system(), err), now()));
            });
}

void open_folder(tournament_self self, rt::open_folder& c) {
  auto& st = self->state;
  self->request(st.persistence, caf::infinite, atom::open_v, st.order.id, st.order.folder, st.order.resuming,
                std::move(st.order.lock), std::move(c.checkpoint_json))
      .then([self]() { run(self, self->state.core->on_folder_opened({}, now())); },
            [self](caf::error& err) {
              run(self, self->state.core->on_folder_opened(error_text(self->system(), err), now()));
            });
}

void write_final_report(tournament_self self, rt::write_final_report& c) {
  auto& st = self->state;
  self->request(st.persistence, caf::infinite, atom::finalize_v, st.order.id, st.order.folder, std::move(c.json),
                c.completed)
      .then([self]() { run(self, self->state.core->on_final_report_written({}, now())); },
            [self](caf::error& err) {
              run(self, self->state.core->on_final_report_written(error_text(self->system(), err), now()));
            });
}

// One command each: the dispatch table from the core's decisions to messages.
struct command_runner {
  tournament_self self;

  void operator()(rt::request_slot& c) const {
    auto& st = self->state;
    self->send(st.supervisor, atom::slot_v, st.order.id, c.index, std::move(c.keys), c.light);
  }
  void operator()(rt::withdraw_requests&) const {
    self->send(self->state.supervisor, atom::withdraw_v, self->state.order.id);
  }
  void operator()(rt::release_slot& c) const {
    self->send(self->state.supervisor, atom::release_v, self->state.order.id, c.index);
  }
  void operator()(rt::suspect_site& c) const {
    self->send(self->state.supervisor, atom::suspect_v, c.site);
  }
  void operator()(rt::start_game& c) const {
    auto& core = *self->state.core;
    auto started = spawn_local_game(self, c);
    run(self, started ? core.on_game_started(c.index) : core.on_game_not_started(c.index, started.error().message));
  }
  void operator()(rt::start_remote_game& c) const {
    send_remote_game(self, c);
  }
  void operator()(rt::stop_game& c) const {
    stop_game(self, c);
  }
  void operator()(rt::forget_game& c) const {
    forget_game(self, c.index);
  }
  void operator()(rt::open_folder& c) const {
    open_folder(self, c);
  }
  void operator()(rt::start_engines&) const {
    auto& st = self->state;
    // At most game_slots games run here at once: engines per player follow.
    st.engine_pool = spawn_engine_pool(self, st.order.folder, st.order.spec,
                                       std::max<std::size_t>(1, st.settings->game_slots));
  }
  void operator()(rt::append_game& c) const {
    append(self, c);
  }
  void operator()(rt::emit_event& c) const {
    self->send(self->state.supervisor, atom::event_v, rt::tournament_event{c.kind, std::move(c.snapshot)});
  }
  void operator()(rt::write_final_report& c) const {
    write_final_report(self, c);
  }
  void operator()(rt::quit&) const {
    self->quit();
  }
};

void run(tournament_self self, rt::tournament_commands commands) {
  for (auto& command : commands) {
    std::visit(command_runner{self}, command);
  }
}

// A control call's answer: the core's refusal, or its commands carried out.
control_result control(tournament_self self, expected<rt::tournament_commands> commands) {
  if (!commands) {
    return {false, commands.error().message};
  }
  run(self, std::move(*commands));
  return {true, {}};
}

rt::tournament_core make_core(const tournament_state& st) {
  const auto& spec = *st.order.spec;
  rt::tournament_setup setup;
  setup.id = st.order.id;
  setup.name = st.order.name;
  setup.folder = st.order.folder;
  setup.priority = st.order.priority;
  setup.spec = st.order.spec;
  for (const auto& p : spec.players) {
    setup.shared_keys.push_back(shared_limit_key(p, *st.order.policies));
    setup.costs.push_back(move_cost_of(p, *st.order.policies));
  }
  setup.light_slots = light_game_limit(spec, *st.order.policies);
  setup.slots = st.order.slots;
  setup.remote_attempts = st.settings->remote_attempts;
  setup.finished = st.order.finished;
  // The supervisor created the same schedule before queueing the tournament.
  auto plan = schedule::schedule::create(spec, st.order.openings->size());
  return rt::tournament_core(std::move(setup), std::move(*plan));
}

tournament_actor::behavior_type tournament_behavior(tournament_self self, tournament_order order,
                                                   supervisor_actor supervisor, persistence_actor persistence,
                                                   std::shared_ptr<const runtime_settings> settings) {
  auto& st = self->state;
  st.order = std::move(order);
  st.settings = std::move(settings);
  st.supervisor = std::move(supervisor);
  st.persistence = std::move(persistence);
  st.core.emplace(make_core(st));
  self->set_exception_handler(exception_reason);
  // Games crash only through bugs; their exit becomes that game's error.
  self->set_exit_handler([self](caf::exit_msg& em) {
    auto& st = self->state;
    auto it = st.by_actor.find(em.source);
    if (it == st.by_actor.end()) {
      // A game that already reported or that we stopped; only a kill from
      // outside ends the tournament itself.
      if (em.reason == caf::exit_reason::kill) {
        self->quit(em.reason);
      }
      return;
    }
    const auto index = it->second;
    st.by_actor.erase(it);
    std::optional<std::string> failure;
    if (em.reason) {
      failure = self->system().render(em.reason);
    }
    run(self, st.core->on_game_exited(index, failure));
  });
  run(self, st.core->start(now()));
  return {
      // --- game slots -------------------------------------------------------
      [self](atom::grant, std::uint64_t index, const std::string& site, caf::actor& worker) {
        if (!site.empty()) {
          self->state.workers[site] = std::move(worker);
        }
        run(self, self->state.core->on_grant(index, site));
      },
      // --- worker nodes ---------------------------------------------------------
      [self](atom::lost, std::uint64_t index, const std::string& site, const std::string& why) {
        run(self, self->state.core->on_site_lost(index, site, why, now()));
      },
      [self](atom::slot, std::uint64_t slots) {
        run(self, self->state.core->on_capacity(static_cast<std::size_t>(slots)));
      },
      [self](atom::waiting, std::string& reason) {
        run(self, self->state.core->on_waiting(std::move(reason), now()));
      },
      // --- games ------------------------------------------------------------
      [self](atom::done, rt::finished_game& g) { run(self, self->state.core->on_game_done(std::move(g))); },
      // A batched policy's call held `mine` of this tournament's positions.
      [self](atom::policy, const std::string& policy, std::uint64_t mine, std::uint64_t batch, double seconds) {
        self->state.core->on_policy_call(policy, mine, batch, seconds);
      },
      // --- an engine that cannot start, or no slot for too long: FAILED -------
      [self](atom::fault, const std::string& reason) { run(self, self->state.core->on_fault(reason, now())); },
      // --- control ----------------------------------------------------------
      [self](atom::pause) -> control_result { return control(self, self->state.core->pause(now())); },
      [self](atom::resume) -> control_result { return control(self, self->state.core->resume(now())); },
      [self](atom::cancel) -> control_result { return control(self, self->state.core->cancel(now())); },
  };
}

}  // namespace

tournament_actor spawn_tournament(supervisor_actor::pointer supervisor_self, tournament_order order,
                                  supervisor_actor supervisor, persistence_actor persistence,
                                  std::shared_ptr<const runtime_settings> settings) {
  return supervisor_self->spawn(tournament_behavior, std::move(order), std::move(supervisor),
                                std::move(persistence), std::move(settings));
}

}  // namespace tourney::detail
