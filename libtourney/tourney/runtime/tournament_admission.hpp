#pragma once
// Which tournaments run, as a pure state machine: queued ones start in run
// order (run_queue: priority, then first in first out) while fewer than the
// limit run; a queued one may be cancelled; a shutdown cancels the queue and
// the paused (a paused tournament would never let it finish), or, immediate,
// every running one, and is finished once nothing runs, waits or is being
// closed. No I/O: the owner (the supervisor actor) feeds it the host's calls
// and the tournaments' fates, and carries out the commands in order.
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "tourney/runtime/run_queue.hpp"
#include "tourney/runtime/status.hpp"

namespace tourney::rt {

// ---- Commands ------------------------------------------------------------

/// Spawn the queued tournament's actor: it runs now.
struct start_tournament {
  std::string id;
};
/// Ask a running tournament to cancel (its answer changes nothing here).
struct cancel_tournament {
  std::string id;
};
/// End a tournament that has no running actor (cancelled while queued, or
/// crashed): write its final file with this status, then call ended(id).
struct end_tournament {
  std::string id;
  tournament_status status = tournament_status::cancelled;
  std::string error;
};
/// The shutdown asked for is complete: answer everyone who asked.
struct shutdown_finished {};

using admission_command =
    std::variant<start_tournament, cancel_tournament, end_tournament, shutdown_finished>;
using admission_commands = std::vector<admission_command>;

/// What to do with a pause, resume or cancel.
struct control_decision {
  enum class route {
    to_tournament,  // it runs: ask it (it answers)
    answered,       // done and reason are the answer
    not_here,       // neither queued nor running: look in the history
  };
  route how = route::not_here;
  bool done = false;
  std::string reason;
  admission_commands commands;
};

class tournament_admission {
 public:
  explicit tournament_admission(std::size_t max_running) : max_running_(max_running) {}

  /// start() takes new tournaments (false once a shutdown began).
  bool accepting() const {
    return !shutting_down_;
  }
  /// A new tournament waits in the run queue (dispatch() may start it).
  void queue(std::string id, int priority);
  /// Starts queued tournaments in run order while fewer than the limit run
  /// (none once an immediate shutdown began).
  admission_commands dispatch();
  /// A running tournament's status changed (a non-terminal event).
  admission_commands status_changed(const std::string& id, tournament_status status);
  /// A running tournament's actor died without its terminal event: it is
  /// ended here as failed. Nothing for one that is not running.
  admission_commands crashed(const std::string& id, std::string reason);
  /// A tournament's terminal snapshot is durable (its own terminal event, or
  /// an end_tournament done): its place goes to the next in the queue.
  admission_commands ended(const std::string& id);
  control_decision control(const std::string& id, tournament_status to);
  /// Stops taking tournaments and cancels the queued ones and the paused;
  /// `immediate` also cancels every running one and starts no other.
  admission_commands shutdown(bool immediate);

  bool running(const std::string& id) const {
    return running_.count(id) > 0;
  }
  bool closing(const std::string& id) const {
    return closing_.count(id) > 0;
  }
  /// 0 = runs next; nothing if not queued.
  std::optional<std::size_t> queue_position(const std::string& id) const {
    return queue_.position(id);
  }

 private:
  void start_next(admission_commands& out);
  void check_shutdown(admission_commands& out);
  void end_here(admission_commands& out, const std::string& id, tournament_status status,
                std::string error);

  std::size_t max_running_;
  run_queue queue_;
  std::map<std::string, tournament_status> running_;  // by id: its last status
  std::set<std::string> closing_;                     // its final file is being written
  bool shutting_down_ = false;
  bool cancel_running_ = false;
  std::size_t shutdown_requests_ = 0;  // not answered yet
};

}  // namespace tourney::rt
