// The supervisor: owns the run queue (priority, then FIFO), the game slots
// shared between running tournaments, the registry and the bounded history.
// It monitors every tournament: one that crashes becomes FAILED with its
// reason, gets its tournament.json and its terminal event, and nothing else
// is disturbed. Every event passes through here to the progress hub, so a
// tournament's events stay in order.
#include <map>

#include <fmt/format.h>
#include <set>

#include "caf/actor_system.hpp"
#include "caf/system_messages.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/response_promise.hpp"
#include "caf/stateful_actor.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/player_sources.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/runtime/ids.hpp"
#include "tourney/runtime/registry.hpp"
#include "tourney/runtime/run_queue.hpp"
#include "tourney/runtime/slot_pool.hpp"
#include "tourney/runtime/slot_sites.hpp"
#include "tourney/detail/worker_node.hpp"
#include "tourney/runtime/tournament_report.hpp"
#include "tourney/schedule/schedule.hpp"
#include "tourney/spec/json.hpp"
#include "tourney/storage/names.hpp"

namespace tourney::detail {

namespace {

using rt::tournament_status;

struct supervisor_state {
  static inline const char* name = "supervisor";
  std::shared_ptr<const runtime_settings> settings;
  caf::actor hub;
  caf::actor persistence;
  std::unique_ptr<rt::registry> book;
  rt::run_queue queue;
  std::unique_ptr<rt::slot_pool> pool;
  /// Where granted games play: "" = here, else a worker address.
  rt::slot_sites sites;
  std::map<std::string, caf::actor> workers;      // connected, by address
  std::map<std::string, std::uint32_t> worker_slots;  // what each connected worker offers
  /// A worker that just failed a game gets no new game for a moment (it may
  /// be going away), so a game is not sent to it again and again before its
  /// link reports it gone.
  std::map<std::string, std::uint64_t> quarantine;
  std::uint64_t quarantine_generation = 0;
  std::map<std::string, std::string> worker_errors;  // address -> why it is not connected
  /// No slot anywhere while games wait: since when (generation of the check).
  std::string waiting_reason;
  std::uint64_t wait_generation = 0;
  rt::id_generator ids;
  std::map<std::string, tournament_order> orders;  // queued and running
  std::map<std::string, caf::actor> running;
  std::map<caf::actor_addr, std::string> by_actor;
  std::set<std::string> closing;  // terminal file being written here
  std::map<std::string, std::vector<caf::response_promise>> waiters;
  std::shared_ptr<const host_policies> policies = std::make_shared<host_policies>();
  bool shutting_down = false;
  bool cancel_running = false;
  std::vector<caf::response_promise> shutdown_waiters;
};

using supervisor_self = caf::stateful_actor<supervisor_state>;

void with_queue_position(const supervisor_state& st, rt::progress_snapshot& s) {
  s.queue_position = st.queue.position(s.tournament_id);
}

void release_slot(supervisor_state& st, const std::string& tournament, std::uint64_t game) {
  st.pool->release(tournament, game);
  st.sites.release(tournament, game);
}

void grant_slots(supervisor_self* self) {
  auto& st = self->state;
  for (auto& g : st.pool->grant()) {
    auto it = st.running.find(g.tournament);
    auto site = it == st.running.end() ? std::nullopt : st.sites.place(g.tournament, g.game);
    if (!site) {
      st.pool->release(g.tournament, g.game);
      continue;
    }
    caf::actor worker;
    if (!site->empty()) {
      worker = st.workers.at(*site);
    }
    self->send(it->second, atom::grant_v, g.game, *site, std::move(worker));
  }
}

bool any_waiting(const supervisor_state& st) {
  for (const auto& [id, t] : st.running) {
    if (st.pool->waiting(id) > 0) {
      return true;
    }
  }
  return false;
}

// With no slot anywhere (no local slots, every worker gone), tournaments
// wait, told why in their progress, and fail only after the wait limit.
void update_waiting(supervisor_self* self) {
  auto& st = self->state;
  std::string reason;
  if (st.sites.capacity() == 0 && any_waiting(st)) {
    reason = "waiting for a game slot: no worker connected";
    for (const auto& [address, why] : st.worker_errors) {
      reason += "; " + address + ": " + why;
    }
  }
  if (reason == st.waiting_reason) {
    return;
  }
  const bool was_waiting = !st.waiting_reason.empty();
  st.waiting_reason = reason;
  for (const auto& [id, t] : st.running) {
    self->send(t, atom::waiting_v, reason);
  }
  if (!was_waiting && !reason.empty()) {
    self->delayed_send(self, st.settings->slot_wait_limit, atom::wait_check_v, ++st.wait_generation);
  } else if (reason.empty()) {
    ++st.wait_generation;
  }
}

void set_capacity(supervisor_self* self) {
  auto& st = self->state;
  const auto slots = st.sites.capacity();
  if (slots != st.pool->capacity()) {
    for (const auto& [id, t] : st.running) {
      self->send(t, atom::slot_v, static_cast<std::uint64_t>(slots));
    }
  }
  st.pool->set_capacity(slots);
  grant_slots(self);
  update_waiting(self);
}

void check_shutdown(supervisor_self* self) {
  auto& st = self->state;
  if (!st.shutting_down || !st.running.empty() || !st.queue.empty() || !st.closing.empty()) {
    return;
  }
  for (auto& rp : st.shutdown_waiters) {
    rp.deliver(true);
  }
  st.shutdown_waiters.clear();
}

void dispatch(supervisor_self* self) {
  auto& st = self->state;
  while (!st.cancel_running && st.running.size() < st.settings->max_concurrent_tournaments && !st.queue.empty()) {
    auto id = *st.queue.pop();
    auto order = st.orders.at(id);
    order.slots = st.sites.capacity();
    auto t = spawn_tournament(self, std::move(order), caf::actor_cast<caf::actor>(self), st.persistence,
                              st.settings);
    self->monitor(t);
    st.by_actor.emplace(t.address(), id);
    st.running.emplace(id, std::move(t));
  }
}

// The one terminal event: after the tournament's file is durable.
void retire(supervisor_self* self, rt::progress_snapshot s) {
  auto& st = self->state;
  const auto id = s.tournament_id;
  s.queue_position.reset();
  st.closing.erase(id);
  st.orders.erase(id);
  st.book->retire(s);
  if (auto w = st.waiters.find(id); w != st.waiters.end()) {
    for (auto& rp : w->second) {
      rp.deliver(std::vector<rt::progress_snapshot>{s});
    }
    st.waiters.erase(w);
  }
  self->send(st.hub, atom::event_v, rt::tournament_event{rt::event_kind::terminal, std::move(s)});
  dispatch(self);
  check_shutdown(self);
}

// Ends a tournament that has no running actor (cancelled while queued, or
// crashed): writes its tournament.json, then retires it.
void end_here(supervisor_self* self, const std::string& id, tournament_status status, std::string error) {
  auto& st = self->state;
  auto* current = st.book->find_active(id);
  if (current == nullptr) {
    return;
  }
  auto s = *current;
  const auto now = rt::wall_clock::now();
  s.status = status;
  s.end_time = now;
  s.queue_position.reset();
  s.games_in_flight = 0;
  s.current_matchups.clear();
  s.estimated_completion.reset();
  s.error_message = error;
  st.closing.insert(id);
  rt::report_input in;
  in.snapshot = s;
  if (auto o = st.orders.find(id); o != st.orders.end()) {
    in.spec = spec::spec_to_json(*o->second.spec);
  }
  if (!error.empty()) {
    in.errors.push_back(error);
  }
  auto json = rt::tournament_json(in, now).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  self->request(st.persistence, caf::infinite, atom::finalize_v, id, s.folder, std::move(json), false)
      .then(
          [self, s](std::string& err) mutable {
            if (!err.empty()) {
              s.status = tournament_status::failed;
              s.error_message = (s.error_message.empty() ? "" : s.error_message + "; ") + "tournament.json: " + err;
            }
            retire(self, std::move(s));
          },
          [self, s](caf::error& err) mutable {
            s.status = tournament_status::failed;
            s.error_message = "tournament.json: " + self->system().render(err);
            retire(self, std::move(s));
          });
}

start_reply start(supervisor_self* self, start_order req) {
  auto& st = self->state;
  auto spec = std::move(req.spec);
  auto name = std::move(req.name);
  const int priority = req.priority;
  if (st.shutting_down) {
    return {{}, "the runtime is shut down"};
  }
  if (auto ok = check_players(*spec, *st.policies); !ok) {
    return {{}, ok.error().message};
  }
  auto plan = schedule::schedule::create(*spec, req.openings->size());
  if (!plan) {
    return {{}, plan.error().message};
  }
  std::string id;
  if (!req.resume_id.empty()) {
    // Resume keeps the saved id: game ids (and so idempotent ingestion)
    // depend on it.
    if (st.orders.count(req.resume_id) != 0) {
      return {{}, "tournament " + req.resume_id + " is already running or queued in this runtime"};
    }
    id = req.resume_id;
  } else {
    do {
      id = st.ids.next();
    } while (st.orders.count(id) != 0 || st.book->find_finished(id) != nullptr);
  }
  if (name.empty()) {
    name = spec->name;
  }
  tournament_order order;
  order.id = id;
  order.name = name;
  if (!req.resume_id.empty()) {
    order.folder = req.resume_folder;
    order.resuming = true;
    order.lock = std::move(req.lock);
    order.finished = std::move(req.finished);
  } else {
    order.folder = st.settings->storage_dir + "/" + storage::tournament_folder_name(name, id);
  }
  order.priority = priority;
  order.spec = std::move(spec);
  order.openings = std::move(req.openings);
  order.policies = st.policies;
  rt::progress_tracker tracker(id, name, {}, plan->size(), order.spec->rounds);
  tracker.set_folder(order.folder);
  tracker.set_priority(priority);
  auto s = tracker.snapshot(rt::wall_clock::now());
  for (const auto& p : order.spec->players) {
    s.standings.push_back(rt::player_standing{p.name});
  }
  st.orders.emplace(id, std::move(order));
  st.queue.push(id, priority);
  with_queue_position(st, s);
  st.book->add(s);
  self->send(st.hub, atom::event_v, rt::tournament_event{rt::event_kind::status, std::move(s)});
  dispatch(self);
  return {id, {}};
}

caf::result<control_result> control(supervisor_self* self, const std::string& id, tournament_status to) {
  auto& st = self->state;
  if (st.shutting_down && to != tournament_status::cancelled) {
    // A tournament paused now would never let a graceful shutdown finish.
    return control_result{false, "the runtime is shutting down"};
  }
  if (auto t = st.running.find(id); t != st.running.end()) {
    auto rp = self->make_response_promise();
    auto ask = [&](auto atom_value) {
      self->request(t->second, caf::infinite, atom_value)
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
  if (st.closing.count(id) != 0) {
    return control_result{false, "the tournament is finishing"};
  }
  if (st.queue.position(id)) {
    if (auto ok = rt::check_transition(tournament_status::created, to); !ok) {
      return control_result{false, ok.error().message};
    }
    st.queue.remove(id);
    end_here(self, id, tournament_status::cancelled, {});
    return control_result{true, {}};
  }
  if (const auto* done = st.book->find_finished(id)) {
    auto ok = rt::check_transition(done->status, to);
    return control_result{false, ok ? std::string("the tournament has finished") : ok.error().message};
  }
  return control_result{false, "unknown tournament " + id};
}

caf::behavior supervisor_behavior(supervisor_self* self, std::shared_ptr<const runtime_settings> settings,
                                  caf::actor hub, caf::actor persistence) {
  auto& st = self->state;
  st.settings = std::move(settings);
  st.hub = std::move(hub);
  st.persistence = std::move(persistence);
  st.book = std::make_unique<rt::registry>(st.settings->history_limit);
  const std::size_t local = st.settings->local_games ? std::max<std::size_t>(1, st.settings->game_slots) : 0;
  st.pool = std::make_unique<rt::slot_pool>(local);
  if (local > 0) {
    st.sites.set_site("", local);
  }
  for (const auto& address : st.settings->workers) {
    st.worker_errors[address] = "not connected yet";
    link_settings ls;
    ls.address = address;
    ls.tls = st.settings->tls;
    ls.coordinator_name = st.settings->node_name;
    ls.retry_interval = st.settings->worker_retry;
    spawn_worker_link(self, std::move(ls));
  }
  self->set_down_handler([self](caf::down_msg& dm) {
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
    // A crash: the tournament never sent its terminal event.
    st.pool->forget(id);
    st.sites.forget(id);
    grant_slots(self);
    end_here(self, id, tournament_status::failed, "tournament actor failed: " + self->system().render(dm.reason));
  });
  return {
      // --- requests from the host ---------------------------------------------
      [self](atom::start, start_order& req) { return start(self, std::move(req)); },
      [self](atom::pause, const std::string& id) { return control(self, id, tournament_status::paused); },
      [self](atom::resume, const std::string& id) { return control(self, id, tournament_status::running); },
      [self](atom::cancel, const std::string& id) { return control(self, id, tournament_status::cancelled); },
      [self](atom::progress, const std::string& id) {
        auto& st = self->state;
        std::vector<rt::progress_snapshot> out;
        if (const auto* s = st.book->find_active(id)) {
          out.push_back(*s);
          with_queue_position(st, out.back());
        } else if (const auto* f = st.book->find_finished(id)) {
          out.push_back(*f);
        }
        return out;
      },
      [self](atom::active) {
        auto& st = self->state;
        auto out = st.book->active();
        for (auto& s : out) {
          with_queue_position(st, s);
        }
        return out;
      },
      [self](atom::all) {
        auto& st = self->state;
        auto out = st.book->all();
        for (auto& s : out) {
          with_queue_position(st, s);
        }
        return out;
      },
      [self](atom::wait, const std::string& id) -> caf::result<std::vector<rt::progress_snapshot>> {
        auto& st = self->state;
        // Active first: a tournament resumed in this runtime is in the
        // history too, with its interrupted run's final snapshot.
        if (st.book->find_active(id) == nullptr) {
          if (const auto* f = st.book->find_finished(id)) {
            return std::vector<rt::progress_snapshot>{*f};
          }
          return std::vector<rt::progress_snapshot>{};
        }
        auto rp = self->make_response_promise();
        st.waiters[id].push_back(rp);
        return rp;
      },
      [self](atom::policy, const std::string& name, const host_policy& p) {
        auto& st = self->state;
        auto copy = std::make_shared<host_policies>(*st.policies);
        (*copy)[name] = p;
        st.policies = std::move(copy);
        st.pool->set_limit("host:" + name, p.options.max_concurrent_games);
        return true;
      },
      [self](atom::shutdown, bool immediate) -> caf::result<bool> {
        auto& st = self->state;
        if (!st.shutting_down) {
          st.shutting_down = true;
          for (const auto& id : st.queue.order()) {
            st.queue.remove(id);
            end_here(self, id, tournament_status::cancelled, "the runtime shut down before it ran");
          }
          // Paused tournaments would wait forever: they are cancelled.
          for (auto& [id, t] : st.running) {
            const auto* s = st.book->find_active(id);
            if (s != nullptr && s->status == tournament_status::paused) {
              self->request(t, caf::infinite, atom::cancel_v).then([](control_result&) {}, [](caf::error&) {});
            }
          }
        }
        if (immediate && !st.cancel_running) {
          st.cancel_running = true;
          for (auto& [id, t] : st.running) {
            self->request(t, caf::infinite, atom::cancel_v).then([](control_result&) {}, [](caf::error&) {});
          }
        }
        auto rp = self->make_response_promise();
        st.shutdown_waiters.push_back(rp);
        check_shutdown(self);
        return rp;
      },
      // --- events and slots from tournaments ------------------------------------
      [self](atom::event, rt::tournament_event& e) {
        auto& st = self->state;
        if (e.kind != rt::event_kind::terminal) {
          if (st.shutting_down && e.snapshot.status == tournament_status::paused) {
            if (auto t = st.running.find(e.snapshot.tournament_id); t != st.running.end()) {
              self->request(t->second, caf::infinite, atom::cancel_v).then([](control_result&) {}, [](caf::error&) {});
            }
          }
          st.book->update(e.snapshot);
          self->send(st.hub, atom::event_v, std::move(e));
          return;
        }
        const auto id = e.snapshot.tournament_id;
        if (auto t = st.running.find(id); t != st.running.end()) {
          st.by_actor.erase(t->second.address());
          self->demonitor(t->second);
          st.running.erase(t);
        }
        st.pool->forget(id);
        st.sites.forget(id);
        grant_slots(self);
        update_waiting(self);
        retire(self, std::move(e.snapshot));
      },
      [self](atom::slot, const std::string& id, std::uint64_t game, std::vector<std::string>& keys) {
        auto& st = self->state;
        if (st.running.count(id) == 0) {
          return;
        }
        st.pool->request(rt::slot_request{id, game, std::move(keys)});
        grant_slots(self);
        if (!st.waiting_reason.empty() && st.pool->waiting(id) > 0) {
          self->send(st.running.at(id), atom::waiting_v, st.waiting_reason);  // joined while waiting
        }
        update_waiting(self);
      },
      [self](atom::release, const std::string& id, std::uint64_t game) {
        release_slot(self->state, id, game);
        grant_slots(self);
      },
      [self](atom::withdraw, const std::string& id) {
        self->state.pool->withdraw(id);
        update_waiting(self);
      },
      // --- worker nodes -----------------------------------------------------------
      [self](atom::worker_up, const std::string& address, caf::actor& worker, std::uint32_t slots) {
        auto& st = self->state;
        st.worker_errors.erase(address);
        st.workers[address] = std::move(worker);
        st.worker_slots[address] = slots;
        st.quarantine.erase(address);
        st.sites.set_site(address, slots);
        set_capacity(self);
      },
      [self](atom::worker_dn, const std::string& address, const std::string& why) {
        auto& st = self->state;
        st.worker_errors[address] = why;
        st.workers.erase(address);
        st.worker_slots.erase(address);
        st.quarantine.erase(address);
        if (st.sites.has_site(address)) {
          // Its games in flight go back to their tournaments' queues.
          for (const auto& g : st.sites.remove_site(address)) {
            st.pool->release(g.tournament, g.game);
            if (auto t = st.running.find(g.tournament); t != st.running.end()) {
              self->send(t->second, atom::lost_v, g.game, address, why);
            }
          }
        }
        set_capacity(self);  // also re-words the waiting reason with this error
      },
      [self](atom::suspect, const std::string& address) {
        auto& st = self->state;
        if (st.workers.count(address) == 0 || st.quarantine.count(address) > 0) {
          return;
        }
        const auto generation = ++st.quarantine_generation;
        st.quarantine[address] = generation;
        st.sites.set_site(address, 0);  // its games in flight keep their slots
        set_capacity(self);
        self->delayed_send(self, st.settings->worker_retry, atom::reinstate_v, address, generation);
      },
      [self](atom::reinstate, const std::string& address, std::uint64_t generation) {
        auto& st = self->state;
        auto q = st.quarantine.find(address);
        if (q == st.quarantine.end() || q->second != generation) {
          return;
        }
        st.quarantine.erase(q);
        if (auto w = st.worker_slots.find(address); w != st.worker_slots.end()) {
          st.sites.set_site(address, w->second);
          set_capacity(self);
        }
      },
      [self](atom::wait_check, std::uint64_t generation) {
        auto& st = self->state;
        if (generation != st.wait_generation || st.waiting_reason.empty()) {
          return;
        }
        const auto secs = std::chrono::duration<double>(st.settings->slot_wait_limit).count();
        for (const auto& [id, t] : st.running) {
          if (st.pool->waiting(id) > 0) {
            self->send(t, atom::fault_v,
                       fmt::format("no game slot for {:g} s ({})", secs, st.waiting_reason));
          }
        }
      },
  };
}

}  // namespace

supervisor_actor spawn_supervisor(caf::actor_system& sys, std::shared_ptr<const runtime_settings> settings,
                                  progress_hub_actor hub, persistence_actor persistence) {
  return sys.spawn(supervisor_behavior, std::move(settings), std::move(hub), std::move(persistence));
}

}  // namespace tourney::detail
