// The supervisor: a dispatch table over two pure cores. tournament_admission
// decides which tournaments run (the run queue, priority then FIFO, up to
// max_concurrent_tournaments; cancels; shutdown); slot_broker decides which
// game gets a slot and where it plays (here or on a worker of its roster,
// with quarantine). Here live the registry and bounded history, the actor
// handles, and the I/O those cores ask for. It monitors every tournament:
// one that crashes becomes FAILED with its reason, gets its tournament.json
// and its terminal event, and nothing else is disturbed. Every event passes
// through here to the progress hub, so a tournament's events stay in order.
#include <algorithm>
#include <map>
#include <variant>

#include "caf/typed_event_based_actor.hpp"
#include "caf/actor_system.hpp"
#include "caf/system_messages.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/response_promise.hpp"
#include "caf/stateful_actor.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/errors.hpp"
#include "tourney/detail/game/player_sources.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/runtime/ids.hpp"
#include "tourney/runtime/registry.hpp"
#include "tourney/runtime/slot_broker.hpp"
#include "tourney/runtime/tournament_admission.hpp"
#include "tourney/detail/remote/worker_node.hpp"
#include "tourney/runtime/tournament_report.hpp"
#include "tourney/schedule/schedule.hpp"
#include "tourney/spec/json.hpp"
#include "tourney/storage/names.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::detail {

namespace {

using rt::tournament_status;

rt::slot_broker_config broker_config(const runtime_settings& settings) {
  rt::slot_broker_config config;
  config.local_slots = settings.options.local_games ? std::max<std::size_t>(1, settings.game_slots) : 0;
  config.slot_wait_limit = settings.options.slot_wait_limit;
  config.quarantine_time = settings.options.worker_retry;
  return config;
}

struct supervisor_state {
  static inline const char* name = "supervisor";
  std::shared_ptr<const runtime_settings> settings;
  progress_hub_actor hub;
  persistence_actor persistence;
  std::unique_ptr<rt::registry> book;
  std::unique_ptr<rt::tournament_admission> admission;
  std::unique_ptr<rt::slot_broker> broker;
  std::map<std::string, caf::actor> workers;  // connected, by address
  rt::id_generator ids;
  std::map<std::string, tournament_order> orders;  // queued and running
  std::map<std::string, tournament_actor> running;  // their actors, by id
  std::map<caf::actor_addr, std::string> by_actor;
  std::map<std::string, std::vector<caf::response_promise>> waiters;
  std::shared_ptr<const host_policies> policies = std::make_shared<host_policies>();
  std::vector<caf::response_promise> shutdown_waiters;
};

using supervisor_self = supervisor_actor::stateful_pointer<supervisor_state>;

void with_queue_position(const supervisor_state& st, rt::progress_snapshot& s) {
  s.queue_position = st.admission->queue_position(s.tournament_id);
}

std::vector<rt::progress_snapshot> with_queue_positions(const supervisor_state& st,
                                                        std::vector<rt::progress_snapshot> out) {
  for (auto& s : out) {
    with_queue_position(st, s);
  }
  return out;
}

std::vector<rt::progress_snapshot> progress_of(const supervisor_state& st, const std::string& id) {
  std::vector<rt::progress_snapshot> out;
  if (const auto* s = st.book->find_active(id)) {
    out.push_back(*s);
    with_queue_position(st, out.back());
  } else if (const auto* f = st.book->find_finished(id)) {
    out.push_back(*f);
  }
  return out;
}

// Answered with the terminal snapshot (by retire) once the tournament ends.
caf::result<snapshots> wait_for(supervisor_self self, const std::string& id) {
  auto& st = self->state;
  // Active first: a tournament resumed in this runtime is in the history
  // too, with its interrupted run's final snapshot.
  if (st.book->find_active(id) == nullptr) {
    if (const auto* f = st.book->find_finished(id)) {
      return std::vector<rt::progress_snapshot>{*f};
    }
    return std::vector<rt::progress_snapshot>{};
  }
  auto rp = self->make_response_promise();
  st.waiters[id].push_back(rp);
  return rp;
}

template <class... Ts>
void tell(supervisor_self self, const std::string& tournament, Ts&&... xs) {
  if (auto t = self->state.running.find(tournament); t != self->state.running.end()) {
    self->send(t->second, std::forward<Ts>(xs)...);
  }
}

// Its answer changes nothing: the tournament's events say what happened.
void ask_cancel(supervisor_self self, const tournament_actor& tournament) {
  self->request(tournament, caf::infinite, atom::cancel_v).then([](control_result&) {}, [](caf::error&) {});
}

// Carries out the slot broker's commands: messages to tournaments and timers.
struct slot_runner {
  supervisor_self self;

  void operator()(rt::grant_slot& g) const {
    caf::actor worker;
    if (!g.site.empty()) {
      worker = self->state.workers.at(g.site);
    }
    tell(self, g.tournament, atom::grant_v, g.game, g.site, std::move(worker));
  }
  void operator()(rt::slots_changed& c) const {
    tell(self, c.tournament, atom::slot_v, static_cast<std::uint64_t>(c.slots));
  }
  void operator()(rt::waiting_changed& w) const {
    tell(self, w.tournament, atom::waiting_v, std::move(w.reason));
  }
  void operator()(rt::game_lost& l) const {
    tell(self, l.tournament, atom::lost_v, l.game, std::move(l.site), std::move(l.why));
  }
  void operator()(rt::slot_wait_failed& f) const {
    tell(self, f.tournament, atom::fault_v, std::move(f.message));
  }
  void operator()(rt::arm_wait_check& a) const {
    self->delayed_send(self, a.after, atom::wait_check_v, a.generation);
  }
  void operator()(rt::arm_reinstatement& a) const {
    self->delayed_send(self, a.after, atom::reinstate_v, std::move(a.address), a.generation);
  }
};

void run(supervisor_self self, rt::slot_commands commands) {
  for (auto& c : commands) {
    std::visit(slot_runner{self}, c);
  }
}

void run(supervisor_self self, rt::admission_commands commands);

// The one terminal event: after the tournament's file is durable.
void retire(supervisor_self self, rt::progress_snapshot s) {
  auto& st = self->state;
  const auto id = s.tournament_id;
  s.queue_position.reset();
  st.orders.erase(id);
  st.book->retire(s);
  if (auto w = st.waiters.find(id); w != st.waiters.end()) {
    for (auto& rp : w->second) {
      rp.deliver(std::vector<rt::progress_snapshot>{s});
    }
    st.waiters.erase(w);
  }
  self->send(st.hub, atom::event_v, rt::tournament_event{rt::event_kind::terminal, std::move(s)});
  run(self, st.admission->ended(id));
}

// Ends a tournament that has no running actor (cancelled while queued, or
// crashed): writes its tournament.json, then retires it.
void end_here(supervisor_self self, const rt::end_tournament& e) {
  auto& st = self->state;
  auto* current = st.book->find_active(e.id);
  if (current == nullptr) {
    run(self, st.admission->ended(e.id));  // nothing to write: no longer closing
    return;
  }
  auto s = *current;
  const auto now = rt::wall_clock::now();
  s.status = e.status;
  s.end_time = now;
  s.queue_position.reset();
  s.games_in_flight = 0;
  s.current_matchups.clear();
  s.estimated_completion.reset();
  s.error_message = e.error;
  rt::report_input in;
  in.snapshot = s;
  if (auto o = st.orders.find(e.id); o != st.orders.end()) {
    in.spec = spec::spec_to_json(*o->second.spec);
  }
  if (!e.error.empty()) {
    in.errors.push_back(e.error);
  }
  auto json = rt::tournament_json(in, now).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  self->request(st.persistence, caf::infinite, atom::finalize_v, e.id, s.folder, std::move(json), false)
      .then([self, s]() mutable { retire(self, std::move(s)); },
            [self, s](caf::error& err) mutable {
              s.status = tournament_status::failed;
              s.error_message = (s.error_message.empty() ? "" : s.error_message + "; ") + "tournament.json: " +
                                error_text(self->system(), err);
              retire(self, std::move(s));
            });
}

void start_tournament(supervisor_self self, const std::string& id) {
  auto& st = self->state;
  auto order = st.orders.at(id);
  order.slots = st.broker->capacity();
  auto t = spawn_tournament(self, std::move(order), self, st.persistence, st.settings);
  self->monitor(t);
  st.by_actor.emplace(t.address(), id);
  st.running.emplace(id, std::move(t));
  st.broker->add_tournament(id);
}

// Carries out the admission's commands: spawning, cancelling and closing
// tournaments, answering shutdown requests.
struct admission_runner {
  supervisor_self self;

  void operator()(const rt::start_tournament& s) const {
    start_tournament(self, s.id);
  }
  void operator()(const rt::cancel_tournament& c) const {
    if (auto t = self->state.running.find(c.id); t != self->state.running.end()) {
      ask_cancel(self, t->second);
    }
  }
  void operator()(const rt::end_tournament& e) const {
    end_here(self, e);
  }
  void operator()(const rt::shutdown_finished&) const {
    for (auto& rp : self->state.shutdown_waiters) {
      rp.deliver(true);
    }
    self->state.shutdown_waiters.clear();
  }
};

void run(supervisor_self self, rt::admission_commands commands) {
  for (const auto& c : commands) {
    std::visit(admission_runner{self}, c);
  }
}

// A new tournament's id, or why it cannot have one: a resume keeps the saved
// id (game ids, and so idempotent ingestion, depend on it).
expected<std::string> tournament_id(supervisor_state& st, const start_order& req) {
  if (!req.resume_id.empty()) {
    if (st.orders.count(req.resume_id) != 0) {
      return fail("tournament " + req.resume_id + " is already running or queued in this runtime");
    }
    return req.resume_id;
  }
  std::string id;
  do {
    id = st.ids.next();
  } while (st.orders.count(id) != 0 || st.book->find_finished(id) != nullptr);
  return id;
}

tournament_order make_order(const supervisor_state& st, start_order req, std::string id) {
  tournament_order order;
  order.id = std::move(id);
  order.name = req.name.empty() ? req.spec->name : std::move(req.name);
  if (!req.resume_id.empty()) {
    order.folder = req.resume_folder;
    order.resuming = true;
    order.lock = std::move(req.lock);
    order.finished = std::move(req.finished);
  } else {
    order.folder = st.settings->storage_dir + "/" + storage::tournament_folder_name(order.name, order.id);
  }
  order.priority = req.priority;
  order.spec = std::move(req.spec);
  order.openings = std::move(req.openings);
  order.policies = st.policies;
  return order;
}

rt::progress_snapshot queued_snapshot(const tournament_order& order, std::size_t games) {
  rt::progress_tracker tracker(order.id, order.name, {}, games, order.spec->rounds);
  tracker.set_folder(order.folder);
  tracker.set_priority(order.priority);
  auto s = tracker.snapshot(rt::wall_clock::now());
  for (const auto& p : order.spec->players) {
    s.standings.push_back(rt::player_standing{p.name});
  }
  return s;
}

caf::result<std::string> start(supervisor_self self, start_order req) {
  auto& st = self->state;
  if (!st.admission->accepting()) {
    return make_error(errc::shut_down, "the runtime is shut down");
  }
  if (auto ok = check_players(*req.spec, *st.policies); !ok) {
    return make_error(errc::invalid_tournament, ok.error().message);
  }
  auto plan = schedule::schedule::create(*req.spec, req.openings->size());
  if (!plan) {
    return make_error(errc::invalid_tournament, plan.error().message);
  }
  auto id = tournament_id(st, req);
  if (!id) {
    return make_error(errc::invalid_tournament, id.error().message);
  }
  const int priority = req.priority;
  auto order = make_order(st, std::move(req), *id);
  auto s = queued_snapshot(order, plan->size());
  st.orders.emplace(*id, std::move(order));
  st.admission->queue(*id, priority);
  with_queue_position(st, s);
  st.book->add(s);
  self->send(st.hub, atom::event_v, rt::tournament_event{rt::event_kind::status, std::move(s)});
  run(self, st.admission->dispatch());
  return *id;
}

caf::result<control_result> control(supervisor_self self, const std::string& id, tournament_status to) {
  auto& st = self->state;
  auto decision = st.admission->control(id, to);
  if (decision.how == rt::control_decision::route::to_tournament) {
    auto rp = self->make_response_promise();
    auto ask = [&](auto atom_value) {
      self->request(st.running.at(id), caf::infinite, atom_value)
          .then([rp](control_result& r) mutable { rp.deliver(std::move(r)); },
                [rp](caf::error&) mutable { rp.deliver(control_result{false, "the tournament has finished"}); });
    };
    switch (to) {
      case tournament_status::paused:
        ask(atom::pause_v);
        break;
      case tournament_status::running:
        ask(atom::resume_v);
        break;
      default:
        ask(atom::cancel_v);
        break;
    }
    return rp;
  }
  if (decision.how == rt::control_decision::route::answered) {
    run(self, std::move(decision.commands));
    return control_result{decision.done, std::move(decision.reason)};
  }
  if (const auto* done = st.book->find_finished(id)) {
    auto ok = rt::check_transition(done->status, to);
    return control_result{false, ok ? std::string("the tournament has finished") : ok.error().message};
  }
  return control_result{false, "unknown tournament " + id};
}

// One link per worker address; each reports the worker up or down.
void link_workers(supervisor_self self) {
  auto& st = self->state;
  for (const auto& address : st.settings->options.workers) {
    st.broker->expect_worker(address, "not connected yet");
    link_settings ls;
    ls.address = address;
    ls.tls = st.settings->options.tls.enabled();
    ls.coordinator_name = st.settings->node_name;
    ls.retry_interval = st.settings->options.worker_retry;
    spawn_worker_link(self, std::move(ls));
  }
}

// A tournament actor that ends without its terminal event has crashed.
void on_down(supervisor_self self, caf::down_msg& dm) {
  auto& st = self->state;
  auto it = st.by_actor.find(dm.source);
  if (it == st.by_actor.end()) {
    return;
  }
  auto id = it->second;
  st.by_actor.erase(it);
  if (st.running.erase(id) == 0) {
    return;  // it had finished properly
  }
  run(self, st.broker->remove_tournament(id));
  run(self, st.admission->crashed(id, "tournament actor failed: " + self->system().render(dm.reason)));
}

// A tournament's event on its way to the hub; the terminal one retires it.
void on_event(supervisor_self self, rt::tournament_event e) {
  auto& st = self->state;
  const auto id = e.snapshot.tournament_id;
  if (e.kind != rt::event_kind::terminal) {
    run(self, st.admission->status_changed(id, e.snapshot.status));
    st.book->update(e.snapshot);
    self->send(st.hub, atom::event_v, std::move(e));
    return;
  }
  if (auto t = st.running.find(id); t != st.running.end()) {
    st.by_actor.erase(t->second.address());
    self->demonitor(t->second.address());
    st.running.erase(t);
  }
  run(self, st.broker->remove_tournament(id));
  retire(self, std::move(e.snapshot));
}

// Policies are copied on write: running tournaments keep the map they began with.
bool add_policy(supervisor_self self, const std::string& name, const host_policy& p) {
  auto& st = self->state;
  auto copy = std::make_shared<host_policies>(*st.policies);
  (*copy)[name] = p;
  st.policies = std::move(copy);
  st.broker->set_limit("host:" + name, policy_game_limit(p));
  return true;
}

supervisor_actor::behavior_type supervisor_behavior(supervisor_self self,
                                                   std::shared_ptr<const runtime_settings> settings,
                                                   progress_hub_actor hub, persistence_actor persistence) {
  auto& st = self->state;
  st.settings = std::move(settings);
  st.hub = std::move(hub);
  st.persistence = std::move(persistence);
  st.book = std::make_unique<rt::registry>(st.settings->options.history_limit);
  st.admission = std::make_unique<rt::tournament_admission>(st.settings->max_concurrent_tournaments);
  st.broker = std::make_unique<rt::slot_broker>(broker_config(*st.settings));
  link_workers(self);
  self->set_down_handler([self](caf::down_msg& dm) { on_down(self, dm); });
  return {
      // --- requests from the host ---------------------------------------------
      [self](atom::start, start_order& req) { return start(self, std::move(req)); },
      [self](atom::pause, const std::string& id) { return control(self, id, tournament_status::paused); },
      [self](atom::resume, const std::string& id) { return control(self, id, tournament_status::running); },
      [self](atom::cancel, const std::string& id) { return control(self, id, tournament_status::cancelled); },
      [self](atom::progress, const std::string& id) { return progress_of(self->state, id); },
      [self](atom::active) { return with_queue_positions(self->state, self->state.book->active()); },
      [self](atom::all) { return with_queue_positions(self->state, self->state.book->all()); },
      [self](atom::wait, const std::string& id) { return wait_for(self, id); },
      [self](atom::policy, const std::string& name, const host_policy& p) { return add_policy(self, name, p); },
      [self](atom::shutdown, bool immediate) -> caf::result<bool> {
        auto rp = self->make_response_promise();
        self->state.shutdown_waiters.push_back(rp);
        run(self, self->state.admission->shutdown(immediate));
        return rp;
      },
      // --- events and slots from tournaments ------------------------------------
      [self](atom::event, rt::tournament_event& e) { on_event(self, std::move(e)); },
      [self](atom::slot, const std::string& id, std::uint64_t game, std::vector<std::string>& keys, bool light) {
        run(self, self->state.broker->request(rt::slot_request{id, game, std::move(keys), light}));
      },
      [self](atom::release, const std::string& id, std::uint64_t game) {
        run(self, self->state.broker->release(id, game));
      },
      [self](atom::withdraw, const std::string& id) { run(self, self->state.broker->withdraw(id)); },
      // --- worker nodes -----------------------------------------------------------
      [self](atom::worker_up, const std::string& address, caf::actor& worker, std::uint32_t slots) {
        self->state.workers[address] = std::move(worker);
        run(self, self->state.broker->worker_joined(address, slots));
      },
      [self](atom::worker_dn, const std::string& address, const std::string& why) {
        self->state.workers.erase(address);
        run(self, self->state.broker->worker_left(address, why));
      },
      [self](atom::suspect, const std::string& address) {
        run(self, self->state.broker->worker_suspected(address));
      },
      [self](atom::reinstate, const std::string& address, std::uint64_t generation) {
        run(self, self->state.broker->reinstatement_due(address, generation));
      },
      [self](atom::wait_check, std::uint64_t generation) {
        run(self, self->state.broker->wait_check_due(generation));
      },
  };
}

}  // namespace

supervisor_actor spawn_supervisor(caf::actor_system& sys, std::shared_ptr<const runtime_settings> settings,
                                  progress_hub_actor hub, persistence_actor persistence) {
  return sys.spawn(supervisor_behavior, std::move(settings), std::move(hub), std::move(persistence));
}

}  // namespace tourney::detail
