#include "tourney/storage/folder_lock.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <utility>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>

namespace tourney::storage {

namespace {

std::string read_holder(int fd) {
  char buffer[512];
  auto n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  if (n <= 0) {
    return "another process (it has not written its name yet)";
  }
  std::string text(buffer, static_cast<std::size_t>(n));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) {
    text.pop_back();
  }
  return text;
}

// "pid N (PROGRAM) on HOST since TIME": what the lock file says of its holder.
std::string holder_text() {
  char host[256] = "?";
  ::gethostname(host, sizeof host - 1);
  host[sizeof host - 1] = '\0';
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return fmt::format("pid {} ({}) on {} since {}", ::getpid(), program_invocation_short_name, host, when);
}

}  // namespace

expected<folder_lock> folder_lock::acquire(const std::string& folder) {
  const auto path = folder + "/lock";
  // O_CLOEXEC: an engine started later must not inherit (and so keep) the lock.
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) {
    return fail(fmt::format("{}: cannot open the folder's lock file: {}", path, std::strerror(errno)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    std::string who = err == EWOULDBLOCK ? read_holder(fd) : std::string();
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return tl::unexpected(error{
          fmt::format("{}: in use by {}; one run at a time writes a results folder", folder, who),
          error_kind::in_use});
    }
    return fail(fmt::format("{}: cannot lock: {}", path, std::strerror(err)));
  }
  const auto text = holder_text() + "\n";
  // Best effort: the lock holds regardless, only the holder's name would be missing.
  if (::ftruncate(fd, 0) == 0) {
    auto written = ::pwrite(fd, text.data(), text.size(), 0);
    (void)written;
  }
  return folder_lock(fd, folder);
}

folder_lock::folder_lock(folder_lock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), folder_(std::move(other.folder_)) {}

folder_lock& folder_lock::operator=(folder_lock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = std::exchange(other.fd_, -1);
    folder_ = std::move(other.folder_);
  }
  return *this;
}

folder_lock::~folder_lock() {
  if (fd_ >= 0) {
    ::close(fd_);  // releases the flock
  }
}

}  // namespace tourney::storage
