#pragma once
// An append-only JSON-lines file with group commit: lines are buffered and a
// single write + fdatasync makes a whole batch durable, so a busy tournament
// pays one sync per batch, not one per game.
#include <string>
#include <string_view>

#include "tourney/util/expected.hpp"

namespace tourney::storage {

class jsonl_writer {
 public:
  jsonl_writer() = default;
  jsonl_writer(const jsonl_writer&) = delete;
  jsonl_writer& operator=(const jsonl_writer&) = delete;
  jsonl_writer(jsonl_writer&& other) noexcept;
  jsonl_writer& operator=(jsonl_writer&& other) noexcept;
  ~jsonl_writer();

  /// Opens (creating, appending) the file.
  static expected<jsonl_writer> open(const std::string& path);

  /// Buffers one line (a newline is added; `line` must not contain one).
  void append(std::string_view line);

  /// Lines buffered since the last commit.
  std::size_t pending() const {
    return pending_lines_;
  }

  /// Writes every buffered line and syncs the data to disk.
  expected<void> commit();

  const std::string& path() const {
    return path_;
  }

 private:
  int fd_ = -1;
  std::string path_;
  std::string buffer_;
  std::size_t pending_lines_ = 0;
};

}  // namespace tourney::storage
