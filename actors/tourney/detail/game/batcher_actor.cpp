// The batcher of one batched host policy: a dispatch table over
// rt::batch_gatherer (when to call) and the policy's call threads (where
// evaluate runs). It keeps each request's payload and response promise until
// its call comes back, answers each game with its own decision, and tells
// each tournament how its positions were batched.
//
// Deadlines: the batcher answers a request whose move deadline passed with
// a timeout itself (one timer for all requests, armed at the earliest
// deadline), so games ask without a timeout of their own: a CAF request
// timeout per move would wake the actor clock's thread once per move.
//
// Faults: evaluate throwing or returning another number of decisions
// answers every request of that call with an error (the policy's side loses
// by `error`); a call still running when the latest deadline of its
// requests has passed marks the policy failed: its games have already lost
// on time, and every request from then on is answered with the error at once.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>

#include "caf/actor_system.hpp"
#include "caf/send.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/typed_event_based_actor.hpp"
#include "tourney/detail/actors.hpp"
#include "tourney/detail/game/batcher.hpp"
#include "tourney/detail/game/exception_reason.hpp"
#include "tourney/runtime/batch_gatherer.hpp"

namespace tourney::detail {

namespace {

using steady = std::chrono::steady_clock;

/// The batcher's own messages, besides what games may send.
using batcher_impl =
    batcher_actor::extend<caf::reacts_to<atom::done, std::uint64_t, call_result>,
                          caf::reacts_to<atom::flush>, caf::reacts_to<atom::fault, std::uint64_t>,
                          caf::reacts_to<atom::deadline>>;

struct pending_request {
  caf::typed_response_promise<player_answer> promise;
  batch_request request;
  caf::actor tournament;
  steady::time_point deadline;
  std::uint64_t game = 0;
  bool answered = false;  // timed out while its call ran
};

struct running_call {
  std::vector<pending_request> requests;
};

struct batcher_state {
  static inline const char* name = "batcher";
  std::string policy;
  std::shared_ptr<policy_call_threads> threads;
  std::optional<rt::batch_gatherer> core;
  std::map<caf::actor_addr, std::uint64_t> game_keys;
  std::uint64_t next_game = 1;
  std::map<std::uint64_t, pending_request> requests;
  std::uint64_t next_request = 1;
  std::map<std::uint64_t, running_call> calls;
  /// Why the policy no longer answers ("" = it does).
  std::string failed;
  std::optional<steady::time_point> flush_at;
  std::optional<steady::time_point> deadline_at;

  ~batcher_state() {
    if (threads) {
      threads->close();
    }
  }
};

using batcher_self = batcher_impl::stateful_pointer<batcher_state>;

player_answer error_answer(std::string why) {
  return player_answer{std::nullopt, std::move(why), rt::no_decision::player_error};
}

player_answer timeout_answer() {
  return player_answer{std::nullopt, "no answer before the deadline", rt::no_decision::timeout};
}

// One timer for every request's deadline: armed at the earliest one.
void arm_deadline_timer(batcher_self self, steady::time_point at) {
  auto& st = self->state;
  if (st.deadline_at && *st.deadline_at <= at) {
    return;
  }
  st.deadline_at = at;
  self->delayed_send(self, std::max(steady::duration::zero(), at - steady::now()),
                     atom::deadline_v);
}

void arm_flush_timer(batcher_self self) {
  auto& st = self->state;
  auto at = st.core->next_flush();
  if (!at || (st.flush_at && *st.flush_at <= *at)) {
    return;
  }
  st.flush_at = at;
  const auto delay = std::max(steady::duration::zero(), *at - steady::now());
  self->delayed_send(self, delay, atom::flush_v);
}

// Hands each call the gatherer started to the call threads.
void start_calls(batcher_self self, rt::start_calls calls) {
  auto& st = self->state;
  for (auto& c : calls) {
    auto batch = std::make_shared<move_batch>();
    batch->requests.reserve(c.requests.size());
    running_call call;
    call.requests.reserve(c.requests.size());
    auto latest = steady::now();
    for (auto id : c.requests) {
      auto it = st.requests.find(id);
      if (it == st.requests.end()) {
        continue;  // cannot happen: dropped requests leave the gatherer too
      }
      latest = std::max(latest, it->second.deadline);
      batch->requests.push_back(std::move(it->second.request));
      call.requests.push_back(std::move(it->second));
      st.requests.erase(it);
    }
    st.calls.emplace(c.call, std::move(call));
    st.threads->submit(c.call, std::move(batch));
    // Past every request's deadline, a call still running has hung.
    self->delayed_send(self, latest - steady::now() + std::chrono::milliseconds(100), atom::fault_v,
                       c.call);
  }
  arm_flush_timer(self);
}

// The policy failed: everything waiting is answered with the reason.
void fail_policy(batcher_self self, std::string why) {
  auto& st = self->state;
  st.failed = std::move(why);
  for (auto& [id, r] : st.requests) {
    r.promise.deliver(error_answer(st.failed));
  }
  st.requests.clear();
}

void answer_call(batcher_self self, std::uint64_t call_id, call_result& result) {
  auto& st = self->state;
  auto it = st.calls.find(call_id);
  if (it == st.calls.end()) {
    return;
  }
  auto call = std::move(it->second);
  st.calls.erase(it);
  const auto n = call.requests.size();
  std::string error;
  if (!result.error.empty()) {
    error = fmt::format("policy '{}': evaluate threw: {}", st.policy, result.error);
  } else if (result.decisions.size() != n) {
    error = fmt::format("policy '{}': evaluate returned {} decisions for {} requests", st.policy,
                        result.decisions.size(), n);
  }
  std::map<caf::actor_addr, std::pair<caf::actor, std::uint64_t>> per_tournament;
  for (std::size_t i = 0; i < n; ++i) {
    auto& r = call.requests[i];
    if (r.answered) {
      // timed out meanwhile: its game is over
    } else if (error.empty()) {
      r.promise.deliver(
          player_answer{std::move(result.decisions[i]), {}, rt::no_decision::player_error});
    } else {
      r.promise.deliver(error_answer(error));
    }
    auto& t = per_tournament[r.tournament.address()];
    t.first = r.tournament;
    ++t.second;
  }
  for (auto& [addr, t] : per_tournament) {
    if (t.first) {
      // A batched policy's games are always a tournament's (host policies
      // never play on workers): checked against the tournament's interface.
      self->send(caf::actor_cast<tournament_actor>(t.first), atom::policy_v, st.policy, t.second,
                 static_cast<std::uint64_t>(n), result.seconds);
    }
  }
  start_calls(self, st.core->call_done(call_id, steady::now()));
}

std::uint64_t game_key(batcher_self self) {
  auto& st = self->state;
  const auto addr = self->current_sender() ? self->current_sender()->address() : caf::actor_addr();
  auto it = st.game_keys.find(addr);
  if (it != st.game_keys.end()) {
    return it->second;
  }
  const auto key = st.next_game++;
  st.game_keys.emplace(addr, key);
  if (auto sender = caf::actor_cast<caf::strong_actor_ptr>(self->current_sender())) {
    self->monitor(sender);
  }
  return key;
}

// A game that ends (or stops) leaves the batch it was expected in.
void on_game_down(batcher_self self, caf::down_msg& dm) {
  auto& st = self->state;
  auto it = st.game_keys.find(dm.source);
  if (it == st.game_keys.end()) {
    return;
  }
  auto left = st.core->leave(it->second, steady::now());
  st.game_keys.erase(it);
  for (auto id : left.dropped) {
    st.requests.erase(id);
  }
  start_calls(self, std::move(left.calls));
}

// A game's request: gathered, answered when its call returns or at its deadline.
caf::result<player_answer> on_ask(batcher_self self, batch_ask& ask) {
  auto& st = self->state;
  const auto key = game_key(self);
  if (!st.failed.empty()) {
    // Not asked: the game is not expected either.
    start_calls(self, st.core->wait_opponent(key, steady::now()));
    return error_answer(st.failed);
  }
  auto promise = self->make_response_promise<player_answer>();
  const auto id = st.next_request++;
  const auto deadline = steady::now() + ask.deadline;
  st.requests.emplace(id, pending_request{promise, std::move(ask.request), std::move(ask.tournament), deadline, key});
  arm_deadline_timer(self, deadline);
  start_calls(self, st.core->ask(key, id, steady::now()));
  return promise;
}

// The earliest deadline came: answer every request past its own.
void on_deadline(batcher_self self) {
  auto& st = self->state;
  st.deadline_at.reset();
  const auto now = steady::now();
  std::optional<steady::time_point> next;
  auto consider = [&next](steady::time_point t) { next = next ? std::min(*next, t) : t; };
  std::vector<std::uint64_t> late_games;
  for (auto it = st.requests.begin(); it != st.requests.end();) {
    if (it->second.deadline <= now) {
      it->second.promise.deliver(timeout_answer());
      late_games.push_back(it->second.game);
      it = st.requests.erase(it);
    } else {
      consider(it->second.deadline);
      ++it;
    }
  }
  for (auto& [id, call] : st.calls) {
    for (auto& r : call.requests) {
      if (r.answered) {
        continue;
      }
      if (r.deadline <= now) {
        r.promise.deliver(timeout_answer());
        r.answered = true;
      } else {
        consider(r.deadline);
      }
    }
  }
  // A game whose request timed out has lost: it asks no more.
  for (auto game : late_games) {
    auto left = st.core->leave(game, now);
    for (auto dropped : left.dropped) {
      st.requests.erase(dropped);
    }
    start_calls(self, std::move(left.calls));
  }
  if (next) {
    arm_deadline_timer(self, *next);
  }
}

// A call still inside evaluate when its moves' deadlines passed fails the policy.
void on_call_overdue(batcher_self self, std::uint64_t call) {
  auto& st = self->state;
  if (st.calls.count(call) == 0 || !st.failed.empty()) {
    return;  // it came back in time
  }
  fail_policy(self, fmt::format("policy '{}' failed: a call of evaluate did not return before the "
                                "deadline of its moves",
                                st.policy));
}

batcher_impl::behavior_type batcher_behavior(batcher_self self, std::string policy,
                                             batched_policy_options options,
                                             std::shared_ptr<policy_call_threads> threads) {
  self->set_exception_handler(exception_reason);
  auto& st = self->state;
  st.policy = std::move(policy);
  st.threads = std::move(threads);
  rt::batch_gatherer_config config;
  config.max_batch = options.max_batch;
  config.max_calls_in_flight = options.max_calls_in_flight;
  if (options.max_wait) {
    config.max_wait = std::chrono::duration_cast<std::chrono::nanoseconds>(*options.max_wait);
  }
  st.core.emplace(config);
  // Results come from the call threads as messages (the sink runs there).
  auto me = caf::actor_cast<batcher_impl>(self);
  st.threads->set_sink([me](std::uint64_t call, call_result result) {
    caf::anon_send(me, atom::done_v, call, std::move(result));
  });
  self->set_down_handler([self](caf::down_msg& dm) { on_game_down(self, dm); });
  return {
      [self](atom::join) { self->state.core->join(game_key(self)); },
      [self](atom::waiting) {
        start_calls(self, self->state.core->wait_opponent(game_key(self), steady::now()));
      },
      [self](atom::move, batch_ask& ask) { return on_ask(self, ask); },
      [self](atom::done, std::uint64_t call, call_result& result) {
        answer_call(self, call, result);
      },
      [self](atom::flush) {
        auto& st = self->state;
        st.flush_at.reset();
        start_calls(self, st.core->flush_due(steady::now()));
      },
      [self](atom::deadline) { on_deadline(self); },
      [self](atom::fault, std::uint64_t call) { on_call_overdue(self, call); },
  };
}

}  // namespace

batcher_actor spawn_batcher(caf::actor_system& sys, std::string policy,
                            batched_policy_options options,
                            std::shared_ptr<policy_call_threads> threads) {
  return caf::actor_cast<batcher_actor>(
      sys.spawn(batcher_behavior, std::move(policy), std::move(options), std::move(threads)));
}

}  // namespace tourney::detail
