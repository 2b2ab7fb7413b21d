#pragma once
// A subscriber's inbox: the progress hub pushes without ever blocking, the
// host takes events on its own thread (a callback thread, or its event loop
// through fd()). Progress events of a tournament coalesce (the newest
// replaces a queued one), status and terminal events are never dropped, and a
// tournament's events stay in order.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "tourney/runtime/progress.hpp"

namespace tourney::rt {

enum class event_kind : std::uint8_t {
  status,    // queued, running, paused, resumed
  progress,  // a game finished (may be coalesced)
  terminal,  // completed, failed or cancelled: exactly one per tournament
};

struct tournament_event {
  event_kind kind = event_kind::progress;
  progress_snapshot snapshot;
};

class event_queue {
 public:
  /// Above `soft_capacity` queued events, the oldest progress events go first.
  explicit event_queue(std::size_t soft_capacity = 1024);
  ~event_queue();
  event_queue(const event_queue&) = delete;
  event_queue& operator=(const event_queue&) = delete;

  /// Never blocks on the consumer. Ignored once closed.
  void push(tournament_event e);
  /// Everything queued now (may be empty); never blocks.
  std::vector<tournament_event> take_all();
  /// The next event, waiting at most `timeout`; nothing on timeout or close.
  std::optional<tournament_event> pop(std::chrono::milliseconds timeout);
  /// Wakes waiters; later pushes are ignored.
  void close();
  bool closed() const;
  /// Readable (an eventfd) while events are queued.
  int fd() const {
    return fd_;
  }
  std::size_t size() const;
  /// Progress events replaced or dropped so far.
  std::uint64_t coalesced() const;

 private:
  void signal_locked();
  void drain_fd_locked();

  // Host boundary: runtime actors push, host threads pop or wait.
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<tournament_event> events_;
  std::size_t soft_capacity_;
  std::uint64_t coalesced_ = 0;
  bool closed_ = false;
  bool signalled_ = false;
  int fd_ = -1;
};

}  // namespace tourney::rt
