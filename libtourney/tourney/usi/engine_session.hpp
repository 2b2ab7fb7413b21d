#pragma once
// One USI engine process across many games, as a pure state machine: no I/O,
// no clock, no threads. The owner (the USI player actor) feeds it events
// (a line the engine printed, end of its output, a timer that fired, the
// process's exit) and API calls (new_game, go, stop_search, shutdown), and
// carries out the actions it returns, in order: write a line to the engine,
// arm a timer, signal the process, report to the game. Every fault is thus
// testable by feeding event sequences, without processes or sleeps.
//
// Driving it from an actor, with the I/O on an engine_reactor thread:
//   id = reactor.spawn(options); run(session.start());   (lines queue until spawned)
//   reactor_event lines:         for (line : lines) run(session.on_line(line));
//   eof / input_closed:          run(session.on_eof());
//   exited:                      run(session.on_exit(*status)); reactor.release(id);
//   spawn_failed:                the engine's start-up error (event.error)
//   timer event (id):            run(session.on_timer(id));   (stale ids are ignored)
//   run(actions):  send_line -> collect, then one reactor.write(id, lines);
//                  arm_timer -> reactor.set_timer(id, timer id, now + after)
//                  (at most one is live: a new one supersedes older ids;
//                  reactor.cancel_timer(id) once live_timer() is empty);
//                  signal_process -> reactor.signal(id, signal);
//                  engine_ready / engine_decided / engine_fault /
//                  search_stopped / engine_exited -> the game or supervisor.
// session_runner does the same on one thread with poll() (tools and tests).
// After engine_fault the engine is going down unless the fault says it is
// still usable (illegal_move); engine_exited is always the last action.
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "tourney/players/player.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/usi/child_process.hpp"
#include "tourney/usi/protocol.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::usi {

struct session_config {
  std::string name;      // the player's name, for messages
  std::string command;   // for messages
  std::string log_path;  // the engine's stderr log, named in start-up errors
  std::vector<std::pair<std::string, std::string>> options;  // setoption, in this order
  spec::usi_profile profile;
  std::chrono::milliseconds stop_grace{250};  // stop -> quit when a search must end
  std::chrono::milliseconds exit_grace{250};  // EOF -> SIGTERM if the process does not exit
  std::chrono::milliseconds term_grace{250};  // SIGTERM -> SIGKILL
  std::size_t kept_lines = 8;                 // quoted in start-up errors
};

/// From the tournament spec (options in the map's order).
session_config make_session_config(std::string name, const spec::usi_engine_spec& engine,
                                   std::string log_path);

/// Search information kept with a move: the last values the engine reported
/// for its principal line (multipv > 1 lines are ignored).
struct search_info {
  std::optional<score> eval;
  std::optional<int> depth;
  std::optional<int> seldepth;
  std::optional<std::uint64_t> nodes;
  std::optional<std::int64_t> time_ms;
  std::vector<std::string> pv;  // standard USI ('*' drops)
};

struct engine_decision {
  bestmove_line::kind what = bestmove_line::kind::move;
  std::string move;  // standard USI, well-formed (kind::move only)
  std::optional<std::string> ponder;
  search_info info;
};

enum class fault_kind : std::uint8_t {
  startup_failed,  // no usiok/readyok in time, or died during start-up / new game
  disconnect,      // output closed or process died
  illegal_move,    // bestmove is not a USI move (the engine stays usable)
  timeout,         // no bestmove by the deadline (the referee says stall or timeout)
};
std::string_view to_string(fault_kind kind);

// ---- Actions -----------------------------------------------------------

using timer_id = std::uint64_t;

struct send_line {
  std::string line;
};
struct arm_timer {
  timer_id id = 0;
  std::chrono::milliseconds after{0};
};
struct signal_process {
  int signal = 0;  // SIGTERM or SIGKILL, to the process group
};
/// Handshake or new game done: go() may be called.
struct engine_ready {
  std::string engine_name;  // from `id name` (may be empty)
};
struct engine_decided {
  engine_decision decision;
};
struct engine_fault {
  fault_kind kind = fault_kind::disconnect;
  std::string message;  // names the engine; quotes what it printed
};
/// stop_search() done: the search ended and its move was discarded.
struct search_stopped {};
/// The process is gone; nothing follows. `clean` = it quit when asked.
struct engine_exited {
  exit_status status;
  bool clean = false;
};

using session_action = std::variant<send_line, arm_timer, signal_process, engine_ready,
                                    engine_decided, engine_fault, search_stopped, engine_exited>;
using session_actions = std::vector<session_action>;

class engine_session {
 public:
  enum class phase : std::uint8_t {
    created,
    awaiting_usiok,
    awaiting_readyok,  // start-up isready
    idle,
    awaiting_newgame_readyok,
    thinking,
    stopping,       // stop_search(): waiting for the bestmove to discard
    shutting_down,  // stop / quit / SIGTERM / SIGKILL steps
    exited,
  };

  explicit engine_session(session_config config);

  // ---- Calls (an error = called in the wrong phase: a bug in the caller) ----

  /// `usi`, then setoptions and `isready` once `usiok` comes; engine_ready
  /// once `readyok` comes. Start-up budgets from the profile.
  expected<session_actions> start();
  /// `usinewgame` + `isready`; engine_ready on `readyok` (isready budget).
  expected<session_actions> new_game();
  /// `position ...` + `go ...`; engine_decided on `bestmove`, or a timeout
  /// fault `deadline` after now. `moves` are standard USI from `sfen`.
  expected<session_actions> go(std::string_view sfen, const std::vector<std::string>& moves,
                               const players::search_limits& limits,
                               std::chrono::milliseconds deadline);
  /// `gameover win|lose|draw` (idle only).
  expected<session_actions> game_over(game_result result);
  /// Ends a search whose result is no longer wanted (a cancelled game):
  /// `stop`, then search_stopped when its bestmove comes; if none comes
  /// within stop_grace, a timeout fault and shutdown.
  expected<session_actions> stop_search();
  /// Ends the engine: [stop,] quit, SIGTERM, SIGKILL, each after the
  /// previous step's grace (quit waits profile.quit_timeout). Any phase.
  session_actions shutdown();

  // ---- Events -------------------------------------------------------------

  session_actions on_line(std::string_view line);
  session_actions on_eof();
  session_actions on_timer(timer_id id);
  session_actions on_exit(const exit_status& status);

  phase current_phase() const {
    return phase_;
  }
  /// The timer that is live (armed, not superseded or disarmed), if any:
  /// the owner may cancel its timer once there is none.
  std::optional<timer_id> live_timer() const {
    return live_timer_;
  }
  const std::string& engine_name() const {
    return engine_name_;
  }
  const std::deque<std::string>& last_lines() const {
    return last_lines_;
  }

 private:
  enum class shutdown_step : std::uint8_t {
    none,
    stop_sent,
    quit_sent,
    eof_seen,
    term_sent,
    kill_sent
  };

  void arm(session_actions& out, std::chrono::milliseconds after);
  void disarm();
  void begin_shutdown(session_actions& out, bool searching);
  void send_quit(session_actions& out);
  void send_term(session_actions& out);
  void fault(session_actions& out, fault_kind kind, std::string message);
  void on_bestmove(session_actions& out, const bestmove_line& best, std::string_view raw);
  void fold_info();
  std::string who() const;
  std::string quoted_last_lines() const;
  expected<void> require(phase expected_phase, std::string_view call) const;

  session_config config_;
  phase phase_ = phase::created;
  shutdown_step step_ = shutdown_step::none;
  timer_id next_timer_ = 1;
  std::optional<timer_id> live_timer_;
  std::chrono::milliseconds live_budget_{0};
  std::string engine_name_;
  std::deque<std::string> last_lines_;
  search_info info_;
  // Info lines of the current search not folded into info_ yet (bounded:
  // folded when it reaches max_unread_info).
  static constexpr std::size_t max_unread_info = 64;
  std::vector<std::string> unread_info_;
  bool eof_ = false;
  bool faulted_ = false;
  // A lost-output fault waits a moment for the exit status to quote it.
  struct pending_fault {
    fault_kind kind;
    std::string head;  // what happened
  };
  std::optional<pending_fault> pending_fault_;
  pending_fault lost_output_fault() const;
  void emit_pending_fault(session_actions& out, const std::optional<exit_status>& status);
};

}  // namespace tourney::usi
