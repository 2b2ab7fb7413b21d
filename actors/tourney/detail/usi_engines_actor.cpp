// The engine pool of one tournament (see usi_engines.hpp): engine_sessions
// driven by reactor events (engine output and deadlines), leased to games.
//
// The per-ply path skips this actor: an engine's session sits in an
// engine_core shared with the reactor thread and the lessee game (under its
// mutex). The game asks through its usi_engine_lease (go is sent from the
// asking thread), and when the engine prints its bestmove while thinking,
// the reactor thread feeds the lines to the session itself and hands the
// answer to the game's sink (game_driver.hpp) once the core's lock is
// released (core_guard), which plays it and asks the next engine on that
// thread: no scheduler thread wakes per ply. Whatever needs the pool's own state (readiness,
// faults other than an illegal move, exits, deadlines) comes here as before,
// and once one event of an engine has come here, later ones (and moves)
// follow it until it is handled, so the session sees them in order.
#include <csignal>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "caf/actor_system.hpp"
#include "caf/allowed_unsafe_message_type.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/response_promise.hpp"
#include "caf/send.hpp"
#include "caf/stateful_actor.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/exception_reason.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/detail/usi_engine_core.hpp"
#include "tourney/detail/usi_engines.hpp"
#include "tourney/storage/names.hpp"
#include "tourney/usi/engine_reactor.hpp"
#include "tourney/usi/engine_session.hpp"

namespace tourney::detail {

namespace {

enum class stage : std::uint8_t {
  starting,  // usi / isready of a new process
  new_game,  // usinewgame / isready for the lessee's game
  playing,   // leased and ready
  idle,      // ready, not leased
  dead,      // faulted or shutting down: never leased again
};

struct engine {
  usi::engine_id id = 0;
  std::string player;
  int slot = 0;
  std::shared_ptr<engine_core> core;
  stage at = stage::starting;
  caf::actor_addr lessee;  // the usi player actor of the game (monitored)
  std::optional<caf::response_promise> lease_reply;
};

struct pool_state {
  static inline const char* name = "usi_engines";
  // A strong handle to the pool itself, until it quits (the state goes with
  // it). Without it the pool died with the tournament's last handle to it,
  // before it could read the down message: the reactor then SIGKILLed every
  // engine instead of sending quit. With it the pool outlives the tournament
  // until its engines are gone (quit, then SIGTERM and SIGKILL after their
  // graces: bounded), and the actor system waits for that at shutdown.
  caf::actor keep_alive;
  std::string folder;
  std::shared_ptr<const spec::tournament_spec> spec;
  std::map<std::string, const spec::player_spec*> players;
  // Per player, the stem of its engines' log names: distinct per player.
  std::map<std::string, std::string> log_stems;
  caf::actor tournament;
  caf::actor_addr tournament_addr;
  std::unordered_map<usi::engine_id, engine> engines;
  bool shutting_down = false;
  bool log_dir_made = false;
  std::shared_ptr<core_registry> registry = std::make_shared<core_registry>();
  // Last: destroyed first, so no reactor event arrives for a dead state. Its
  // destructor kills and reaps every engine still running.
  std::shared_ptr<usi::engine_reactor> reactor;  // leases hold it weakly

  pool_state() = default;
  pool_state(const pool_state&) = delete;
  pool_state& operator=(const pool_state&) = delete;
  ~pool_state() {
    if (reactor && reactor->on_reactor_thread()) {
      // The reactor thread dropped the pool's last handle (an event that
      // arrived as the pool ended): a thread cannot join itself, so another
      // thread stops the reactor once this event handler has returned.
      std::thread([r = std::move(reactor)]() mutable { r.reset(); }).detach();
    }
  }
};

using pool_self = caf::stateful_actor<pool_state>;

// Under the engine core's lock.
void deliver_lease(engine& e, const std::string& error) {
  if (e.lease_reply) {
    usi_lease_ptr lease;
    if (error.empty()) {
      lease = make_lease(e.core);
    }
    e.lease_reply->deliver(std::uint64_t{error.empty() ? e.id : 0}, error, std::move(lease));
    e.lease_reply.reset();
  }
}

void deliver_move(engine& e, player_answer answer) {
  answer_move(*e.core, std::move(answer));
}

void maybe_quit(pool_self* self) {
  auto& st = self->state;
  if (st.shutting_down && st.engines.empty()) {
    self->quit();
  }
}

void run(pool_self* self, engine& e, usi::session_actions actions);

void run(pool_self* self, engine& e, expected<usi::session_actions> actions) {
  if (!actions) {
    // A call in the wrong phase: a bug here, but the engine is not trusted any more.
    deliver_lease(e, actions.error().message);
    deliver_move(e, {std::nullopt, actions.error().message, rt::no_decision::player_gone});
    e.at = stage::dead;
    run(self, e, e.core->session->shutdown());
    return;
  }
  run(self, e, std::move(*actions));
}

void on_ready(pool_self* self, engine& e) {
  switch (e.at) {
    case stage::starting:
      if (!e.lessee) {  // leased game ended during start-up
        e.at = stage::idle;
        return;
      }
      e.at = stage::new_game;
      run(self, e, e.core->session->new_game());
      return;
    case stage::new_game:
      e.at = stage::playing;
      deliver_lease(e, {});
      return;
    default:
      return;
  }
}

void on_fault(pool_self* self, engine& e, const usi::engine_fault& f) {
  auto& st = self->state;
  switch (f.kind) {
    case usi::fault_kind::startup_failed:
      e.at = stage::dead;
      deliver_lease(e, f.message);
      deliver_move(e, {std::nullopt, f.message, rt::no_decision::player_gone});
      if (!st.shutting_down && st.tournament) {
        self->send(st.tournament, atom::fault_v, f.message);
      }
      return;
    case usi::fault_kind::disconnect:
      e.at = stage::dead;
      deliver_lease(e, f.message);
      deliver_move(e, {std::nullopt, f.message, rt::no_decision::player_gone});
      return;
    case usi::fault_kind::illegal_move:
      deliver_move(e, {std::nullopt, f.message, rt::no_decision::illegal_move});
      return;  // the engine answered: it stays usable
    case usi::fault_kind::timeout:
      e.at = stage::dead;
      deliver_move(e, {std::nullopt, f.message, rt::no_decision::timeout});
      return;
  }
}

// Under the engine core's lock.
void run(pool_self* self, engine& e, usi::session_actions actions) {
  auto& st = self->state;
  std::vector<std::string> lines;
  for (auto& action : actions) {
    if (run_plain(*st.reactor, e.id, *e.core, action, lines)) {
      continue;
    }
    if (std::holds_alternative<usi::engine_ready>(action)) {
      on_ready(self, e);
    } else if (auto* f = std::get_if<usi::engine_fault>(&action)) {
      on_fault(self, e, *f);
    } else if (std::holds_alternative<usi::search_stopped>(action)) {
      // A game that ended mid-search (cancel): the engine is idle again.
      if (e.at != stage::dead) {
        e.at = e.lessee ? stage::playing : stage::idle;
      }
    } else if (std::holds_alternative<usi::engine_exited>(action)) {
      e.at = stage::dead;
      deliver_lease(e, fmt::format("engine '{}' exited", e.player));
      deliver_move(e, {std::nullopt, fmt::format("engine '{}' exited", e.player),
                       rt::no_decision::player_gone});
    }
  }
  finish_plain(*st.reactor, e.id, *e.core, lines);
}

// Forgets an engine once its process is gone.
void forget(pool_self* self, usi::engine_id id) {
  auto& st = self->state;
  {
    std::lock_guard<std::mutex> lock(st.registry->lock);
    st.registry->cores.erase(id);
  }
  st.reactor->release(id);
  st.engines.erase(id);
  maybe_quit(self);
}

std::string log_path(pool_state& st, const std::string& player, int slot) {
  auto dir = st.folder + "/engines";
  if (!st.log_dir_made) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);  // once per tournament
    st.log_dir_made = true;
  }
  return fmt::format("{}/{}-{}.stderr.log", dir, st.log_stems.at(player), slot);
}

engine* start_engine(pool_self* self, const spec::player_spec& p) {
  auto& st = self->state;
  std::set<int> used;
  for (const auto& [id, e] : st.engines) {
    if (e.player == p.name && e.at != stage::dead) {
      used.insert(e.slot);
    }
  }
  int slot = 0;
  while (used.count(slot) > 0) {
    ++slot;
  }
  usi::spawn_options options;
  options.command = p.usi.command;
  options.args = p.usi.args;
  options.working_dir = p.usi.working_dir.empty() ? st.folder : p.usi.working_dir;
  options.env = p.usi.env;
  options.stderr_log = log_path(st, p.name, slot);
  auto config = usi::make_session_config(p.name, p.usi, options.stderr_log);
  const auto id = st.reactor->spawn(options);
  auto& e = st.engines[id];
  e.id = id;
  e.player = p.name;
  e.slot = slot;
  e.core = std::make_shared<engine_core>();
  e.core->id = id;
  e.core->player = p.name;
  e.core->nodes = p.nodes;
  e.core->reactor = st.reactor;
  e.core->pool = caf::actor_cast<caf::weak_actor_ptr>(caf::actor_cast<caf::strong_actor_ptr>(self));
  e.core->session = std::make_unique<usi::engine_session>(std::move(config));
  {
    std::lock_guard<std::mutex> lock(st.registry->lock);
    st.registry->cores.emplace(id, e.core);
  }
  core_guard lock(*e.core);
  run(self, e, e.core->session->start());
  return &e;
}

// Under the engine core's lock.
void release(pool_self* self, engine& e) {
  e.lessee = caf::actor_addr{};
  e.core->waiter = {};  // its game is over
  e.core->lease = 0;
  deliver_lease(e, "the game ended");
  switch (e.at) {
    case stage::playing:
      if (e.core->session->current_phase() == usi::engine_session::phase::thinking) {
        run(self, e, e.core->session->stop_search());  // idle again on search_stopped
      } else if (e.core->session->current_phase() == usi::engine_session::phase::idle) {
        e.at = stage::idle;
      }
      return;
    case stage::new_game:
      e.at = stage::starting;  // on readyok it becomes idle (no lessee)
      return;
    default:
      return;
  }
}

void shutdown_all(pool_self* self) {
  auto& st = self->state;
  st.shutting_down = true;
  for (auto& [id, e] : st.engines) {
    core_guard lock(*e.core);
    e.at = stage::dead;
    deliver_lease(e, "the tournament ended");
    deliver_move(e, {std::nullopt, "the tournament ended", rt::no_decision::player_gone});
    run(self, e, e.core->session->shutdown());
  }
  maybe_quit(self);
}

// On the reactor thread. The bestmove of a thinking engine is answered here
// (see the top of the file); every other event goes to the pool, and so do
// the actions from the first one that needs the pool's state on.
void on_reactor_event(const caf::weak_actor_ptr& pool, core_registry& registry,
                      usi::reactor_event event) {
  std::shared_ptr<engine_core> core;
  {
    std::lock_guard<std::mutex> lock(registry.lock);
    auto it = registry.cores.find(event.id);
    if (it != registry.cores.end()) {
      core = it->second;
    }
  }
  if (core) {
    core_guard lock(*core);  // hands a bestmove to the game's sink on release, on this thread
    if (event.what == usi::reactor_event::kind::lines && core->forwarded == 0 && core->waiter.game &&
        core->session->current_phase() == usi::engine_session::phase::thinking) {
      usi::session_actions actions;
      for (const auto& line : event.lines) {
        auto more = core->session->on_line(line);
        actions.insert(actions.end(), std::make_move_iterator(more.begin()),
                       std::make_move_iterator(more.end()));
      }
      run_here(*registry.reactor, *core, std::move(actions));
      return;
    }
    ++core->forwarded;
  }
  if (auto strong = caf::actor_cast<caf::actor>(pool)) {
    caf::anon_send(strong, atom::usi_io_v, std::move(event), static_cast<bool>(core));
  }
}

caf::behavior pool_behavior(pool_self* self, caf::actor tournament, std::string folder,
                            std::shared_ptr<const spec::tournament_spec> spec) {
  self->set_exception_handler(exception_reason);
  auto& st = self->state;
  st.folder = std::move(folder);
  st.spec = std::move(spec);
  for (const auto& p : st.spec->players) {
    if (p.kind == spec::player_kind::usi) {
      st.players.emplace(p.name, &p);
    }
  }
  std::vector<std::string> usi_names;
  for (const auto& p : st.spec->players) {
    if (p.kind == spec::player_kind::usi) {
      usi_names.push_back(p.name);
    }
  }
  st.log_stems = storage::engine_log_stems(usi_names);
  st.tournament = tournament;
  st.tournament_addr = tournament.address();
  st.keep_alive = caf::actor_cast<caf::actor>(self);
  self->monitor(tournament);
  // The reactor's thread answers moves itself or hands engine events to this
  // actor (weakly: the reactor lives in this actor's state).
  auto weak = caf::actor_cast<caf::weak_actor_ptr>(caf::actor_cast<caf::strong_actor_ptr>(self));
  auto reactor = usi::engine_reactor::start(
      [weak, registry = st.registry](usi::reactor_event event) { on_reactor_event(weak, *registry, std::move(event)); });
  if (!reactor) {
    self->send(st.tournament, atom::fault_v, "USI engines: " + reactor.error().message);
    st.shutting_down = true;
    self->send(self, atom::done_v);  // quit once the behavior is installed
    return {[self](atom::done) { self->quit(); }};
  }
  st.reactor = std::shared_ptr<usi::engine_reactor>(std::move(*reactor));
  st.registry->reactor = st.reactor.get();  // before any spawn posts to the reactor
  // A worker node stops its pools with an exit message: trapped, so that
  // those engines too are sent quit and given their graces, not SIGKILLed
  // as the state goes. The pool quits once the last one is gone.
  self->set_exit_handler([self](caf::exit_msg&) {
    if (!self->state.shutting_down) {
      shutdown_all(self);
    }
  });
  self->set_down_handler([self](caf::down_msg& dm) {
    auto& st = self->state;
    if (dm.source == st.tournament_addr) {
      st.tournament = nullptr;
      shutdown_all(self);
      return;
    }
    for (auto& [id, e] : st.engines) {
      if (e.lessee == dm.source) {
        auto core = e.core;
        core_guard lock(*core);
        release(self, e);
      }
    }
  });
  return {
      [self](atom::lease, const std::string& player) -> caf::result<std::uint64_t, std::string, usi_lease_ptr> {
        auto& st = self->state;
        auto it = st.players.find(player);
        if (st.shutting_down || it == st.players.end()) {
          return {std::uint64_t{0},
                  st.shutting_down ? std::string("the tournament ended") : "no USI player named '" + player + "'",
                  usi_lease_ptr{}};
        }
        auto sender = caf::actor_cast<caf::actor>(self->current_sender());
        if (!sender) {
          return {std::uint64_t{0}, std::string("a lease needs a sender"), usi_lease_ptr{}};
        }
        const auto lessee = sender.address();
        self->monitor(sender);
        auto rp = self->make_response_promise();
        engine* chosen = nullptr;
        for (auto& [id, e] : st.engines) {
          if (e.player == player && e.at == stage::idle && !e.lessee) {
            chosen = &e;
            break;
          }
        }
        if (chosen != nullptr) {
          chosen->lessee = lessee;
          chosen->lease_reply = rp;
          chosen->at = stage::new_game;
          auto core = chosen->core;
          core_guard lock(*core);
          run(self, *chosen, core->session->new_game());
        } else {
          chosen = start_engine(self, *it->second);
          chosen->lessee = lessee;
          chosen->lease_reply = rp;
        }
        return rp;
      },
      [self](atom::move, std::uint64_t id, std::uint64_t ply, rt::turn& t) {
        auto& st = self->state;
        auto game = caf::actor_cast<caf::actor>(self->current_sender());
        if (!game) {
          return;
        }
        auto it = st.engines.find(id);
        if (it == st.engines.end() || it->second.at != stage::playing) {
          self->send(game, atom::move_v, ply,
                     player_answer{std::nullopt, "the engine is not available", rt::no_decision::player_gone});
          return;
        }
        auto& e = it->second;
        auto core = e.core;
        core_guard lock(*core);
        if (core->session->current_phase() != usi::engine_session::phase::idle) {
          self->send(game, atom::move_v, ply,
                     player_answer{std::nullopt, "the engine is not available", rt::no_decision::player_gone});
          return;
        }
        core->waiter = {std::move(game), ply, nullptr};  // answered by message
        run(self, e, start_search(*core, t));
      },
      [self](atom::done, std::uint64_t id, const std::string& outcome) {
        auto& st = self->state;
        auto it = st.engines.find(id);
        if (it == st.engines.end()) {
          return;
        }
        auto& e = it->second;
        auto core = e.core;
        core_guard lock(*core);
        if (e.at == stage::playing && core->session->current_phase() == usi::engine_session::phase::idle &&
            !outcome.empty()) {
          auto result = outcome == "win"    ? usi::game_result::win
                        : outcome == "lose" ? usi::game_result::lose
                                            : usi::game_result::draw;
          run(self, e, core->session->game_over(result));
        }
        release(self, e);
      },
      [self](atom::usi_io, std::uint64_t id, usi::session_actions& actions) {
        auto& st = self->state;
        auto it = st.engines.find(id);
        if (it == st.engines.end()) {
          return;
        }
        auto core = it->second.core;
        core_guard lock(*core);
        --core->forwarded;
        run(self, it->second, std::move(actions));
      },
      [self](atom::usi_io, usi::reactor_event& event, bool counted) {
        auto& st = self->state;
        auto it = st.engines.find(event.id);
        if (it == st.engines.end()) {
          return;
        }
        auto& e = it->second;
        auto core = e.core;  // forget() below drops the engine's own reference
        core_guard lock(*core);
        if (counted) {
          --core->forwarded;
        }
        auto& session = *core->session;
        using kind = usi::reactor_event::kind;
        switch (event.what) {
          case kind::spawned:
            return;
          case kind::spawn_failed: {
            auto message = fmt::format("engine '{}' could not be started: {}", e.player, event.error);
            run(self, e, usi::session_actions{usi::engine_fault{usi::fault_kind::startup_failed, message}});
            forget(self, event.id);
            return;
          }
          case kind::lines:
            for (const auto& line : event.lines) {
              run(self, e, session.on_line(line));
            }
            return;
          case kind::timer:
            run(self, e, session.on_timer(event.timer));
            return;
          case kind::eof:
          case kind::input_closed:
            run(self, e, session.on_eof());
            return;
          case kind::exited:
            if (event.status) {
              run(self, e, session.on_exit(*event.status));
            }
            forget(self, event.id);
            return;
        }
      },
  };
}

}  // namespace

usi_engines_actor spawn_usi_engines(caf::event_based_actor* tournament, std::string folder,
                                    std::shared_ptr<const spec::tournament_spec> spec) {
  bool any = false;
  for (const auto& p : spec->players) {
    any = any || p.kind == spec::player_kind::usi;
  }
  if (!any) {
    return {};
  }
  return tournament->spawn(pool_behavior, caf::actor_cast<caf::actor>(tournament), std::move(folder),
                           std::move(spec));
}

}  // namespace tourney::detail
