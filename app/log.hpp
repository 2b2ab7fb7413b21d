#pragma once
// The app's diagnostics on stderr, filtered by --log-level. Results and
// progress go to stdout; everything else goes through here.
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace tourney::app {

enum class log_level { error = 0, warn = 1, info = 2, debug = 3 };

/// The process-wide threshold (set once from --log-level).
log_level& current_log_level();

/// "error", "warn", "info" or "debug".
std::optional<log_level> parse_log_level(std::string_view text);

/// fmt::print to stderr that never throws: a closed terminal (SIGHUP, an
/// ended SSH session) makes writes fail with EIO, which must not end a run
/// before it has saved.
template <class... Args>
void eprint(std::string_view format, Args&&... args) {
  const auto text = fmt::vformat(format, fmt::make_format_args(args...));
  auto written = std::fwrite(text.data(), 1, text.size(), stderr);
  (void)written;
}

template <class... Args>
void log(log_level level, std::string_view format, Args&&... args) {
  if (level > current_log_level()) {
    return;
  }
  static constexpr const char* names[] = {"error", "warn", "info", "debug"};
  eprint("tourney [{}] {}\n", names[static_cast<int>(level)], fmt::vformat(format, fmt::make_format_args(args...)));
}

}  // namespace tourney::app
