#pragma once
// The supervisor's queue of tournaments waiting to run: higher priority first,
// first-in first-out within a priority.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tourney::rt {

class run_queue {
 public:
  void push(std::string id, int priority);
  /// The next tournament to run, removed from the queue.
  std::optional<std::string> pop();
  /// Removes a queued tournament; false if it is not queued.
  bool remove(const std::string& id);
  /// 0 = runs next; nothing if not queued.
  std::optional<std::size_t> position(const std::string& id) const;
  /// Queued ids in run order.
  std::vector<std::string> order() const;
  std::size_t size() const {
    return entries_.size();
  }
  bool empty() const {
    return entries_.empty();
  }

 private:
  struct entry {
    std::string id;
    int priority;
    std::uint64_t seq;
  };
  // Kept sorted in run order; queues are short (tournaments, not games).
  std::vector<entry> entries_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace tourney::rt
