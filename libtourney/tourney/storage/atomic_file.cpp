#include "tourney/storage/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tourney/storage/parent_of.hpp"

namespace tourney::storage {

namespace {

tl::unexpected<error> os_error(const std::string& path, const char* step) {
  return fail(path + ": " + step + ": " + std::strerror(errno));
}

}  // namespace

expected<void> write_all(int fd, std::string_view content, const std::string& path) {
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    auto n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return os_error(path, "write");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return {};
}

expected<void> sync_directory(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return os_error(path, "open directory");
  }
  int rc = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  if (rc != 0) {
    errno = saved;
    return os_error(path, "fsync directory");
  }
  return {};
}

expected<void> make_directory(const std::string& path, bool must_be_new) {
  if (::mkdir(path.c_str(), 0755) == 0) {
    return sync_directory(parent_of(path));
  }
  if (errno == EEXIST && !must_be_new) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      return {};
    }
    return fail(path + ": exists and is not a directory");
  }
  return os_error(path, "mkdir");
}

expected<void> write_file_atomically(const std::string& path, std::string_view content, sync_mode durability) {
  std::string tmpl = path + ".tmp.XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) {
    return os_error(path, "create temporary file");
  }
  std::string tmp(name.data());
  auto cleanup = [&](tl::unexpected<error> e) -> expected<void> {
    ::close(fd);
    ::unlink(tmp.c_str());
    return e;
  };
  if (::fchmod(fd, 0644) != 0) {
    return cleanup(os_error(path, "chmod"));
  }
  if (auto ok = write_all(fd, content, path); !ok) {
    return cleanup(tl::unexpected<error>(ok.error()));
  }
  if (durability == sync_mode::durable && ::fsync(fd) != 0) {
    return cleanup(os_error(path, "fsync"));
  }
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return os_error(path, "close");
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    auto e = os_error(path, "rename");
    ::unlink(tmp.c_str());
    return e;
  }
  if (durability == sync_mode::none) {
    return {};
  }
  return sync_directory(parent_of(path));
}

}  // namespace tourney::storage
