#include "signals.hpp"

#include <atomic>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace tourney::app {

namespace {

int pipe_fds[2] = {-1, -1};
std::atomic<int> first_signal{0};
constexpr int handled[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction previous[3] {};
struct sigaction previous_pipe {};

extern "C" void on_stop_signal(int sig, siginfo_t* info, void*) {
  int expected = 0;
  if (!first_signal.compare_exchange_strong(expected, sig)) {
    // Only a human's second Ctrl-C leaves at once. Async-signal-safe calls only.
    if (sig == SIGINT && info != nullptr && info->si_code == SI_KERNEL) {
      ::_exit(130);
    }
    return;
  }
  char byte = 1;
  auto n = ::write(pipe_fds[1], &byte, 1);
  (void)n;
}

}  // namespace

interrupt_signals::interrupt_signals() {
  if (::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    pipe_fds[0] = pipe_fds[1] = -1;
    return;
  }
  struct sigaction sa {};
  sa.sa_sigaction = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART | SA_SIGINFO;
  for (int i = 0; i < 3; ++i) {
    ::sigaction(handled[i], &sa, &previous[i]);
  }
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  ::sigaction(SIGPIPE, &ignore, &previous_pipe);
}

interrupt_signals::~interrupt_signals() {
  for (int i = 0; i < 3; ++i) {
    ::sigaction(handled[i], &previous[i], nullptr);
  }
  ::sigaction(SIGPIPE, &previous_pipe, nullptr);
  if (pipe_fds[0] >= 0) {
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    pipe_fds[0] = pipe_fds[1] = -1;
  }
}

int interrupt_signals::fd() const {
  return pipe_fds[0];
}

int interrupt_signals::received() const {
  return first_signal.load();
}

}  // namespace tourney::app
