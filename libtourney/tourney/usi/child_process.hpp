#pragma once
// An engine child process with line-oriented, non-blocking pipes. No threads
// and no waiting inside: the owner polls fd() (stdout) and exit_fd() (a pidfd
// that becomes readable when the process ends) and calls read_available() /
// try_wait(). Writes never raise SIGPIPE (stdin is a socket written with
// MSG_NOSIGNAL) and never block (unsent bytes are kept until flush()).
//
// Nothing the engine starts outlives it or us: the engine runs under a keeper
// (libtourney/keeper/keeper.cpp, exec'd from an in-memory copy of its image),
// our child, a child subreaper, which runs the engine in a process group of
// its own. Orphans below the engine (also after setsid() or a double fork)
// are reparented to the keeper, and when the engine exits, or when our end of
// the keeper's control socket closes (we dropped the engine, exited or were
// SIGKILLed), the keeper SIGKILLs the engine's group and every descendant,
// reaps them and exits, with the engine's own exit status. Signals go to the
// engine's group through that socket. The engine also gets
// PR_SET_PDEATHSIG(SIGKILL) for its keeper. Not covered: a keeper SIGKILLed
// by someone else (the engine still dies, its setsid() descendants do not),
// and a process that keeps a copy of our control socket end open (a fork
// without exec of ours) delays the cleanup until it too is gone.
// Where the kernel refuses to exec a memfd, engines run directly as our
// children with PR_SET_PDEATHSIG(SIGKILL) in their own process group: then
// the engine dies with us but its setsid() descendants may survive. Linux
// note: the death signal is tied to the *thread* that spawned the child, so
// spawn from a thread that lives as long as the engine should.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tourney/usi/line_splitter.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::usi {

struct spawn_options {
  std::string command;  // a path, or a name looked up in PATH and then /usr/games
  std::vector<std::string> args;
  std::string working_dir;                 // empty: the caller's
  std::map<std::string, std::string> env;  // added to (or replacing in) the inherited environment
  std::string stderr_log;                  // stderr is appended here; empty: /dev/null
};

/// How a child ended, as waitpid reported it.
struct exit_status {
  bool signalled = false;
  int code = 0;    // exit code when !signalled
  int signal = 0;  // terminating signal when signalled
  /// "exit code 3", "killed by signal 9 (Killed)".
  std::string describe() const;
  bool operator==(const exit_status& other) const {
    return signalled == other.signalled && code == other.code && signal == other.signal;
  }
};

/// Where `command` would be executed from: names without '/' are looked up
/// in PATH, then /usr/games (where Debian puts engines); relative paths with
/// a '/' are made absolute against the current directory. The error names
/// the command and says why it cannot be run.
expected<std::string> resolve_command(const std::string& command);

class child_process {
 public:
  /// Starts the process. Fails with a message naming the command when it is
  /// not found, not executable, the working directory or log cannot be
  /// opened, or exec fails.
  static expected<child_process> spawn(const spawn_options& options);

  child_process(child_process&& other) noexcept;
  child_process& operator=(child_process&& other) noexcept;
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;
  /// A child still running is SIGKILLed (with everything it started) and reaped.
  ~child_process();

  /// The process we wait for: the keeper (or the engine, without one).
  pid_t pid() const {
    return pid_;
  }
  /// The child's stdout, non-blocking: poll it for POLLIN.
  int fd() const {
    return out_fd_;
  }
  /// A pidfd: readable (POLLIN) once the child has exited (with a keeper:
  /// once the engine and everything it started are gone). -1 if the kernel
  /// has no pidfd_open (then poll try_wait() after EOF).
  int exit_fd() const {
    return pid_fd_;
  }
  /// The child's stdin (for POLLOUT while has_pending_output()).
  int input_fd() const {
    return in_fd_;
  }

  /// Queues `line` + '\n' and writes what the pipe takes now. Fails only when
  /// the child's stdin is closed (it exited or closed it); then the line is dropped.
  expected<void> write_line(std::string_view line);
  /// Queues `line` + '\n' without writing: several lines then go out in one
  /// flush() (one system call for `position` + `go`).
  void queue_line(std::string_view line);
  /// Queues bytes as they are (whole lines, or the unsent rest of some).
  void queue_bytes(std::string_view bytes);
  /// Writes queued bytes (call on POLLOUT). Same failure as write_line.
  expected<void> flush();
  bool has_pending_output() const {
    return !pending_output_.empty();
  }

  /// Reads what is available now (without blocking) and returns the
  /// complete lines ('\n' or "\r\n" terminated). At end of file the last
  /// unterminated piece is returned as a line too and at_eof() turns true.
  std::vector<std::string> read_available();
  bool at_eof() const {
    return eof_;
  }

  /// waitpid(WNOHANG): the status once the child has exited (and is reaped).
  std::optional<exit_status> try_wait();
  bool reaped() const {
    return status_.has_value();
  }

  /// SIGTERM / SIGKILL to the engine's process group; no-ops once reaped.
  void terminate();
  void kill();
  void send_signal(int signal);

 private:
  child_process() = default;
  /// keeper: the keeper image's descriptor, or -1 to run the engine directly.
  static expected<child_process> spawn(const spawn_options& options, int keeper);
  void release();

  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  int pid_fd_ = -1;
  int control_fd_ = -1;  // the keeper's control socket (-1: no keeper)
  bool eof_ = false;
  std::optional<exit_status> status_;
  std::string pending_output_;
  line_splitter splitter_;
};

}  // namespace tourney::usi
