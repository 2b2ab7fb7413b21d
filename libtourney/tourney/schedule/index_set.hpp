#pragma once
// A set of schedule indices in memory proportional to the games that finished
// out of order, not to the schedule: every index below `prefix` is in the
// set, and the rest are kept one by one. Games finish roughly in schedule
// order, so a million-game (or 10^10-game) tournament needs a few entries.
#include <cstdint>
#include <set>

namespace tourney::schedule {

class index_set {
 public:
  /// False when `index` was in the set already.
  bool insert(std::uint64_t index);
  [[nodiscard]] bool contains(std::uint64_t index) const {
    return index < prefix_ || rest_.count(index) > 0;
  }
  [[nodiscard]] std::uint64_t size() const {
    return prefix_ + rest_.size();
  }
  /// Indices kept one by one (the memory the set uses).
  [[nodiscard]] std::size_t scattered() const {
    return rest_.size();
  }

 private:
  std::uint64_t prefix_ = 0;
  std::set<std::uint64_t> rest_;
};

}  // namespace tourney::schedule
