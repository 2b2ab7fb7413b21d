#pragma once
// Reading input files with a size limit: a file larger than the limit, or one
// without an end (/dev/zero, a pipe that never closes its writer side after
// streaming forever), ends with an error naming the file and the limit after
// at most limit + one chunk has been read. Nothing is read whole first.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "tourney/util/expected.hpp"

namespace tourney {

/// "256 bytes", "64 KiB", "16 MiB" (exact multiples only; else bytes).
std::string size_text(std::size_t bytes);

/// The whole file, at most max_bytes long; `what` names the kind of file in
/// the error ("a config file": "x.json: larger than the limit of 16 MiB for a
/// config file").
expected<std::string> read_file_limited(const std::string& path, std::size_t max_bytes,
                                        std::string_view what);

struct line_limits {
  std::size_t max_bytes = 0;       // the whole file
  std::size_t max_line_bytes = 0;  // one line, without its '\n'
};

/// Calls on_line for each line (without its '\n'; 1-based numbers; the text
/// after the last '\n' is a line too, possibly empty), reading in bounded
/// chunks, so memory holds one chunk and one line. Stops at the first error
/// of on_line, or when a limit is passed ("book.sfen:7: longer than the limit
/// of 64 KiB a line").
expected<void> read_lines_limited(
    const std::string& path, const line_limits& limits, std::string_view what,
    const std::function<expected<void>(std::string_view line, int number)>& on_line);

}  // namespace tourney
