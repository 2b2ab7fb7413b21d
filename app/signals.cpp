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
struct sigaction previous_int {};
struct sigaction previous_term {};

extern "C" void on_interrupt(int sig) {
  int expected = 0;
  if (!first_signal.compare_exchange_strong(expected, sig)) {
    // Second signal: leave now. Only async-signal-safe calls here.
    ::_exit(130);
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
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &sa, &previous_int);
  ::sigaction(SIGTERM, &sa, &previous_term);
}

interrupt_signals::~interrupt_signals() {
  ::sigaction(SIGINT, &previous_int, nullptr);
  ::sigaction(SIGTERM, &previous_term, nullptr);
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
