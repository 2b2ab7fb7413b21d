#pragma once
// Finding engine executables: a path with a slash is taken as is; a bare name
// is looked up in PATH and then /usr/games (where Debian installs engines,
// which is not on PATH by default).
#include <optional>
#include <string>

namespace tourney {

/// The full path of an executable file, or nothing.
std::optional<std::string> find_executable(const std::string& command);

}  // namespace tourney
