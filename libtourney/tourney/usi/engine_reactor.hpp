#pragma once
// One thread that does the I/O of many engine processes with epoll, so that
// no engine's I/O ever runs on (or blocks) an actor scheduler thread and one
// engine's silence never delays another. The owner (the runtime) posts
// commands from any thread; events come back through a handler that runs on
// the reactor thread and must return quickly (e.g. caf::anon_send to the
// USI player actor, which feeds them to its engine_session).
//
// Processes are spawned on the reactor thread itself: PR_SET_PDEATHSIG is
// tied to the spawning thread, so children die with the reactor (and with
// the whole process); stop() and the destructor kill and reap the rest.
#include <sys/types.h>

#include <condition_variable>
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
  };
  engine_id id = 0;
  kind what = kind::lines;
  pid_t pid = -1;
  std::vector<std::string> lines;
  std::optional<exit_status> status;
  std::string error;
};

class engine_reactor {
 public:
  using event_handler = std::function<void(reactor_event)>;

  /// Starts the reactor thread. `handler` runs on it, one event at a time,
  /// and must not throw. Fails only if epoll/eventfd cannot be created.
  static expected<std::unique_ptr<engine_reactor>> start(event_handler handler);
  engine_reactor(const engine_reactor&) = delete;
  engine_reactor& operator=(const engine_reactor&) = delete;
  /// stop().
  ~engine_reactor();

  /// Spawns asynchronously; a spawned or spawn_failed event follows.
  engine_id spawn(spawn_options options);
  /// Queues lines for the engine's stdin (never blocks).
  void write(engine_id id, std::vector<std::string> lines);
  /// SIGTERM / SIGKILL to the engine's process group (no-op once reaped).
  void signal(engine_id id, int signal);
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
    std::vector<std::string> lines;
  };
  struct signal_command {
    engine_id id;
    int signal;
  };
  struct release_command {
    engine_id id;
  };
  using command = std::variant<spawn_command, write_command, signal_command, release_command>;

  struct engine {
    child_process process;
    bool output_watched = false;
    bool exit_watched = false;
    bool input_watched = false;
    bool exit_reported = false;
  };

  explicit engine_reactor(event_handler handler);
  void post(command c);
  void run();
  void handle(command& c);
  void on_output(engine_id id, engine& e);
  void on_exit(engine_id id, engine& e);
  void on_input(engine_id id, engine& e);
  void watch_input(engine_id id, engine& e);
  void unwatch(int fd);

  event_handler handler_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::mutex mutex_;
  std::deque<command> commands_;
  bool stopping_ = false;
  engine_id next_id_ = 1;
  std::unordered_map<engine_id, engine> engines_;  // reactor thread only
  std::thread thread_;
};

}  // namespace tourney::usi
