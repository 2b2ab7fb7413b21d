#include "tourney/util/bounded_read.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace tourney {

namespace {

constexpr std::size_t chunk_bytes = 64 * 1024;

std::string too_large(const std::string& path, std::size_t max_bytes, std::string_view what) {
  return fmt::format("{}: larger than the limit of {} for {}", path, size_text(max_bytes), what);
}

/// An open descriptor, closed on every path out.
class input_file {
 public:
  static expected<input_file> open(const std::string& path, std::size_t max_bytes,
                                   std::string_view what) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return fail(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    }
    input_file file(fd);
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
      return fail(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
    }
    if (S_ISDIR(info.st_mode)) {
      return fail(fmt::format("{}: is a directory", path));
    }
    // A regular file says its size: refuse it before reading a byte. Others
    // (devices, pipes) say nothing and are stopped by counting.
    if (S_ISREG(info.st_mode) && static_cast<std::uint64_t>(info.st_size) > max_bytes) {
      return fail(too_large(path, max_bytes, what));
    }
    return file;
  }
  input_file(input_file&& other) noexcept : fd_(other.fd_) {
    other.fd_ = -1;
  }
  input_file(const input_file&) = delete;
  input_file& operator=(const input_file&) = delete;
  input_file& operator=(input_file&&) = delete;
  ~input_file() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }

  /// Bytes read into buffer (0 at the end of the file).
  expected<std::size_t> read(char* buffer, std::size_t size, const std::string& path) {
    for (;;) {
      auto n = ::read(fd_, buffer, size);
      if (n >= 0) {
        return static_cast<std::size_t>(n);
      }
      if (errno != EINTR) {
        return fail(fmt::format("{}: read error: {}", path, std::strerror(errno)));
      }
    }
  }

 private:
  explicit input_file(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace

std::string size_text(std::size_t bytes) {
  constexpr std::size_t kib = 1024;
  constexpr std::size_t mib = kib * kib;
  if (bytes >= mib && bytes % mib == 0) {
    return fmt::format("{} MiB", bytes / mib);
  }
  if (bytes >= kib && bytes % kib == 0) {
    return fmt::format("{} KiB", bytes / kib);
  }
  return fmt::format("{} bytes", bytes);
}

expected<std::string> read_file_limited(const std::string& path, std::size_t max_bytes,
                                        std::string_view what) {
  auto file = input_file::open(path, max_bytes, what);
  if (!file) {
    return tl::unexpected(file.error());
  }
  std::string text;
  std::array<char, chunk_bytes> chunk{};
  for (;;) {
    std::size_t n = 0;
    TOURNEY_TRY_ASSIGN(n, file->read(chunk.data(), chunk.size(), path));
    if (n == 0) {
      return text;
    }
    // Checked before appending: memory never holds more than the limit.
    if (n > max_bytes - text.size()) {
      return fail(too_large(path, max_bytes, what));
    }
    text.append(chunk.data(), n);
  }
}

expected<void> read_lines_limited(
    const std::string& path, const line_limits& limits, std::string_view what,
    const std::function<expected<void>(std::string_view, int)>& on_line) {
  auto file = input_file::open(path, limits.max_bytes, what);
  if (!file) {
    return tl::unexpected(file.error());
  }
  std::string line;  // the line being read, across chunk boundaries
  int number = 1;
  std::size_t total = 0;
  std::array<char, chunk_bytes> chunk{};
  auto append = [&](std::string_view part) -> expected<void> {
    if (part.size() > limits.max_line_bytes - line.size()) {
      return fail(fmt::format("{}:{}: longer than the limit of {} a line for {}", path, number,
                              size_text(limits.max_line_bytes), what));
    }
    line.append(part);
    return {};
  };
  for (;;) {
    std::size_t n = 0;
    TOURNEY_TRY_ASSIGN(n, file->read(chunk.data(), chunk.size(), path));
    if (n == 0) {
      break;
    }
    if (n > limits.max_bytes - total) {
      return fail(too_large(path, limits.max_bytes, what));
    }
    total += n;
    std::string_view rest(chunk.data(), n);
    for (auto newline = rest.find('\n'); newline != std::string_view::npos;
         newline = rest.find('\n')) {
      TOURNEY_TRY(append(rest.substr(0, newline)));
      TOURNEY_TRY(on_line(line, number));
      line.clear();
      ++number;
      rest.remove_prefix(newline + 1);
    }
    TOURNEY_TRY(append(rest));
  }
  return on_line(line, number);
}

}  // namespace tourney
