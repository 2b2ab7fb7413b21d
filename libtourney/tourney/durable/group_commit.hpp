#pragma once
// When the journal is synced (group commit): an append that finds no flush
// pending asks for one, queued behind every append already waiting; appends
// that arrive before that flush runs join it. One write + fdatasync then
// covers all of them, so a sync is never waited for by a line that the
// sync in progress, or the next one, could carry. Pure: the persistence
// actor tells it what happened and does what it says.
#include <cstddef>
#include <cstdint>

namespace tourney::durable {

class group_commit {
 public:
  /// A line was appended. True: schedule a flush (none is pending).
  [[nodiscard]] bool on_append() {
    ++waiting_;
    if (flush_pending_) {
      return false;
    }
    flush_pending_ = true;
    return true;
  }

  /// A flush runs now (scheduled, or forced by a tournament's end): it
  /// covers every line appended so far. Returns how many (0: nothing to sync).
  [[nodiscard]] std::size_t on_flush() {
    flush_pending_ = false;
    const auto covered = waiting_;
    waiting_ = 0;
    if (covered > 0) {
      ++syncs_;
    }
    return covered;
  }

  /// Lines appended and not yet covered by a flush.
  [[nodiscard]] std::size_t waiting() const {
    return waiting_;
  }
  /// Flushes that had lines to sync.
  [[nodiscard]] std::uint64_t syncs() const {
    return syncs_;
  }

 private:
  std::size_t waiting_ = 0;
  bool flush_pending_ = false;
  std::uint64_t syncs_ = 0;
};

}  // namespace tourney::durable
