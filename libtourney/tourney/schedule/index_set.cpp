#include "tourney/schedule/index_set.hpp"

namespace tourney::schedule {

bool index_set::insert(std::uint64_t index) {
  if (index < prefix_ || !rest_.insert(index).second) {
    return false;
  }
  // Fold the run that now continues the prefix into it.
  auto it = rest_.begin();
  while (it != rest_.end() && *it == prefix_) {
    ++prefix_;
    it = rest_.erase(it);
  }
  return true;
}

}  // namespace tourney::schedule
