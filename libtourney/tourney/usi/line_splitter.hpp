#pragma once
// Splits a byte stream into lines across partial reads.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tourney::usi {

class line_splitter {
 public:
  /// Longest line kept; a longer one is cut there and emitted in pieces (an
  /// engine printing megabytes without a newline must not grow us unboundedly).
  static constexpr std::size_t max_line_length = 64 * 1024;

  /// The complete lines in `bytes` (plus what was buffered before). Line ends
  /// are "\n" or "\r\n"; the terminators are not included.
  std::vector<std::string> feed(std::string_view bytes);
  /// At end of input: the unterminated remainder, if any, as a last line.
  std::vector<std::string> finish();
  bool has_partial_line() const {
    return !partial_.empty();
  }

 private:
  std::string partial_;
};

}  // namespace tourney::usi
