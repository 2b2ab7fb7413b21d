// The embedding facade: owns (or joins) an actor system, spawns the hub, the
// persistence actor and the supervisor, and turns each call into one request.
#include "tourney/runtime.hpp"

#include <mutex>

#include <thread>

#include "caf/actor_system.hpp"
#include "caf/actor_system_config.hpp"
#include "caf/duration.hpp"
#include "caf/exit_reason.hpp"
#include "caf/scoped_actor.hpp"
#include "caf/sec.hpp"
#include "caf/send.hpp"

#include <cstdio>
#include <set>

#include <fmt/format.h>

#include "tourney/detail/actors.hpp"
#include "tourney/detail/coordinator/resume_order.hpp"
#include "tourney/detail/errors.hpp"
#include "tourney/detail/game/batcher.hpp"
#include "tourney/detail/game/policy_call_threads.hpp"
#include "tourney/detail/game/default_referee.hpp"
#include "tourney/detail/coordinator/subscription_state.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/runtime_caf.hpp"
#include "tourney/testing.hpp"
#include "tourney/detail/remote/network_config.hpp"
#include "tourney/spec/host_port.hpp"
#include "tourney/durable/retention.hpp"
#include "tourney/schedule/check.hpp"
#include "tourney/schedule/openings.hpp"
#include "tourney/spec/limits.hpp"
#include "tourney/spec/validate.hpp"

namespace tourney {

namespace {

// Host calls never wait forever on the runtime's actors.
const caf::duration call_timeout{std::chrono::seconds(60)};

}  // namespace

// -- subscriptions --------------------------------------------------------------

namespace detail {

void subscription_state::stop() {
  std::call_once(stopped, [this] {
    if (unsubscribe) {
      unsubscribe(id);
    }
    queue->close();
    if (delivery.joinable()) {
      if (delivery.get_id() == std::this_thread::get_id()) {
        delivery.detach();  // a callback dropping its own subscription
      } else {
        delivery.join();
      }
    }
  });
}

subscription_state::~subscription_state() {
  stop();
}

}  // namespace detail

subscription::subscription(std::shared_ptr<detail::subscription_state> state) : state_(std::move(state)) {}
subscription::subscription(subscription&&) noexcept = default;
subscription& subscription::operator=(subscription&& other) noexcept {
  if (this != &other) {
    cancel();
    state_ = std::move(other.state_);
  }
  return *this;
}
subscription::~subscription() {
  cancel();
}
void subscription::cancel() {
  if (state_) {
    state_->stop();
  }
}
std::uint64_t subscription::failures() const {
  return state_ ? state_->failures.load() : 0;
}
std::string subscription::last_failure() const {
  if (!state_) {
    return {};
  }
  std::lock_guard<std::mutex> guard(state_->mutex);
  return state_->last_failure;
}

event_poller::event_poller(std::shared_ptr<detail::subscription_state> state) : state_(std::move(state)) {}
event_poller::event_poller(event_poller&&) noexcept = default;
event_poller& event_poller::operator=(event_poller&& other) noexcept {
  if (this != &other) {
    if (state_) {
      state_->stop();
    }
    state_ = std::move(other.state_);
  }
  return *this;
}
event_poller::~event_poller() {
  if (state_) {
    state_->stop();
  }
}
int event_poller::fd() const {
  return state_ ? state_->queue->fd() : -1;
}
std::vector<tournament_event> event_poller::poll() {
  return state_ ? state_->queue->take_all() : std::vector<tournament_event>{};
}
std::optional<tournament_event> event_poller::next(std::chrono::milliseconds timeout) {
  return state_ ? state_->queue->pop(timeout) : std::nullopt;
}

// -- the runtime ----------------------------------------------------------------

namespace {

// Worker addresses and TLS files, checked before anything connects.
std::string check_remote_options(const runtime_options& o) {
  for (const auto& w : o.workers) {
    if (auto ok = spec::parse_host_port(w); !ok) {
      return "worker " + ok.error().message;
    }
  }
  if (auto ok = spec::check_tls(o.tls); !ok) {
    return ok.error().message;
  }
  return {};
}


}  // namespace

class runtime::impl : public std::enable_shared_from_this<runtime::impl> {
 public:
  impl(caf::actor_system* host, runtime_options options, rt::referee_factory referee = {})
      : options_(std::move(options)) {
    if (host == nullptr) {
      add_message_types(config_);
      detail::configure_scheduler(config_, options_.scheduler_threads);
      if (!options_.workers.empty()) {
        init_error_ = check_remote_options(options_);
        if (init_error_.empty()) {
          detail::network_settings net;
          net.tls = options_.tls;
          net.heartbeat_interval = options_.heartbeat_interval;
          net.connection_timeout = options_.worker_timeout;
          detail::configure_network(config_, net);
        }
      }
      owned_ = std::make_unique<caf::actor_system>(config_);
      sys_ = owned_.get();
    } else {
      sys_ = host;
      if (!options_.workers.empty()) {
        init_error_ = check_remote_options(options_);
        if (init_error_.empty() && !sys_->has_middleman()) {
          init_error_ = "workers need the host's actor system to load caf::io::middleman "
                        "(see tourney::detail::configure_network)";
        }
      }
    }
    if (!init_error_.empty()) {
      options_.workers.clear();
    }
    auto settings = std::make_shared<const detail::runtime_settings>(
        detail::resolve_settings(options_, std::move(referee)));
    hub_ = detail::spawn_progress_hub(*sys_);
    persistence_ = detail::spawn_persistence(*sys_, true, options_.game_record_files, options_.live_report);
    supervisor_ = detail::spawn_supervisor(*sys_, settings, hub_, persistence_);
  }

  ~impl() {
    shutdown(shutdown_mode::immediate);
    // The supervisor's own delayed messages (slot-wait checks, worker
    // reinstatements) would keep it, and the worker links linked to it,
    // alive until they fire: end it explicitly.
    if (supervisor_) {
      caf::anon_send_exit(supervisor_, caf::exit_reason::user_shutdown);
    }
    // A detached actor's thread ends only when no handle refers to it.
    supervisor_ = nullptr;
    hub_ = nullptr;
    persistence_ = nullptr;
    owned_.reset();  // waits for every actor, detached players included
  }

  // The reply, or why there is none, told by the error's code: a timeout
  // (the runtime is busy or stuck) is never reported as a shut-down; a
  // refusal says its own reason.
  template <class T, class Handle, class... Ts>
  expected<T> call(const Handle& dest, caf::duration timeout, Ts&&... xs) {
    expected<T> out = fail("the runtime is shut down");
    caf::scoped_actor self{*sys_, true};
    self->request(dest, timeout, std::forward<Ts>(xs)...)
        .receive([&](T& x) { out = std::move(x); },
                 [&](caf::error& err) {
                   if (err == caf::sec::request_timeout) {
                     out = fail(fmt::format("no answer from the runtime within {} (busy or stuck)",
                                            caf::to_string(timeout)));
                   } else if (err.category() == detail::error_category) {
                     out = fail(detail::error_text(*sys_, err));
                   }
                 });
    return out;
  }

  expected<std::string> start(const spec::tournament_spec& spec, std::string name, int priority) {
    // The checks `tourney validate` makes too. Openings are read here, on the
    // host's thread: never on an actor.
    auto openings = schedule::check_tournament(spec);
    if (!openings) {
      return fail("invalid tournament spec: " + openings.error().message);
    }
    // The name the tournament is saved under, besides spec.name.
    if (auto ok = spec::limits::check_length(name, "name", spec::limits::name_bytes); !ok) {
      return fail("invalid tournament name: " + ok.error().message);
    }
    if (is_shut_down()) {
      return fail("the runtime is shut down");
    }
    TOURNEY_TRY(check_slots(spec));
    detail::start_order order;
    order.spec = std::make_shared<const spec::tournament_spec>(spec);
    order.openings = std::make_shared<const std::vector<schedule::opening>>(std::move(*openings));
    order.name = std::move(name);
    order.priority = priority;
    prune_history({});
    return submit(std::move(order));
  }

  void warn(const std::string& text) {
    if (options_.on_warning) {
      options_.on_warning(text);
    } else {
      fmt::print(stderr, "tourney: warning: {}\n", text);
    }
  }

  // Retention on disk; never an active tournament of this runtime.
  void prune_history(const std::string& also_keep) {
    durable::retention_policy policy{options_.keep_tournaments, options_.keep_days};
    if (!policy.enabled()) {
      return;
    }
    std::set<std::string> active{also_keep};
    for (const auto& s : list(atom::active_v)) {
      active.insert(s.tournament_id);
    }
    std::string dir = options_.storage_dir.empty() ? "." : options_.storage_dir;
    if (auto removed = durable::prune_tournaments(dir, policy, active); !removed) {
      warn(removed.error().message);
    }
  }

  expected<std::string> resume_from(std::string folder, int priority) {
    while (folder.size() > 1 && folder.back() == '/') {
      folder.pop_back();
    }
    if (is_shut_down()) {
      return fail("the runtime is shut down");
    }
    auto order = detail::resume_order(
        folder, priority, options_.game_record_files,
        [this](const spec::tournament_spec& spec) { return check_slots(spec); },
        [this](const std::string& text) { warn(text); });
    if (!order) {
      return tl::unexpected(order.error());
    }
    prune_history(order->resume_id);
    return submit(std::move(*order));
  }

  expected<std::string> submit(detail::start_order order) {
    return call<std::string>(supervisor_, call_timeout, atom::start_v, std::move(order));
  }

  std::vector<progress_snapshot> snapshots(atom::progress, const std::string& id) {
    return call<std::vector<progress_snapshot>>(supervisor_, call_timeout, atom::progress_v, id)
        .value_or(std::vector<progress_snapshot>{});
  }

  template <class Atom>
  std::vector<progress_snapshot> list(Atom a) {
    return call<std::vector<progress_snapshot>>(supervisor_, call_timeout, a).value_or(std::vector<progress_snapshot>{});
  }

  template <class Atom>
  control_result control(Atom a, const std::string& id) {
    auto r = call<control_result>(supervisor_, call_timeout, a, id);
    if (!r) {
      return {false, r.error().message};
    }
    return *r;
  }

  wait_result wait(const std::string& id, std::chrono::milliseconds timeout) {
    std::optional<wait_status> failed;
    std::vector<progress_snapshot> r;
    {
      caf::scoped_actor self{*sys_, true};
      failed = wait_status::shut_down;
      self->request(supervisor_, caf::duration{timeout}, atom::wait_v, id)
          .receive(
              [&](std::vector<progress_snapshot>& x) {
                r = std::move(x);
                failed.reset();
              },
              [&](caf::error& err) {
                if (err == caf::sec::request_timeout) {
                  failed = wait_status::timed_out;
                }
              });
    }
    if (failed) {
      return wait_result(*failed);
    }
    // The supervisor answers an id it does not know with no snapshot.
    if (r.empty()) {
      return wait_result(wait_status::unknown_id);
    }
    return wait_result(std::move(r.front()));
  }

  std::shared_ptr<detail::subscription_state> add_subscriber(std::size_t capacity) {
    auto st = std::make_shared<detail::subscription_state>();
    st->queue = std::make_shared<rt::event_queue>(capacity);
    {
      std::lock_guard<std::mutex> guard(mutex_);
      st->id = ++next_subscriber_;
    }
    std::weak_ptr<impl> weak = shared_from_this();
    st->unsubscribe = [weak](std::uint64_t id) {
      if (auto self = weak.lock()) {
        self->call<bool>(self->hub_, call_timeout, atom::unsubscribe_v, id);
      }
    };
    // Synchronous, so every event after subscribe() returns is delivered.
    call<bool>(hub_, call_timeout, atom::subscribe_v, st->id, st->queue);
    return st;
  }

  expected<void> register_policy(const std::string& name, policy_factory factory, policy_options options) {
    if (name.empty()) {
      return fail("register_policy: the name must not be empty");
    }
    if (!factory) {
      return fail("register_policy '" + name + "': the factory is empty");
    }
    if (options.max_concurrent_games < 0) {
      return fail("register_policy '" + name + "': max_concurrent_games must be >= 0");
    }
    detail::host_policy p = detail::per_position_policy{std::move(factory), options};
    if (auto ok = call<bool>(supervisor_, call_timeout, atom::policy_v, name, std::move(p)); !ok) {
      return tl::unexpected(ok.error());
    }
    return {};
  }

  expected<void> register_batched_policy(const std::string& name, batch_evaluate evaluate,
                                         batched_policy_options options) {
    const auto where = "register_batched_policy '" + name + "': ";
    if (name.empty()) {
      return fail("register_batched_policy: the name must not be empty");
    }
    if (!evaluate) {
      return fail(where + "evaluate is empty");
    }
    if (options.max_batch == 0 || options.max_games == 0 || options.max_calls_in_flight == 0) {
      return fail(where + "max_batch, max_games and max_calls_in_flight must be >= 1");
    }
    if (options.max_calls_in_flight > 64) {
      return fail(where + "max_calls_in_flight must be <= 64 (one thread each)");
    }
    if (options.max_wait && options.max_wait->count() < 0) {
      return fail(where + "max_wait must not be negative");
    }
    auto threads = std::make_shared<detail::policy_call_threads>(std::move(evaluate), options.max_calls_in_flight);
    auto batcher = detail::spawn_batcher(*sys_, name, options, threads);
    {
      // Kept only while shutdown() has not taken the list: it stops them all.
      std::lock_guard<std::mutex> guard(mutex_);
      if (!shut_down_) {
        batchers_.push_back(batched_policy_parts{caf::actor_cast<caf::actor>(batcher), threads});
      }
    }
    if (is_shut_down()) {
      caf::anon_send_exit(batcher, caf::exit_reason::user_shutdown);
      return fail(where + "the runtime is shut down");
    }
    detail::host_policy p = detail::batched_policy_ref{caf::actor_cast<caf::actor>(batcher), options};
    if (auto ok = call<bool>(supervisor_, call_timeout, atom::policy_v, name, std::move(p)); !ok) {
      return tl::unexpected(ok.error());
    }
    return {};
  }

  bool is_shut_down() {
    std::lock_guard<std::mutex> guard(mutex_);
    return shut_down_;
  }

  void shutdown(shutdown_mode mode) {
    {
      std::lock_guard<std::mutex> guard(mutex_);
      if (actors_stopped_) {
        return;
      }
      shut_down_ = true;
    }
    // Not under a lock: an immediate shutdown escalates a graceful one that
    // another thread is waiting on. Returns once nothing runs (or at once if
    // the actors are already gone).
    call<bool>(supervisor_, caf::duration{caf::infinite}, atom::shutdown_v, mode == shutdown_mode::immediate);
    std::lock_guard<std::mutex> once(shutdown_mutex_);
    {
      std::lock_guard<std::mutex> guard(mutex_);
      if (actors_stopped_) {
        return;
      }
    }
    // Every terminal event went to the hub before the supervisor answered;
    // this round trip makes sure the hub has pushed them all.
    call<bool>(hub_, call_timeout, atom::unsubscribe_v, std::uint64_t{0});
    {
      caf::scoped_actor self{*sys_, true};
      self->send_exit(supervisor_, caf::exit_reason::user_shutdown);
      self->send_exit(hub_, caf::exit_reason::user_shutdown);
      self->send_exit(persistence_, caf::exit_reason::user_shutdown);
      self->wait_for(supervisor_, hub_, persistence_);
      // Every game is over: the batchers end and close their call threads.
      for (auto& b : batched_policies()) {
        self->send_exit(b.batcher, caf::exit_reason::user_shutdown);
        self->wait_for(b.batcher);
      }
    }
    // A host call in progress finishes within the grace or is left running
    // on its thread (policy_call_threads.hpp says what happens to it).
    const auto until = std::chrono::steady_clock::now() + options_.policy_call_grace;
    for (auto& b : batched_policies()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
      (void)b.threads->wait_idle(std::max(left, std::chrono::milliseconds(0)));
    }
    std::lock_guard<std::mutex> guard(mutex_);
    actors_stopped_ = true;
  }

 private:
  // Whether this runtime has anywhere to play the spec's games.
  expected<void> check_slots(const spec::tournament_spec& spec) const {
    if (!init_error_.empty()) {
      return fail(init_error_);
    }
    if (!options_.local_games && options_.workers.empty()) {
      return fail("no game slots: local games are off and no worker is configured");
    }
    // A host policy lives in this process and cannot play on a worker; the
    // slot pool does not keep some games local, so such a spec is refused
    // here rather than failing its games on the workers.
    for (const auto& p : spec.players) {
      if (p.kind() == spec::player_kind::host && !options_.workers.empty()) {
        return fail("player '" + p.name + "' is a host policy, which plays only in this process; "
                    "run it in a runtime without workers");
      }
    }
    return {};
  }

  // A batched policy's batcher and the threads its calls run on.
  struct batched_policy_parts {
    caf::actor batcher;
    std::shared_ptr<detail::policy_call_threads> threads;
  };
  std::vector<batched_policy_parts> batched_policies() {
    std::lock_guard<std::mutex> guard(mutex_);
    return batchers_;
  }

  runtime_options options_;
  std::string init_error_;
  caf::actor_system_config config_;
  std::unique_ptr<caf::actor_system> owned_;
  caf::actor_system* sys_ = nullptr;
  detail::progress_hub_actor hub_;
  detail::persistence_actor persistence_;
  detail::supervisor_actor supervisor_;
  // Host boundary: host threads call the facade at once (ids, the shut-down flags).
  std::mutex mutex_;
  // Host boundary: one host thread stops the actors; others calling shutdown wait for it.
  std::mutex shutdown_mutex_;
  bool shut_down_ = false;
  bool actors_stopped_ = false;
  std::vector<batched_policy_parts> batchers_;  // every batched policy registered (replaced ones too)
  std::uint64_t next_subscriber_ = 0;
};

runtime::runtime(runtime_options options) : impl_(std::make_shared<impl>(nullptr, std::move(options))) {}

runtime::runtime(std::shared_ptr<impl> state) : impl_(std::move(state)) {}

runtime::~runtime() {
  impl_->shutdown(shutdown_mode::immediate);
}

expected<void> runtime::register_batched_policy(const std::string& name, batch_evaluate evaluate,
                                                batched_policy_options options) {
  return impl_->register_batched_policy(name, std::move(evaluate), options);
}

expected<std::string> runtime::start(const spec::tournament_spec& spec, std::string name, int priority) {
  return impl_->start(spec, std::move(name), priority);
}

expected<std::string> runtime::resume_from(const std::string& folder, int priority) {
  return impl_->resume_from(folder, priority);
}

std::optional<progress_snapshot> runtime::progress(const std::string& id) const {
  auto xs = impl_->snapshots(atom::progress_v, id);
  if (xs.empty()) {
    return std::nullopt;
  }
  return xs.front();
}

std::vector<progress_snapshot> runtime::list_active() const {
  return impl_->list(atom::active_v);
}

std::vector<progress_snapshot> runtime::list_all() const {
  return impl_->list(atom::all_v);
}

control_result runtime::pause(const std::string& id) {
  return impl_->control(atom::pause_v, id);
}

control_result runtime::resume(const std::string& id) {
  return impl_->control(atom::resume_v, id);
}

control_result runtime::cancel(const std::string& id) {
  return impl_->control(atom::cancel_v, id);
}

wait_result runtime::wait(const std::string& id, std::chrono::milliseconds timeout) const {
  return impl_->wait(id, timeout);
}

expected<gate_decision> runtime::verdict(const std::string& id,
                                         const std::vector<stats::gate_condition>& conditions) const {
  auto snapshot = progress(id);
  if (!snapshot) {
    return fail(fmt::format("no tournament {} in this runtime", id));
  }
  if (snapshot->status != tournament_status::completed) {
    return fail(fmt::format("tournament {} is {}: a verdict needs a completed tournament{}", id,
                            rt::to_string(snapshot->status),
                            snapshot->is_complete() ? "" : " (wait for it first)"));
  }
  return results::folder_verdict(snapshot->folder, conditions);
}

subscription runtime::subscribe(std::function<void(const tournament_event&)> callback) {
  auto st = impl_->add_subscriber(1024);
  auto* raw = st.get();
  st->delivery = std::thread([raw, cb = std::move(callback)] {
    for (;;) {
      auto e = raw->queue->pop(std::chrono::hours(1));
      if (raw->queue->closed()) {
        return;
      }
      if (!e) {
        continue;
      }
      try {
        cb(*e);
      } catch (const std::exception& ex) {
        raw->failures.fetch_add(1);
        std::lock_guard<std::mutex> guard(raw->mutex);
        raw->last_failure = ex.what();
      } catch (...) {
        raw->failures.fetch_add(1);
        std::lock_guard<std::mutex> guard(raw->mutex);
        raw->last_failure = "unknown exception";
      }
    }
  });
  return subscription(std::move(st));
}

event_poller runtime::make_poller(std::size_t capacity) {
  return event_poller(impl_->add_subscriber(capacity));
}

expected<void> runtime::register_policy(const std::string& name, policy_factory factory, policy_options options) {
  return impl_->register_policy(name, std::move(factory), options);
}

void runtime::shutdown(shutdown_mode mode) {
  impl_->shutdown(mode);
}

// -- the other ways to make one ---------------------------------------------------

namespace detail {

struct runtime_maker {
  static runtime make(caf::actor_system* host, runtime_options options, rt::referee_factory referee) {
    return runtime(std::make_shared<runtime::impl>(host, std::move(options), std::move(referee)));
  }
};

}  // namespace detail

runtime join(caf::actor_system& sys, runtime_options options) {
  return detail::runtime_maker::make(&sys, std::move(options), {});
}

runtime testing::make_runtime(runtime_options options, rt::referee_factory referee) {
  return detail::runtime_maker::make(nullptr, std::move(options), std::move(referee));
}

void add_message_types(caf::actor_system_config& cfg) {
  cfg.add_message_types<caf::id_block::tourney>();
  detail::add_error_category(cfg);
}

}  // namespace tourney
