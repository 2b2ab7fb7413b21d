#pragma once
// Drives one engine_session over its child_process on the calling thread with
// poll(): for tools, benchmarks and tests that have no actor system. It is
// also the reference for what the USI player actor does with the session's
// actions (see engine_session.hpp), with timers kept on the steady clock.
#include <chrono>
#include <functional>
#include <vector>

#include "tourney/usi/child_process.hpp"
#include "tourney/usi/engine_session.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::usi {

class session_runner {
 public:
  using clock = std::chrono::steady_clock;

  /// Spawns the process and starts the session (`usi` sent). Fails if the
  /// process cannot be spawned.
  static expected<session_runner> launch(session_config config, const spawn_options& options);

  /// Carries out the actions of a session call, e.g.
  /// `runner.execute(runner.session().go(...))`; reports among them are returned.
  expected<std::vector<session_action>> execute(expected<session_actions> actions);

  /// Handles events until a report satisfies `done`, or the session is idle
  /// or exited with nothing more to wait for. Returns the reports
  /// (engine_ready, engine_decided, engine_fault, search_stopped,
  /// engine_exited) seen meanwhile, in order.
  std::vector<session_action> run_until(const std::function<bool(const session_action&)>& done);
  /// run_until for one kind of report.
  template <class Report>
  std::vector<session_action> run_until() {
    return run_until([](const session_action& a) { return std::holds_alternative<Report>(a); });
  }
  /// Shuts the engine down and waits for its exit (bounded by the session's
  /// quit/SIGTERM/SIGKILL steps).
  std::vector<session_action> shutdown();

  engine_session& session() {
    return session_;
  }
  child_process& process() {
    return process_;
  }

 private:
  session_runner(engine_session session, child_process process);
  void carry_out(const session_actions& actions, std::vector<session_action>& reports);
  void handle_output(std::vector<session_action>& reports);
  void handle_exit(std::vector<session_action>& reports);

  struct timer {
    timer_id id;
    clock::time_point due;
  };

  engine_session session_;
  child_process process_;
  // The session keeps at most one timer live: a new one supersedes the last.
  std::optional<timer> timer_;
  bool exit_reported_ = false;
};

}  // namespace tourney::usi
