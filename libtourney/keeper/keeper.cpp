// tourney's engine keeper: a tiny program that child_process runs (from an
// in-memory copy, see child_process.cpp) between tourney and each engine, so
// that nothing the engine starts outlives it or tourney.
//
//   keeper CONTROL_FD REPORT_FD PATH ARGV0 [ARGS...]      (environment: the engine's)
//
// It is a child subreaper (PR_SET_CHILD_SUBREAPER): whatever the engine
// starts stays below it, also after setsid() or a double fork, since
// orphans are reparented to the nearest subreaper. It runs the engine (PATH
// with ARGV0 ARGS...) in a process group of its own, with stdio as given,
// and then:
//   - a byte N read from CONTROL_FD (a socket to tourney) is signal N for
//     the engine's process group (tourney's SIGTERM and SIGKILL);
//   - end of file on CONTROL_FD means tourney is gone (it exited, was
//     SIGKILLed, or dropped the engine): the engine's group and every
//     descendant are SIGKILLed and reaped, and the keeper exits;
//   - when the engine exits, the rest of its group and every other
//     descendant are SIGKILLed and reaped, and the keeper exits the way the
//     engine did (same code, or the same signal), so tourney sees the
//     engine's own status;
//   - SIGTERM, SIGINT, SIGHUP and SIGQUIT sent to the keeper go on to the
//     engine's group.
// REPORT_FD gets a {step, errno} record if the engine cannot be started and
// is closed (by exec) once it is: tourney waits for that during spawn.
//
// Standalone on purpose (libc only, no project code, no sanitizers): it is
// small, starts fast and does not share tourney's memory.
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace {

// Must match child_process.cpp's child_failure.
struct child_failure {
  int step;  // 0 chdir, 1 exec, 2 dup2, 3 parent died, 4 keeper failed, 5 keeper exec
  int error;
};

constexpr int step_parent_died = 3;
constexpr int step_keeper = 4;

void report(int fd, int step, int error) {
  child_failure failure{step, error};
  [[maybe_unused]] auto wrote = ::write(fd, &failure, sizeof failure);
}

bool parse_fd(const char* text, int& fd) {
  char* end = nullptr;
  long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < 0 || value > 1 << 20) {
    return false;
  }
  fd = static_cast<int>(value);
  return true;
}

// The keeper's direct children (single-threaded: its one task's list), up to
// `capacity`; -1 if /proc cannot tell.
int list_children(pid_t* out, int capacity) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/self/task/%d/children", static_cast<int>(::getpid()));
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return -1;
  }
  char buffer[8192];
  int count = 0;
  long value = -1;
  while (true) {
    auto got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      break;
    }
    for (ssize_t i = 0; i < got; ++i) {
      char c = buffer[i];
      if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
      } else if (value >= 0) {
        if (count < capacity) {
          out[count++] = static_cast<pid_t>(value);
        }
        value = -1;
      }
    }
  }
  if (value >= 0 && count < capacity) {
    out[count++] = static_cast<pid_t>(value);
  }
  ::close(fd);
  return count;
}

// SIGKILLs the engine's group and every descendant, reaping each; the
// engine's status goes to `engine_status` when it is reaped here. The
// engine is not reaped before this, so its pid, and so its group id, cannot
// have been reused. Killed children's own children are reparented here and
// are found on the next round.
void kill_everything(pid_t engine, int& engine_status, bool& engine_reaped) {
  ::kill(-engine, SIGKILL);
  pid_t children[1024];
  while (true) {
    int count = list_children(children, 1024);
    for (int i = 0; i < count; ++i) {
      // A child's pid, while it is not reaped, can be no other group's id:
      // this reaches its own group (after setsid or setpgid) and itself.
      ::kill(-children[i], SIGKILL);
      ::kill(children[i], SIGKILL);
    }
    int status = 0;
    // Blocking only while there are children, all SIGKILLed: they go at once.
    pid_t reaped = ::waitpid(-1, &status, count > 0 ? 0 : WNOHANG);
    if (reaped < 0) {
      if (errno == EINTR) {
        continue;
      }
      return;  // ECHILD: nothing left
    }
    if (reaped == engine) {
      engine_status = status;
      engine_reaped = true;
    }
    if (reaped == 0 && count < 0) {
      return;  // no /proc: what is left cannot be found; do not wait for it
    }
  }
}

// Ends the keeper the way the engine ended.
[[noreturn]] void exit_like(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    // No core file of the keeper's own for the engine's crash.
    struct rlimit no_core {
      0, 0
    };
    ::setrlimit(RLIMIT_CORE, &no_core);
    ::signal(sig, SIG_DFL);
    sigset_t only;
    ::sigemptyset(&only);
    ::sigaddset(&only, sig);
    ::sigprocmask(SIG_UNBLOCK, &only, nullptr);
    ::kill(::getpid(), sig);
    ::_exit(128 + sig);  // not reached for a terminating signal
  }
  ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

}  // namespace

int main(int argc, char** argv) {
  int control = -1;
  int report_fd = -1;
  if (argc < 5 || !parse_fd(argv[1], control) || !parse_fd(argv[2], report_fd)) {
    std::fprintf(stderr, "tourney keeper: usage: keeper CONTROL_FD REPORT_FD PATH ARGV0 [ARGS...]\n");
    return 127;
  }
  // child_process leaves these blocked across exec, so none is lost before
  // the signalfd reads them.
  sigset_t handled;
  ::sigemptyset(&handled);
  const int handled_signals[] = {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGQUIT};
  for (int sig : handled_signals) {
    ::sigaddset(&handled, sig);
  }
  ::sigprocmask(SIG_BLOCK, &handled, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
  int signals = ::signalfd(-1, &handled, SFD_CLOEXEC | SFD_NONBLOCK);
  if (signals < 0 || ::prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
    report(report_fd, step_keeper, errno);
    return 127;
  }
  ::fcntl(control, F_SETFD, FD_CLOEXEC);
  ::fcntl(report_fd, F_SETFD, FD_CLOEXEC);

  const pid_t keeper = ::getpid();
  const pid_t engine = ::fork();
  if (engine < 0) {
    report(report_fd, step_keeper, errno);
    return 127;
  }
  if (engine == 0) {
    // The engine: its own process group, gone with the keeper, default
    // signal mask; the report descriptor closes on exec (CLOEXEC).
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != keeper) {
      report(report_fd, step_parent_died, 0);
      ::_exit(127);
    }
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::execve(argv[3], argv + 4, environ);
    report(report_fd, 1, errno);
    ::_exit(127);
  }
  // Also set here: a signal sent before the child ran setpgid reaches it.
  ::setpgid(engine, engine);
  ::close(report_fd);
  // The engine's stdin and stdout are its alone: tourney must see its EOF.
  int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd >= 0) {
    ::dup2(null_fd, 0);
    ::dup2(null_fd, 1);
    ::close(null_fd);
  }

  int engine_status = 0;
  bool engine_reaped = false;
  while (true) {
    pollfd fds[2] = {{control, POLLIN, 0}, {signals, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      break;
    }
    if (fds[0].revents != 0) {
      unsigned char bytes[64];
      auto got = ::recv(control, bytes, sizeof bytes, MSG_DONTWAIT);
      if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
        break;  // tourney is gone: take everything down
      }
      for (ssize_t i = 0; i < got; ++i) {
        ::kill(-engine, bytes[i]);
      }
    }
    if (fds[1].revents != 0) {
      signalfd_siginfo info{};
      while (::read(signals, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
        if (info.ssi_signo != SIGCHLD) {
          ::kill(-engine, static_cast<int>(info.ssi_signo));
        }
      }
      // Reap orphans that ended; stop at the engine's exit, not reaping it
      // (its group id stays ours until kill_everything).
      bool engine_ended = false;
      while (true) {
        siginfo_t child{};
        if (::waitid(P_ALL, 0, &child, WEXITED | WNOHANG | WNOWAIT) != 0 || child.si_pid == 0) {
          break;
        }
        if (child.si_pid == engine) {
          engine_ended = true;
          break;
        }
        ::waitpid(child.si_pid, nullptr, WNOHANG);
      }
      if (engine_ended) {
        break;
      }
    }
  }
  kill_everything(engine, engine_status, engine_reaped);
  if (!engine_reaped) {
    return 137;  // not seen (reaped elsewhere?): as if killed
  }
  exit_like(engine_status);
}
