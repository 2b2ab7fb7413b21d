#pragma once
// One thread that does the I/O of many engine processes with epoll, so that
// no engine's I/O ever blocks an actor scheduler thread and one engine's
// silence never delays another. The owner (the runtime) posts commands from
// any thread; events come back through a handler that runs on the reactor
// thread and must return quickly (e.g. caf::anon_send to the USI engine pool
// actor, which feeds them to the engine_session).
//
// Per ply the owner's thread and the reactor's hand off as little as they
// can, since each wake-up of a sleeping thread costs more than the ply's own
// work: write() sends from the caller's thread with one non-blocking send()
// and wakes the reactor only when the socket is full (or the engine is not
// spawned yet); each engine's one deadline (set_timer) lives in the epoll
// timeout, and arming one wakes the reactor only when it is earlier than the
// reactor's current wait (rarely: the reactor is woken by engine output every
// ply anyway and then waits for the earliest live deadline).
//
// Processes are spawned on the reactor thread itself: without a keeper
// (child_process.hpp) PR_SET_PDEATHSIG is tied to the spawning thread, so
// children die with the reactor (and with the whole process); with one, the
// keeper takes the engine and all it started down once the reactor drops
// it. stop() and the destructor kill and reap the rest.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

#include "tourney/usi/child_process.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::usi {

using engine_id = std::uint64_t;

struct reactor_event {
  enum class kind : std::uint8_t {
    spawned,       // pid set
    spawn_failed,  // error set (names the command); the id is then unknown
    lines,         // lines: what the engine printed, in order
    eof,           // its stdout closed: engine_session::on_eof
    input_closed,  // a write failed (its stdin is gone): engine_session::on_eof
    exited,        // status set (lines and eof before it were delivered first)
    timer,         // the deadline set with set_timer is due: timer set
  };
  engine_id id = 0;
  kind what = kind::lines;
  pid_t pid = -1;
  std::vector<std::string> lines;
  std::optional<exit_status> status;
  std::string error;
  std::uint64_t timer = 0;
};

class engine_reactor {
 public:
  using event_handler = std::function<void(reactor_event)>;

  struct options {
    /// Hold lines that are all `info ...` until a line of another kind (a
    /// bestmove, readyok, ...), EOF or exit comes, or `max_held_lines` pile
    /// up; then deliver them together, in order. engine_session needs info
    /// only when the bestmove comes, and a chatty engine (fairy-stockfish
    /// prints ~6 batches of info per move at 1000 nodes) then costs one
    /// handoff to the owner per move instead of one per batch.
    bool hold_info_lines = true;
    std::size_t max_held_lines = 1024;
  };

  /// Starts the reactor thread. `handler` runs on it, one event at a time,
  /// and must not throw. Fails only if epoll/eventfd cannot be created.
  static expected<std::unique_ptr<engine_reactor>> start(event_handler handler);
  static expected<std::unique_ptr<engine_reactor>> start(event_handler handler, options settings);
  engine_reactor(const engine_reactor&) = delete;
  engine_reactor& operator=(const engine_reactor&) = delete;
  /// stop().
  ~engine_reactor();

  /// True on the reactor's own thread (which must not destroy the reactor:
  /// a thread cannot join itself).
  bool on_reactor_thread() const {
    return std::this_thread::get_id() == thread_.get_id();
  }

  /// Spawns asynchronously; a spawned or spawn_failed event follows.
  engine_id spawn(spawn_options options);
  /// Writes lines to the engine's stdin, never blocking: one non-blocking
  /// send() from the calling thread when nothing is queued for the engine;
  /// what the socket does not take (or everything, before the engine is
  /// spawned or while earlier bytes wait) goes to the reactor, in order.
  void write(engine_id id, std::vector<std::string> lines);
  /// Arms the engine's deadline: a timer event carrying `timer` at `at`. An
  /// engine has at most one; this replaces it. A deadline in the past fires
  /// at once.
  void set_timer(engine_id id, std::uint64_t timer, std::chrono::steady_clock::time_point at);
  /// Disarms the engine's deadline (no-op if none): no timer event follows
  /// unless one was already due and on its way.
  void cancel_timer(engine_id id);
  /// SIGTERM / SIGKILL to the engine's process group (no-op once reaped).
  void signal(engine_id id, int signal);
  /// Runs `task` on the reactor thread, after the commands posted before it:
  /// the inbox through which other threads hand work to the owner of the
  /// engines (which lives on this thread). Tasks not run by stop() are
  /// destroyed unrun.
  void call(std::function<void()> task);
  /// Forgets the engine: SIGKILL if still running, reap, close. No events
  /// for it follow. Call after its exited event (or to abandon it).
  void release(engine_id id);
  /// Kills and reaps every engine and ends the thread. Idempotent. Commands
  /// after it are ignored and no events follow. Never call it from the handler.
  void stop();

 private:
  struct spawn_command {
    engine_id id;
    spawn_options options;
  };
  struct write_command {
    engine_id id;
    std::string bytes;  // whole lines, or the unsent rest of them
  };
  struct signal_command {
    engine_id id;
    int signal;
  };
  struct release_command {
    engine_id id;
  };
  struct call_command {
    std::function<void()> task;
  };
  using command = std::variant<spawn_command, write_command, signal_command, release_command, call_command>;

  struct engine {
    child_process process;
    bool output_watched = false;
    bool exit_watched = false;
    bool input_watched = false;
    bool exit_reported = false;
    std::vector<std::string> held;  // info lines not delivered yet
  };

  // Shared with callers of write(), under mutex_: an engine's stdin may be
  // written from the caller's thread only while nothing of it is queued.
  struct inlet {
    int fd = -1;                // the engine's stdin once spawned
    std::size_t queued = 0;     // write commands posted and not yet handled
    bool reactor_owes = false;  // the reactor holds unsent bytes
  };
  struct deadline {
    std::uint64_t timer = 0;
    std::chrono::steady_clock::time_point at;
  };

  engine_reactor(event_handler handler, options settings);
  void post_locked(command c);
  void wake();
  int wait_timeout();
  void fire_due_timers();
  void clear_engines();
  void deliver(engine_id id, engine& e, std::vector<std::string> lines, bool flush);
  void post(command c);
  void run();
  void handle(command& c);
  void on_output(engine_id id, engine& e);
  void on_exit(engine_id id, engine& e);
  void on_input(engine_id id, engine& e);
  void watch_input(engine_id id, engine& e);
  void unwatch(int fd);

  event_handler handler_;
  options settings_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  // The engine thread's inbox: other threads post commands (spawn, call,
  // release: messages in, one reader); it also guards the write and timer
  // fast paths for callers on other threads (tests, tools; in the runtime
  // only the engine thread itself writes and arms timers).
  std::mutex mutex_;
  std::deque<command> commands_;
  bool stopping_ = false;
  engine_id next_id_ = 1;
  std::unordered_map<engine_id, inlet> inlets_;
  std::unordered_map<engine_id, deadline> deadlines_;
  // What the reactor sleeps until (max: no deadline); min while it is awake
  // (it recomputes before sleeping, so arming a timer need not wake it).
  std::chrono::steady_clock::time_point sleeps_until_ = std::chrono::steady_clock::time_point::min();
  std::unordered_map<engine_id, engine> engines_;  // reactor thread only
  std::thread thread_;
};

}  // namespace tourney::usi
