#include "tourney/storage/jsonl_writer.hpp"

#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace tourney::storage {

jsonl_writer::jsonl_writer(jsonl_writer&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      path_(std::move(other.path_)),
      buffer_(std::move(other.buffer_)),
      pending_lines_(std::exchange(other.pending_lines_, 0)) {}

jsonl_writer& jsonl_writer::operator=(jsonl_writer&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
    buffer_ = std::move(other.buffer_);
    pending_lines_ = std::exchange(other.pending_lines_, 0);
  }
  return *this;
}

jsonl_writer::~jsonl_writer() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

expected<jsonl_writer> jsonl_writer::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    return fail(path + ": open: " + std::strerror(errno));
  }
  jsonl_writer w;
  w.fd_ = fd;
  w.path_ = path;
  return w;
}

void jsonl_writer::append(std::string_view line) {
  buffer_.append(line);
  buffer_.push_back('\n');
  ++pending_lines_;
}

expected<void> jsonl_writer::commit() {
  if (fd_ < 0) {
    return fail(path_ + ": not open");
  }
  const char* p = buffer_.data();
  std::size_t left = buffer_.size();
  while (left > 0) {
    auto n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      auto e = fail(path_ + ": write: " + std::strerror(errno));
      buffer_.erase(0, buffer_.size() - left);
      return e;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  buffer_.clear();
  pending_lines_ = 0;
  if (::fdatasync(fd_) != 0) {
    return fail(path_ + ": fdatasync: " + std::strerror(errno));
  }
  return {};
}

}  // namespace tourney::storage
