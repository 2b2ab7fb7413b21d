#include "support/process_gone.hpp"

#include <cerrno>
#include <csignal>

#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace tourney::test {

bool gone_within(pid_t pid, std::chrono::milliseconds budget) {
  int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (fd < 0) {
    return errno == ESRCH;  // already gone (and reaped)
  }
  pollfd pfd{fd, POLLIN, 0};
  bool gone = ::poll(&pfd, 1, static_cast<int>(budget.count())) == 1;
  ::close(fd);
  if (!gone) {
    ::kill(pid, SIGKILL);
  }
  return gone;
}

}  // namespace tourney::test
