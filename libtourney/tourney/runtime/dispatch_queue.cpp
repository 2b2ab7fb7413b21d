#include "tourney/runtime/dispatch_queue.hpp"

#include <utility>

namespace tourney::rt {

dispatch_queue::dispatch_queue(std::uint64_t size, schedule::index_set finished)
    : size_(size), finished_(std::move(finished)) {
  skip_finished();
}

void dispatch_queue::skip_finished() {
  while (cursor_ < size_ && finished_.contains(cursor_)) {
    ++cursor_;
  }
}

std::optional<std::uint64_t> dispatch_queue::take(const std::function<bool(std::uint64_t)>& eligible,
                                                  std::size_t scan_limit) {
  std::size_t looked = 0;
  for (auto it = held_.begin(); it != held_.end() && looked < scan_limit; ++it, ++looked) {
    if (eligible(*it)) {
      const auto index = *it;
      held_.erase(it);
      return index;
    }
  }
  while (cursor_ < size_ && looked < scan_limit) {
    const auto index = cursor_++;
    skip_finished();
    ++looked;
    if (eligible(index)) {
      return index;
    }
    held_.push_back(index);  // passed over: asked for again later, in order
  }
  return std::nullopt;
}

void dispatch_queue::give_back(std::uint64_t index) {
  if (!cleared_) {
    held_.push_front(index);
  }
}

void dispatch_queue::clear() {
  held_.clear();
  cursor_ = size_;
  cleared_ = true;
}

bool dispatch_queue::empty() const {
  return held_.empty() && cursor_ >= size_;
}

}  // namespace tourney::rt
