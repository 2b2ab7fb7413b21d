#pragma once
// The shared part of a subscription: its queue, its delivery thread (for
// callbacks) and the way back to the runtime to unsubscribe.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "tourney/runtime/event_queue.hpp"

namespace tourney::detail {

struct subscription_state {
  std::uint64_t id = 0;
  std::shared_ptr<rt::event_queue> queue;
  std::thread delivery;
  std::atomic<std::uint64_t> failures{0};
  // Host boundary: the delivery thread writes last_failure, any host thread reads it.
  std::mutex mutex;
  std::string last_failure;
  /// Unsubscribes from the hub if the runtime still exists.
  std::function<void(std::uint64_t)> unsubscribe;
  std::once_flag stopped;

  void stop();
  ~subscription_state();
};

}  // namespace tourney::detail
