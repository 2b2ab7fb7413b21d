#pragma once
// The supervisor's book of tournaments: the latest snapshot of every queued,
// running or paused one, and a bounded history of finished ones (summaries
// only: no games are kept, so memory stays flat over any number of runs).
#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tourney/runtime/progress.hpp"

namespace tourney::rt {

class registry {
 public:
  explicit registry(std::size_t history_limit) : history_limit_(history_limit) {}

  void add(progress_snapshot s);
  /// Replaces an active entry's snapshot (ignored for unknown or finished ids).
  void update(progress_snapshot s);
  /// Moves a tournament to the history, dropping the oldest beyond the limit.
  void retire(progress_snapshot s);

  const progress_snapshot* find_active(const std::string& id) const;
  progress_snapshot* find_active(const std::string& id);
  const progress_snapshot* find_finished(const std::string& id) const;

  /// Queued, running and paused tournaments in start order.
  std::vector<progress_snapshot> active() const;
  /// Active ones, then the history (oldest first).
  std::vector<progress_snapshot> all() const;

  std::size_t active_count() const {
    return active_.size();
  }
  std::size_t history_count() const {
    return history_.size();
  }

 private:
  std::size_t history_limit_;
  std::uint64_t seq_ = 0;
  std::map<std::string, std::pair<std::uint64_t, progress_snapshot>> active_;
  std::deque<progress_snapshot> history_;
  std::map<std::string, std::size_t> history_index_;  // id -> sequence number in history
  std::uint64_t history_base_ = 0;                    // sequence number of history_.front()
};

}  // namespace tourney::rt
