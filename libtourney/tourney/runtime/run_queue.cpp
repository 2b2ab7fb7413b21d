#include "tourney/runtime/run_queue.hpp"

#include <algorithm>

namespace tourney::rt {

void run_queue::push(std::string id, int priority) {
  entry e{std::move(id), priority, next_seq_++};
  // After every entry of higher or equal priority: FIFO within a priority.
  auto at = std::find_if(entries_.begin(), entries_.end(),
                         [&](const entry& x) { return x.priority < e.priority; });
  entries_.insert(at, std::move(e));
}

std::optional<std::string> run_queue::pop() {
  if (entries_.empty()) {
    return std::nullopt;
  }
  auto id = std::move(entries_.front().id);
  entries_.erase(entries_.begin());
  return id;
}

bool run_queue::remove(const std::string& id) {
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const entry& x) { return x.id == id; });
  if (it == entries_.end()) {
    return false;
  }
  entries_.erase(it);
  return true;
}

std::optional<std::size_t> run_queue::position(const std::string& id) const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].id == id) {
      return i;
    }
  }
  return std::nullopt;
}

std::vector<std::string> run_queue::order() const {
  std::vector<std::string> ids;
  ids.reserve(entries_.size());
  for (const auto& e : entries_) {
    ids.push_back(e.id);
  }
  return ids;
}

}  // namespace tourney::rt
