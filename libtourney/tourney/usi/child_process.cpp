#include "tourney/usi/child_process.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <utility>

extern char** environ;

namespace tourney::usi {

namespace {

std::string errno_text(int error) {
  return std::strerror(error);
}

void close_fd(int& fd) {
  if (fd >= 0) {
    ::close(fd);
    fd = -1;
  }
}

/// Closes a set of descriptors on every return path of spawn().
struct fd_guard {
  std::vector<int*> fds;
  ~fd_guard() {
    for (auto* fd : fds) {
      close_fd(*fd);
    }
  }
};

bool is_regular_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> split_path(std::string_view text) {
  std::vector<std::string> dirs;
  while (true) {
    auto colon = text.find(':');
    auto dir = std::string(text.substr(0, colon));
    dirs.push_back(dir.empty() ? std::string(".") : dir);
    if (colon == std::string_view::npos) {
      break;
    }
    text.remove_prefix(colon + 1);
  }
  return dirs;
}

// What the child reports through the exec-status pipe when it cannot exec.
struct child_failure {
  int step;  // 0 chdir, 1 exec, 2 dup2, 3 parent died
  int error;
};

[[noreturn]] void child_fail(int report_fd, int step) {
  child_failure failure{step, errno};
  // Best effort: the parent sees EOF without data only if exec succeeded.
  [[maybe_unused]] auto written = ::write(report_fd, &failure, sizeof failure);
  ::_exit(127);
}

}  // namespace

std::string exit_status::describe() const {
  if (signalled) {
    return fmt::format("killed by signal {} ({})", signal, strsignal(signal));
  }
  return fmt::format("exit code {}", code);
}

expected<std::string> resolve_command(const std::string& command) {
  if (command.empty()) {
    return fail("engine command is empty");
  }
  if (command.find('/') != std::string::npos) {
    auto path = command;
    if (path.front() != '/') {
      char cwd[PATH_MAX];
      if (::getcwd(cwd, sizeof cwd) == nullptr) {
        return fail(fmt::format("engine command '{}': cannot read the current directory: {}",
                                command, errno_text(errno)));
      }
      path = std::string(cwd) + "/" + path;
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      return fail(fmt::format("engine command '{}': {}", command, errno_text(errno)));
    }
    if (!S_ISREG(st.st_mode)) {
      return fail(fmt::format("engine command '{}': not a regular file", command));
    }
    if (::access(path.c_str(), X_OK) != 0) {
      return fail(
          fmt::format("engine command '{}': not executable ({})", command, errno_text(errno)));
    }
    return path;
  }
  const char* env_path = std::getenv("PATH");
  std::string search = env_path != nullptr ? env_path : "/usr/local/bin:/usr/bin:/bin";
  auto dirs = split_path(search);
  dirs.emplace_back("/usr/games");
  std::string not_executable;
  for (const auto& dir : dirs) {
    auto candidate = dir + "/" + command;
    if (!is_regular_file(candidate)) {
      continue;
    }
    if (::access(candidate.c_str(), X_OK) == 0) {
      if (candidate.front() != '/') {
        char cwd[PATH_MAX];
        if (::getcwd(cwd, sizeof cwd) != nullptr) {
          candidate = std::string(cwd) + "/" + candidate;
        }
      }
      return candidate;
    }
    if (not_executable.empty()) {
      not_executable = candidate;
    }
  }
  if (!not_executable.empty()) {
    return fail(fmt::format("engine command '{}': found {} but it is not executable", command,
                            not_executable));
  }
  return fail(
      fmt::format("engine command '{}': not found in PATH ({}) or /usr/games", command, search));
}

expected<child_process> child_process::spawn(const spawn_options& options) {
  auto path = resolve_command(options.command);
  if (!path) {
    return tl::unexpected(path.error());
  }
  if (!options.working_dir.empty() && !is_directory(options.working_dir)) {
    return fail(fmt::format("engine command '{}': working directory '{}' is not a directory",
                            options.command, options.working_dir));
  }

  int log_fd = -1;
  int stdin_pair[2] = {-1, -1};
  int stdout_pipe[2] = {-1, -1};
  int report_pipe[2] = {-1, -1};
  fd_guard guard{{&log_fd, &stdin_pair[0], &stdin_pair[1], &stdout_pipe[0], &stdout_pipe[1],
                  &report_pipe[0], &report_pipe[1]}};

  auto log_path = options.stderr_log.empty() ? std::string("/dev/null") : options.stderr_log;
  log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    return fail(fmt::format("engine command '{}': cannot open stderr log '{}': {}", options.command,
                            log_path, errno_text(errno)));
  }
  // stdin is a socket so that writes can use MSG_NOSIGNAL: a dead engine
  // gives EPIPE, never a process-wide SIGPIPE.
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, stdin_pair) != 0 ||
      ::pipe2(stdout_pipe, O_CLOEXEC) != 0 || ::pipe2(report_pipe, O_CLOEXEC) != 0) {
    return fail(fmt::format("engine command '{}': cannot create pipes: {}", options.command,
                            errno_text(errno)));
  }

  // A parent started with stdio closed could get descriptors 0-2 here; the
  // child's dup2 onto 0-2 would then clobber one of them. Move them up.
  for (int* fd : {&log_fd, &stdin_pair[1], &stdout_pipe[1]}) {
    if (*fd <= 2) {
      int moved = ::fcntl(*fd, F_DUPFD_CLOEXEC, 3);
      if (moved < 0) {
        return fail(fmt::format("engine command '{}': cannot move a descriptor: {}",
                                options.command, errno_text(errno)));
      }
      ::close(*fd);
      *fd = moved;
    }
  }

  // Everything the child needs is built before fork: after fork in a
  // multi-threaded process only async-signal-safe calls are allowed.
  std::vector<std::string> arg_storage;
  arg_storage.push_back(options.command);
  arg_storage.insert(arg_storage.end(), options.args.begin(), options.args.end());
  std::vector<char*> argv;
  for (auto& arg : arg_storage) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  std::vector<std::string> env_storage;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    auto key = std::string(text.substr(0, text.find('=')));
    if (options.env.count(key) == 0) {
      env_storage.emplace_back(text);
    }
  }
  for (const auto& [key, value] : options.env) {
    env_storage.push_back(key + "=" + value);
  }
  std::vector<char*> envp;
  for (auto& entry : env_storage) {
    envp.push_back(entry.data());
  }
  envp.push_back(nullptr);
  const char* exec_path = path->c_str();
  const char* chdir_path = options.working_dir.empty() ? nullptr : options.working_dir.c_str();
  auto parent_pid = ::getpid();

  auto pid = ::fork();
  if (pid < 0) {
    return fail(
        fmt::format("engine command '{}': fork failed: {}", options.command, errno_text(errno)));
  }
  if (pid == 0) {
    // Child. Own process group, so that signals reach anything it starts.
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent_pid) {  // the parent died before prctl
      child_fail(report_pipe[1], 3);
    }
    // Ignored signals and the blocked mask survive exec: give the engine defaults.
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; ++sig) {
      ::sigaction(sig, &default_action, nullptr);
    }
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    if (::dup2(stdin_pair[1], 0) < 0 || ::dup2(stdout_pipe[1], 1) < 0 || ::dup2(log_fd, 2) < 0) {
      child_fail(report_pipe[1], 2);
    }
    // Descriptors other threads opened without O_CLOEXEC must not leak into
    // the engine (a leaked pipe end would hide another engine's EOF).
    ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
    if (chdir_path != nullptr && ::chdir(chdir_path) != 0) {
      child_fail(report_pipe[1], 0);
    }
    ::execve(exec_path, argv.data(), envp.data());
    child_fail(report_pipe[1], 1);
  }

  close_fd(report_pipe[1]);
  close_fd(stdin_pair[1]);
  close_fd(stdout_pipe[1]);
  close_fd(log_fd);
  // Blocks only until the child execs or fails (EOF through O_CLOEXEC).
  child_failure failure{};
  ssize_t got = 0;
  do {
    got = ::read(report_pipe[0], &failure, sizeof failure);
  } while (got < 0 && errno == EINTR);
  if (got == static_cast<ssize_t>(sizeof failure)) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    const char* step = failure.step == 0   ? "cannot enter working directory"
                       : failure.step == 1 ? "exec failed"
                       : failure.step == 2 ? "cannot set up stdio"
                                           : "parent exited during spawn";
    return fail(fmt::format("engine command '{}' ({}): {}: {}", options.command, *path, step,
                            errno_text(failure.error)));
  }

  child_process child;
  child.pid_ = pid;
  child.in_fd_ = std::exchange(stdin_pair[0], -1);
  child.out_fd_ = std::exchange(stdout_pipe[0], -1);
  ::fcntl(child.in_fd_, F_SETFL, ::fcntl(child.in_fd_, F_GETFL) | O_NONBLOCK);
  ::fcntl(child.out_fd_, F_SETFL, ::fcntl(child.out_fd_, F_GETFL) | O_NONBLOCK);
  // glibc 2.36 declares pidfd_open without C linkage: call the system call.
  child.pid_fd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (child.pid_fd_ >= 0) {
    ::fcntl(child.pid_fd_, F_SETFD, FD_CLOEXEC);
  }
  return child;
}

child_process::child_process(child_process&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      in_fd_(std::exchange(other.in_fd_, -1)),
      out_fd_(std::exchange(other.out_fd_, -1)),
      pid_fd_(std::exchange(other.pid_fd_, -1)),
      eof_(other.eof_),
      status_(std::move(other.status_)),
      pending_output_(std::move(other.pending_output_)),
      splitter_(std::move(other.splitter_)) {}

child_process& child_process::operator=(child_process&& other) noexcept {
  if (this != &other) {
    release();
    pid_ = std::exchange(other.pid_, -1);
    in_fd_ = std::exchange(other.in_fd_, -1);
    out_fd_ = std::exchange(other.out_fd_, -1);
    pid_fd_ = std::exchange(other.pid_fd_, -1);
    eof_ = other.eof_;
    status_ = std::move(other.status_);
    pending_output_ = std::move(other.pending_output_);
    splitter_ = std::move(other.splitter_);
  }
  return *this;
}

child_process::~child_process() {
  release();
}

void child_process::release() {
  if (pid_ > 0 && !status_) {
    send_signal(SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  pid_ = -1;
  close_fd(in_fd_);
  close_fd(out_fd_);
  close_fd(pid_fd_);
}

expected<void> child_process::write_line(std::string_view line) {
  queue_line(line);
  return flush();
}

void child_process::queue_line(std::string_view line) {
  pending_output_.append(line);
  pending_output_.push_back('\n');
}

void child_process::queue_bytes(std::string_view bytes) {
  pending_output_.append(bytes);
}

expected<void> child_process::flush() {
  while (!pending_output_.empty()) {
    if (in_fd_ < 0) {
      pending_output_.clear();
      return fail("engine stdin is closed");
    }
    auto sent =
        ::send(in_fd_, pending_output_.data(), pending_output_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent >= 0) {
      pending_output_.erase(0, static_cast<std::size_t>(sent));
      continue;
    }
    if (errno == EINTR) {
      continue;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      return {};
    }
    auto error = errno;
    pending_output_.clear();
    return fail(fmt::format("engine stdin is closed: {}", errno_text(error)));
  }
  return {};
}

std::vector<std::string> child_process::read_available() {
  std::vector<std::string> lines;
  if (eof_ || out_fd_ < 0) {
    return lines;
  }
  char buffer[16384];
  // Bounded per call so that a chatty engine cannot monopolise the caller.
  for (int round = 0; round < 64; ++round) {
    auto got = ::read(out_fd_, buffer, sizeof buffer);
    if (got > 0) {
      auto more = splitter_.feed(std::string_view(buffer, static_cast<std::size_t>(got)));
      for (auto& line : more) {
        lines.push_back(std::move(line));
      }
      if (static_cast<std::size_t>(got) < sizeof buffer) {
        break;  // a short read drained the pipe: spare the read that would say EAGAIN
      }
      continue;
    }
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      break;
    }
    eof_ = true;  // 0 = end of file; other errors end the stream too
    for (auto& line : splitter_.finish()) {
      lines.push_back(std::move(line));
    }
    break;
  }
  return lines;
}

std::optional<exit_status> child_process::try_wait() {
  if (status_ || pid_ <= 0) {
    return status_;
  }
  int status = 0;
  auto result = ::waitpid(pid_, &status, WNOHANG);
  if (result == pid_) {
    exit_status done;
    if (WIFSIGNALED(status)) {
      done.signalled = true;
      done.signal = WTERMSIG(status);
    } else {
      done.code = WEXITSTATUS(status);
    }
    status_ = done;
  } else if (result < 0 && errno == ECHILD) {
    status_ = exit_status{false, -1, 0};  // reaped elsewhere (SIGCHLD ignored): status unknown
  }
  return status_;
}

void child_process::terminate() {
  send_signal(SIGTERM);
}

void child_process::kill() {
  send_signal(SIGKILL);
}

void child_process::send_signal(int signal) {
  if (pid_ <= 0 || status_) {
    return;  // after reaping the pid may belong to someone else
  }
  if (::kill(-pid_, signal) != 0) {
    ::kill(pid_, signal);
  }
}

}  // namespace tourney::usi
