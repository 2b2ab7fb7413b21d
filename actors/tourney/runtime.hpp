#pragma once
// The embedding API of tourney: run tournaments in the background of a host
// process (a trainer, a service, the tourney app). No CAF in this header.
//
//   tourney::runtime_options options;
//   options.storage_dir = "results";
//   tourney::runtime rt(options);
//   auto sub = rt.subscribe([](const tourney::tournament_event& e) { log(e.snapshot); });
//   auto id = rt.start(spec, "nightly", /*priority=*/1);   // id or error
//   auto final = rt.wait(*id, std::chrono::minutes(10));  // or why not: final.status()
//   rt.shutdown(tourney::shutdown_mode::graceful);
//
// Every call is thread-safe. Snapshots are copies. Callbacks run on a thread
// of their subscription, never on the runtime's scheduler threads.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tourney/batched_policy.hpp"
#include "tourney/control_result.hpp"
#include "tourney/players/player.hpp"
#include "tourney/policy_options.hpp"
#include "tourney/runtime/event_queue.hpp"
#include "tourney/runtime/progress.hpp"
#include "tourney/spec/tls_options.hpp"
#include "tourney/results/folder_verdict.hpp"  // results::folder_verdict, stats::parse_conditions
#include "tourney/results/league_fit.hpp"  // results::fit_folders: one rating list over many tournaments
#include "tourney/spec/player_helpers.hpp"  // builtin("random"), host("checkpoint-42"), usi_engine(...)
#include "tourney/results/live_report_policy.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"
#include "tourney/wait_result.hpp"

namespace tourney {

using tournament_status = rt::tournament_status;
using progress_snapshot = rt::progress_snapshot;
using player_standing = rt::player_standing;
using tournament_event = rt::tournament_event;
using event_kind = rt::event_kind;
using policy_usage = rt::policy_usage;
using gate_decision = stats::gate_decision;
using gate_verdict = stats::gate_verdict;

struct runtime_options {
  /// Tournaments running at once; the rest wait in the run queue.
  std::size_t max_concurrent_tournaments = 2;
  /// Games in flight at once across all tournaments; 0 = hardware threads.
  std::size_t game_slots = 0;
  /// Each tournament writes <storage_dir>/<sanitised-name>-<id8>/.
  std::string storage_dir = "./tournament_results";
  /// Finished tournaments kept for list_all() (summaries only).
  std::size_t history_limit = 1000;
  /// Scheduler threads of the runtime's own actor system; 0 = one per hardware thread (at least 2).
  std::size_t scheduler_threads = 0;
  /// History retention on disk, applied when a tournament starts or resumes:
  /// keep the newest N finished tournament folders in storage_dir (0 = all)
  /// and none older than D days (0 = no age limit). Never removes one active
  /// in this runtime or one whose tournament.json says running or paused.
  std::size_t keep_tournaments = 0;
  int keep_days = 0;
  /// Every game also as its own files, games/<game_id>.csa and .kifu,
  /// written after its journal line is durable (besides games.csa, which
  /// holds every game). Off: `tourney export DIR` writes them at any time.
  bool game_record_files = false;
  /// Receives warnings (a truncated or damaged journal line on resume, a
  /// failed prune); empty = printed to stderr.
  std::function<void(const std::string&)> on_warning;

  // -- remote worker nodes (tourney worker) ---------------------------------
  /// HOST:PORT of worker nodes; their slots are used like local ones, and a
  /// game runs wholly on one node. Workers may start late, leave and return.
  std::vector<std::string> workers;
  /// false: no game runs in this process (every game on the workers).
  bool local_games = true;
  /// Mutual TLS with the workers (all three files, or none).
  spec::tls_options tls;
  /// With no game slot left anywhere, a tournament waits (its progress says
  /// why) this long, then fails.
  std::chrono::milliseconds slot_wait_limit{std::chrono::minutes(5)};
  /// How often an unreachable or lost worker is tried again.
  std::chrono::milliseconds worker_retry{std::chrono::seconds(1)};
  /// Heartbeat between nodes; a worker silent for `worker_timeout` counts as
  /// gone and its games are played elsewhere.
  std::chrono::milliseconds heartbeat_interval{500};
  std::chrono::milliseconds worker_timeout{std::chrono::seconds(3)};

  /// At shutdown, how long a batched policy's call in progress may still
  /// take; a thread still inside the host's evaluate after that is left to
  /// finish it (its result is dropped).
  std::chrono::milliseconds policy_call_grace{std::chrono::seconds(5)};

  /// Keep <folder>/report.html (the page of `tourney report DIR --html`)
  /// rewritten while each tournament runs, at most once per `every_games`
  /// finished games and `min_interval`, and once more when it ends. Off by
  /// default.
  results::live_report_options live_report;
};

enum class shutdown_mode {
  graceful,   // running ones finish; queued and paused ones are cancelled
  immediate,  // running tournaments are cancelled too
};

namespace detail {
struct subscription_state;
struct runtime_maker;
}

/// A callback subscription; unsubscribes when destroyed (RAII). Exceptions
/// thrown by the callback are caught, counted and kept here.
class subscription {
 public:
  subscription() = default;
  explicit subscription(std::shared_ptr<detail::subscription_state> state);
  subscription(subscription&&) noexcept;
  subscription& operator=(subscription&&) noexcept;
  ~subscription();

  /// Stops delivery now (idempotent).
  void cancel();
  /// Callback invocations that threw.
  std::uint64_t failures() const;
  /// The last exception's text.
  std::string last_failure() const;

 private:
  std::shared_ptr<detail::subscription_state> state_;
};

/// A pollable subscriber for hosts with their own event loop: fd() is
/// readable while events are queued. Unsubscribes when destroyed.
class event_poller {
 public:
  event_poller() = default;
  explicit event_poller(std::shared_ptr<detail::subscription_state> state);
  event_poller(event_poller&&) noexcept;
  event_poller& operator=(event_poller&&) noexcept;
  ~event_poller();

  int fd() const;
  /// Every queued event, without blocking.
  std::vector<tournament_event> poll();
  /// The next event, waiting at most `timeout`.
  std::optional<tournament_event> next(std::chrono::milliseconds timeout);

 private:
  std::shared_ptr<detail::subscription_state> state_;
};

/// A runtime with its own actor system. To run on a host's CAF actor system
/// instead, tourney::join (runtime_caf.hpp) makes one.
class runtime {
 public:
  explicit runtime(runtime_options options = {});
  runtime(const runtime&) = delete;
  runtime& operator=(const runtime&) = delete;
  /// Shuts down immediately if shutdown() was not called.
  ~runtime();

  /// Validates the spec and reads its openings (schedule::check_tournament,
  /// the checks of `tourney validate`, size limits included; `name` at most
  /// 256 bytes too), then queues the tournament. `name` empty: the spec's
  /// name. Higher priority runs first; FIFO within a priority.
  [[nodiscard]] expected<std::string> start(const spec::tournament_spec& spec, std::string name = {}, int priority = 0);

  /// Continues the tournament saved in `folder` (tournament.json +
  /// games.jsonl): same id, schedule, openings and colours; the journal's
  /// games are counted, never replayed; a truncated last line is cut off with
  /// a warning. Refuses a newer format or another tournament's journal.
  /// (Named resume_from: resume(id) un-pauses a running tournament.)
  [[nodiscard]] expected<std::string> resume_from(const std::string& folder, int priority = 0);

  /// A copy of the tournament's progress (queued, running or in history).
  [[nodiscard]] std::optional<progress_snapshot> progress(const std::string& id) const;
  /// Running, paused and queued tournaments (queued ones with queue_position).
  std::vector<progress_snapshot> list_active() const;
  /// Active ones and the bounded history of finished ones.
  std::vector<progress_snapshot> list_all() const;

  control_result pause(const std::string& id);
  control_result resume(const std::string& id);
  control_result cancel(const std::string& id);

  /// The final snapshot once the tournament is finished (its terminal event
  /// sent and its file durable); otherwise status() says why not
  /// (timed_out, unknown_id, shut_down).
  wait_result wait(const std::string& id, std::chrono::milliseconds timeout) const;

  /// The verdict of a completed tournament, as `tourney run --gate` decides
  /// it (results::folder_verdict on its folder): pass, fail or no verdict,
  /// the rule that decided, and the SPRT's LLR and bounds or each condition's
  /// numbers. Conditions come from stats::parse_conditions (its error names
  /// the bad one). Errors: an unknown id, a tournament not completed (still
  /// running, cancelled, failed), a condition naming a player the tournament
  /// does not have, no SPRT and no condition. Reads the folder: call it from a
  /// host thread, not a latency-critical one.
  [[nodiscard]] expected<gate_decision> verdict(const std::string& id,
                                                const std::vector<stats::gate_condition>& conditions = {}) const;

  /// Calls `callback` for every event on a thread of the subscription.
  subscription subscribe(std::function<void(const tournament_event&)> callback);
  /// A subscriber the host polls; at most about `capacity` progress events
  /// are kept (older ones coalesce); status and terminal events are kept.
  event_poller make_poller(std::size_t capacity = 1024);

  /// Registers (or replaces) a host policy for players of kind host.
  /// Tournaments already started keep the policy they started with.
  [[nodiscard]] expected<void> register_policy(const std::string& name, policy_factory factory, policy_options options = {});

  /// Registers (or replaces) a batched host policy under `name`: players of
  /// kind host naming it are asked through one call per batch across all
  /// games and tournaments (batched_policy.hpp). At shutdown a call in
  /// progress gets options.policy_call_grace to return; a thread still inside
  /// `evaluate` after that is left to finish it and its result is dropped.
  [[nodiscard]] expected<void> register_batched_policy(const std::string& name, batch_evaluate evaluate,
                                                       batched_policy_options options = {});

  /// Stops the runtime; idempotent. Returns once every tournament has its
  /// terminal event. Afterwards start() returns an error.
  void shutdown(shutdown_mode mode = shutdown_mode::graceful);

 private:
  class impl;
  friend struct detail::runtime_maker;  // tourney::join and the testing header
  explicit runtime(std::shared_ptr<impl> state);

  std::shared_ptr<impl> impl_;
};

}  // namespace tourney
