#include "support/process_runner.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tourney::test {

std::string process_result::last_line() const {
  auto end = out.find_last_not_of("\r\n");
  if (end == std::string::npos) {
    return {};
  }
  auto begin = out.rfind('\n', end);
  return out.substr(begin == std::string::npos ? 0 : begin + 1, end - (begin == std::string::npos ? 0 : begin + 1) + 1);
}

process_result run_process(const run_options& options) {
  int out_pipe[2];
  int err_pipe[2];
  int in_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(in_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  std::vector<char*> argv;
  for (const auto& a : options.argv) {
    argv.push_back(const_cast<char*>(a.c_str()));
  }
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::dup2(in_pipe[0], 0);
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    if (!options.working_dir.empty() && ::chdir(options.working_dir.c_str()) != 0) {
      ::_exit(126);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  ::close(in_pipe[0]);
  if (!options.stdin_text.empty()) {
    // Small inputs only: fits the pipe buffer.
    auto n = ::write(in_pipe[1], options.stdin_text.data(), options.stdin_text.size());
    (void)n;
  }
  ::close(in_pipe[1]);
  if (options.on_start) {
    options.on_start(static_cast<int>(pid));
  }

  process_result result;
  auto deadline = std::chrono::steady_clock::now() + options.deadline;
  bool triggered = false;
  bool out_open = true;
  bool err_open = true;
  char buffer[65536];
  while (out_open || err_open) {
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
      break;
    }
    auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
    pollfd fds[2] = {{out_open ? out_pipe[0] : -1, POLLIN, 0}, {err_open ? err_pipe[0] : -1, POLLIN, 0}};
    int rc = ::poll(fds, 2, static_cast<int>(std::min<long long>(wait_ms, 60000)));
    if (rc < 0 && errno == EINTR) {
      continue;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
        continue;
      }
      auto n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        (i == 0 ? out_open : err_open) = false;
        continue;
      }
      (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      if (i == 0 && !triggered && options.trigger && options.trigger(result.out)) {
        triggered = true;
        if (options.signal_on_trigger != 0) {
          ::kill(pid, options.signal_on_trigger);
        }
        for (int sig : options.more_signals_on_trigger) {
          ::kill(pid, sig);
        }
        if (options.close_stdout_on_trigger) {
          ::close(out_pipe[0]);
          out_pipe[0] = -1;
          out_open = false;
        }
      }
    }
  }
  if (out_pipe[0] >= 0) {
    ::close(out_pipe[0]);
  }
  ::close(err_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.term_signal = WTERMSIG(status);
  }
  return result;
}

process_result run_process(std::vector<std::string> argv, std::chrono::milliseconds deadline) {
  run_options o;
  o.argv = std::move(argv);
  o.deadline = deadline;
  return run_process(o);
}

}  // namespace tourney::test
