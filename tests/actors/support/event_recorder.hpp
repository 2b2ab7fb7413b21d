#pragma once
// Records every event a runtime sends and lets a test wait (bounded) for the
// ones it expects. No sleeps: waits are condition variables with deadlines.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tourney/runtime.hpp"

namespace tourney::test {

class event_recorder {
 public:
  explicit event_recorder(runtime& rt, std::function<void(const tournament_event&)> also = {})
      : also_(std::move(also)) {
    sub_ = rt.subscribe([this](const tournament_event& e) {
      if (also_) {
        also_(e);
      }
      {
        std::lock_guard<std::mutex> guard(mutex_);
        events_.push_back(e);
      }
      cv_.notify_all();
    });
  }

  std::vector<tournament_event> events() const {
    std::lock_guard<std::mutex> guard(mutex_);
    return events_;
  }

  std::vector<tournament_event> events_for(const std::string& id) const {
    std::lock_guard<std::mutex> guard(mutex_);
    std::vector<tournament_event> out;
    for (const auto& e : events_) {
      if (e.snapshot.tournament_id == id) {
        out.push_back(e);
      }
    }
    return out;
  }

  /// Waits until `pred(events)` holds, at most `timeout`.
  bool wait_until(const std::function<bool(const std::vector<tournament_event>&)>& pred,
                  std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return pred(events_); });
  }

  std::optional<progress_snapshot> wait_terminal(const std::string& id,
                                                 std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    std::optional<progress_snapshot> out;
    wait_until(
        [&](const std::vector<tournament_event>& es) {
          for (const auto& e : es) {
            if (e.kind == event_kind::terminal && e.snapshot.tournament_id == id) {
              out = e.snapshot;
              return true;
            }
          }
          return false;
        },
        timeout);
    return out;
  }

  bool wait_status(const std::string& id, tournament_status s,
                   std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    return wait_until(
        [&](const std::vector<tournament_event>& es) {
          for (const auto& e : es) {
            if (e.snapshot.tournament_id == id && e.snapshot.status == s) {
              return true;
            }
          }
          return false;
        },
        timeout);
  }

  std::size_t terminal_count(const std::string& id) const {
    std::size_t n = 0;
    for (const auto& e : events_for(id)) {
      n += e.kind == event_kind::terminal ? 1 : 0;
    }
    return n;
  }

  subscription& sub() {
    return sub_;
  }

 private:
  std::function<void(const tournament_event&)> also_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<tournament_event> events_;
  subscription sub_;  // last: stops delivery before the rest is destroyed
};

}  // namespace tourney::test
