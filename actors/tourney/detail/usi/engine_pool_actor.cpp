// The engine pool actor of one tournament (see usi/engine_pool.hpp): the CAF
// face of its engine host. It turns leases into requests to the host and
// their replies back into responses, watches the lessees and the tournament,
// and lives until the host says its last engine is gone.
#include <map>

#include <fmt/format.h>

#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/typed_event_based_actor.hpp"
#include "caf/response_promise.hpp"
#include "caf/send.hpp"
#include "caf/stateful_actor.hpp"

#include "tourney/detail/errors.hpp"
#include "tourney/detail/actors.hpp"
#include "tourney/detail/game/exception_reason.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/detail/usi/engine_host.hpp"
#include "tourney/detail/usi/engine_pool.hpp"
#include "tourney/storage/names.hpp"

namespace tourney::detail {

namespace {

struct pool_state {
  static inline const char* name = "engine_pool";
  // A strong handle to the pool itself, until it quits (the state goes with
  // it). Without it the pool died with the tournament's last handle to it,
  // before it could read the down message, and its engines were SIGKILLed
  // instead of sent quit. With it the pool outlives the tournament until
  // its engines are gone (bounded by their graces), and the actor system
  // waits for that at shutdown.
  engine_pool_actor keep_alive;
  caf::actor tournament;
  caf::actor_addr tournament_addr;
  std::map<usi::lease_request_id, caf::typed_response_promise<std::uint64_t, usi_lease_ptr>> replies;
  usi::lease_request_id next_request = 1;
  bool shutting_down = false;
  std::shared_ptr<engine_host> host;  // leases hold it weakly
};

using pool_self = engine_pool_actor::stateful_pointer<pool_state>;

void shutdown_all(pool_self self) {
  auto& st = self->state;
  if (!st.shutting_down) {
    st.shutting_down = true;
    st.host->shutdown();  // (done) follows once the last engine is gone
  }
}

std::vector<usi::pool_player> pool_players(const spec::tournament_spec& spec, const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& p : spec.players) {
    if (p.kind() == spec::player_kind::usi) {
      names.push_back(p.name);
    }
  }
  const auto stems = storage::engine_log_stems(names);
  std::vector<usi::pool_player> players;
  for (const auto& p : spec.players) {
    if (const auto* u = p.as_usi()) {
      players.push_back({p.name, u->engine, u->nodes, fmt::format("{}/engines/{}-", folder, stems.at(p.name)), folder});
    }
  }
  return players;
}

// A pool whose engine host could not start: it answers leases with why, then quits.
engine_pool_actor::behavior_type without_engines(pool_self self) {
  return {
      [](atom::lease, std::string&) -> caf::result<std::uint64_t, usi_lease_ptr> {
        return make_error(errc::engine_unavailable, "the USI engines could not start");
      },
      [](atom::lease, std::uint64_t, std::uint64_t, std::uint64_t, std::string&) {},
      [](atom::fault, std::string&) {},
      [self](atom::done) { self->quit(); },
  };
}

// Its tournament gone, every engine is shut down; a lessee gone, its engine is free.
void on_down(pool_self self, caf::down_msg& dm) {
  auto& st = self->state;
  if (dm.source == st.tournament_addr) {
    st.tournament = nullptr;
    shutdown_all(self);
    return;
  }
  st.host->release_lessee(dm.source.id());
}

// A usi player's lease, answered once the engine host has an engine ready.
caf::result<std::uint64_t, usi_lease_ptr> lease(pool_self self, std::string player) {
  auto& st = self->state;
  if (st.shutting_down) {
    return make_error(errc::engine_unavailable, "the tournament ended");
  }
  auto sender = caf::actor_cast<caf::actor>(self->current_sender());
  if (!sender) {
    return make_error(errc::engine_unavailable, "a lease needs a sender");
  }
  self->monitor(sender);
  const auto request = st.next_request++;
  st.replies.emplace(request, self->make_response_promise<std::uint64_t, usi_lease_ptr>());
  st.host->lease(request, sender.id(), std::move(player));
  return st.replies.at(request);
}

void answer_lease(pool_self self, usi::lease_request_id request, std::uint64_t engine, std::uint64_t number,
                  std::string error) {
  auto& st = self->state;
  auto it = st.replies.find(request);
  if (it == st.replies.end()) {
    return;
  }
  if (error.empty()) {
    it->second.deliver(engine, std::make_shared<const usi_lease>(usi_lease{st.host, {engine, number}}));
  } else {
    it->second.deliver(make_error(errc::engine_unavailable, std::move(error)));
  }
  st.replies.erase(it);
}

engine_pool_actor::behavior_type pool_behavior(pool_self self, caf::actor tournament, std::string folder,
                            std::shared_ptr<const spec::tournament_spec> spec, std::size_t games_at_once) {
  self->set_exception_handler(exception_reason);
  auto& st = self->state;
  st.tournament = tournament;
  st.tournament_addr = tournament.address();
  st.keep_alive = caf::actor_cast<engine_pool_actor>(self);
  self->monitor(tournament);
  auto host = engine_host::start(caf::actor_cast<engine_pool_actor>(self), pool_players(*spec, folder), games_at_once,
                                 folder + "/engines");
  if (!host) {
    caf::send_as(caf::actor_cast<caf::actor>(self), st.tournament, atom::fault_v,
                 "USI engines: " + host.error().message);
    self->send(self, atom::done_v);  // quit once the behavior is installed
    st.shutting_down = true;
    return without_engines(self);
  }
  st.host = std::move(*host);
  // A worker node stops its pools with an exit message: trapped, so that
  // those engines too are sent quit and given their graces, not SIGKILLed
  // as the state goes. The pool quits once the last one is gone.
  self->set_exit_handler([self](caf::exit_msg&) { shutdown_all(self); });
  self->set_down_handler([self](caf::down_msg& dm) { on_down(self, dm); });
  return {
      [self](atom::lease, std::string& player) { return lease(self, std::move(player)); },
      // The host's reply to a lease.
      [self](atom::lease, usi::lease_request_id request, std::uint64_t engine, std::uint64_t number,
             std::string& error) { answer_lease(self, request, engine, number, std::move(error)); },
      [self](atom::fault, std::string& message) {
        auto& st = self->state;
        if (!st.shutting_down && st.tournament) {
          // Its parent is a tournament or a worker node (dynamically typed): sent as self.
          caf::send_as(caf::actor_cast<caf::actor>(self), st.tournament, atom::fault_v, std::move(message));
        }
      },
      [self](atom::done) {
        if (self->state.shutting_down) {
          self->quit();
        }
      },
  };
}

}  // namespace

engine_pool_actor spawn_engine_pool(caf::local_actor* tournament, std::string folder,
                                    std::shared_ptr<const spec::tournament_spec> spec, std::size_t games_at_once) {
  bool any = false;
  for (const auto& p : spec->players) {
    any = any || p.kind() == spec::player_kind::usi;
  }
  if (!any) {
    return {};
  }
  return tournament->spawn(pool_behavior, caf::actor_cast<caf::actor>(tournament), std::move(folder),
                           std::move(spec), games_at_once);
}

}  // namespace tourney::detail
