#include "tourney/util/executable.hpp"

#include <cstdlib>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

namespace tourney {

namespace {

bool is_executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

std::optional<std::string> find_executable(const std::string& command) {
  if (command.empty()) {
    return std::nullopt;
  }
  if (command.find('/') != std::string::npos) {
    if (is_executable_file(command)) {
      return command;
    }
    return std::nullopt;
  }
  std::string dirs;
  if (const char* path = std::getenv("PATH")) {
    dirs = path;
  }
  dirs += ":/usr/games";
  std::istringstream in(dirs);
  std::string dir;
  while (std::getline(in, dir, ':')) {
    if (dir.empty()) {
      continue;
    }
    std::string candidate = dir + "/" + command;
    if (is_executable_file(candidate)) {
      return candidate;
    }
  }
  return std::nullopt;
}

}  // namespace tourney
