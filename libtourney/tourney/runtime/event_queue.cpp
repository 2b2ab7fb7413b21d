#include "tourney/runtime/event_queue.hpp"

#include <cstdint>

#include <sys/eventfd.h>
#include <unistd.h>

namespace tourney::rt {

event_queue::event_queue(std::size_t soft_capacity)
    : soft_capacity_(soft_capacity), fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

event_queue::~event_queue() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

void event_queue::signal_locked() {
  if (!signalled_ && fd_ >= 0) {
    std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(fd_, &one, sizeof one);
    signalled_ = true;
  }
}

void event_queue::drain_fd_locked() {
  if (signalled_ && fd_ >= 0) {
    std::uint64_t value = 0;
    [[maybe_unused]] auto n = ::read(fd_, &value, sizeof value);
    signalled_ = false;
  }
}

void event_queue::push(tournament_event e) {
  // Notifying under the lock orders the signal before whatever the consumer
  // does next (including destroying the queue).
  std::lock_guard<std::mutex> guard(mutex_);
  {
    if (closed_) {
      return;
    }
    if (e.kind == event_kind::progress) {
      // Replace a queued progress event if it is this tournament's latest.
      for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
        if (it->snapshot.tournament_id == e.snapshot.tournament_id) {
          if (it->kind == event_kind::progress) {
            it->snapshot = std::move(e.snapshot);
            ++coalesced_;
            return;
          }
          break;
        }
      }
    }
    events_.push_back(std::move(e));
    if (events_.size() > soft_capacity_) {
      // Shed the oldest progress event; status and terminal events stay.
      for (auto it = events_.begin(); it != events_.end(); ++it) {
        if (it->kind == event_kind::progress) {
          events_.erase(it);
          ++coalesced_;
          break;
        }
      }
    }
    signal_locked();
  }
  ready_.notify_one();
}

std::vector<tournament_event> event_queue::take_all() {
  std::lock_guard<std::mutex> guard(mutex_);
  std::vector<tournament_event> out(std::make_move_iterator(events_.begin()),
                                    std::make_move_iterator(events_.end()));
  events_.clear();
  drain_fd_locked();
  return out;
}

std::optional<tournament_event> event_queue::pop(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!ready_.wait_for(lock, timeout, [&] { return !events_.empty() || closed_; })) {
    return std::nullopt;
  }
  if (events_.empty()) {
    return std::nullopt;
  }
  auto e = std::move(events_.front());
  events_.pop_front();
  if (events_.empty()) {
    drain_fd_locked();
  }
  return e;
}

void event_queue::close() {
  std::lock_guard<std::mutex> guard(mutex_);
  closed_ = true;
  ready_.notify_all();
}

bool event_queue::closed() const {
  std::lock_guard<std::mutex> guard(mutex_);
  return closed_;
}

std::size_t event_queue::size() const {
  std::lock_guard<std::mutex> guard(mutex_);
  return events_.size();
}

std::uint64_t event_queue::coalesced() const {
  std::lock_guard<std::mutex> guard(mutex_);
  return coalesced_;
}

}  // namespace tourney::rt
