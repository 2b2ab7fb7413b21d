#include "tourney/detail/usi_engine_core.hpp"

#include <atomic>

#include <fmt/format.h>

#include "caf/send.hpp"

#include "tourney/detail/type_ids.hpp"
#include "tourney/usi/player_decision.hpp"

namespace tourney::detail {

namespace {

// Hands actions that need the pool's state to it (under the core's lock).
void forward_to_pool(engine_core& core, usi::session_actions actions) {
  ++core.forwarded;
  if (auto pool = caf::actor_cast<caf::actor>(core.pool)) {
    caf::anon_send(pool, atom::usi_io_v, std::uint64_t{core.id}, std::move(actions));
  }
}

class engine_lease final : public usi_engine_lease {
 public:
  engine_lease(std::weak_ptr<engine_core> core, std::uint64_t number) : core_(std::move(core)), number_(number) {}

  std::optional<player_answer> ask(const caf::actor& game, const move_sink_ptr& sink, std::uint64_t ply,
                                   const rt::turn& t) override {
    auto core = core_.lock();
    // Held for the call: should the pool end meanwhile, its engines die here.
    auto reactor = core ? core->reactor.lock() : nullptr;
    if (!core || !reactor) {
      return player_answer{std::nullopt, "the engine pool ended", rt::no_decision::player_gone};
    }
    // A sink calls this holding its own lock: nothing is handed to a sink from here.
    core_guard lock(*core, core_guard::delivery::message);
    if (core->lease != number_ || core->session->current_phase() != usi::engine_session::phase::idle) {
      return player_answer{std::nullopt, fmt::format("engine '{}' is not available", core->player),
                           rt::no_decision::player_gone};
    }
    if (core->forwarded > 0) {
      // Events wait at the pool: the move goes behind them, in order.
      if (auto pool = caf::actor_cast<caf::actor>(core->pool)) {
        caf::send_as(game, pool, atom::move_v, std::uint64_t{core->id}, ply, t);
        return std::nullopt;
      }
      return player_answer{std::nullopt, "the engine pool ended", rt::no_decision::player_gone};
    }
    auto actions = start_search(*core, t);
    if (!actions) {
      return player_answer{std::nullopt, actions.error().message, rt::no_decision::player_gone};
    }
    core->waiter = {game, ply, sink};
    run_here(*reactor, *core, std::move(*actions));
    return std::nullopt;
  }

 private:
  std::weak_ptr<engine_core> core_;
  std::uint64_t number_;
};

}  // namespace

core_guard::core_guard(engine_core& core, delivery how) : core_(core), how_(how), lock_(core.lock) {}

core_guard::~core_guard() {
  auto answers = std::move(core_.outbox);
  core_.outbox.clear();
  lock_.unlock();
  for (auto& a : answers) {
    if (how_ == delivery::direct) {
      a.sink->on_move(a.ply, std::move(a.answer));
    } else {
      caf::anon_send(a.game, atom::move_v, a.ply, std::move(a.answer));
    }
  }
}

expected<usi::session_actions> start_search(engine_core& core, const rt::turn& t) {
  auto limits = t.limits;
  if (core.nodes > 0) {
    limits.nodes = core.nodes;  // the player's own node limit overrides the match's
  }
  core.history.update(t.start, t.history);
  return core.session->go(core.history.start_sfen(), core.history.moves(), limits, t.deadline);
}

// Under the core's lock, on any thread.
void answer_move(engine_core& core, player_answer answer) {
  if (core.waiter.sink) {
    core.outbox.push_back({std::move(core.waiter.sink), std::move(core.waiter.game), core.waiter.ply,
                           std::move(answer)});
    core.waiter = {};
  } else if (core.waiter.game) {
    caf::anon_send(core.waiter.game, atom::move_v, core.waiter.ply, std::move(answer));
    core.waiter = {};
  }
}

player_answer decided_answer(const engine_core& core, const usi::engine_decided& decided) {
  auto d = usi::to_player_decision(decided.decision);
  if (d) {
    return {std::move(*d), {}};
  }
  return {std::nullopt, fmt::format("engine '{}': {}", core.player, d.error().message),
          rt::no_decision::illegal_move};
}

// The actions either thread carries out alike (under the core's lock);
// false for those that need the pool's state.
bool run_plain(usi::engine_reactor& reactor, usi::engine_id id, engine_core& core,
               usi::session_action& action, std::vector<std::string>& lines) {
  if (auto* line = std::get_if<usi::send_line>(&action)) {
    lines.push_back(std::move(line->line));
  } else if (auto* timer = std::get_if<usi::arm_timer>(&action)) {
    // In the reactor's epoll timeout, not a delayed message: arming and
    // cancelling cost no wake-up of the actor clock's thread.
    reactor.set_timer(id, timer->id, std::chrono::steady_clock::now() + timer->after);
    core.timer_set = true;
  } else if (auto* sig = std::get_if<usi::signal_process>(&action)) {
    if (!lines.empty()) {
      reactor.write(id, std::move(lines));
      lines.clear();
    }
    reactor.signal(id, sig->signal);
  } else if (auto* decided = std::get_if<usi::engine_decided>(&action)) {
    answer_move(core, decided_answer(core, *decided));
  } else if (auto* f = std::get_if<usi::engine_fault>(&action);
             f != nullptr && f->kind == usi::fault_kind::illegal_move) {
    answer_move(core, {std::nullopt, f->message, rt::no_decision::illegal_move});
    // the engine answered: it stays usable
  } else {
    return false;
  }
  return true;
}

void finish_plain(usi::engine_reactor& reactor, usi::engine_id id, engine_core& core,
                  std::vector<std::string>& lines) {
  if (!lines.empty()) {
    reactor.write(id, std::move(lines));
  }
  if (core.timer_set && !core.session->live_timer()) {
    reactor.cancel_timer(id);  // answered in time: no stale timer event later
    core.timer_set = false;
  }
}

// Carries out `actions` on this thread as far as they are plain; the rest
// goes to the pool (under the core's lock).
void run_here(usi::engine_reactor& reactor, engine_core& core, usi::session_actions actions) {
  std::vector<std::string> lines;
  std::size_t done = 0;
  while (done < actions.size() && run_plain(reactor, core.id, core, actions[done], lines)) {
    ++done;
  }
  finish_plain(reactor, core.id, core, lines);
  if (done < actions.size()) {
    actions.erase(actions.begin(), actions.begin() + static_cast<std::ptrdiff_t>(done));
    forward_to_pool(core, std::move(actions));
  }
}


usi_lease_ptr make_lease(const std::shared_ptr<engine_core>& core) {
  static std::atomic<std::uint64_t> leases{0};
  core->lease = ++leases;
  return std::make_shared<engine_lease>(core, core->lease);
}

}  // namespace tourney::detail
