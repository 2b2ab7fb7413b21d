#pragma once
// What runtime::wait found: the final snapshot, or why there is none (a
// timeout is worth waiting again for; an unknown id or a stopped runtime is
// not). Reads like a std::optional<progress_snapshot>.
#include <optional>
#include <utility>

#include "tourney/runtime/progress.hpp"

namespace tourney {

enum class wait_status {
  finished,    // the snapshot is the tournament's final one
  timed_out,   // still queued, running or paused when the time ran out
  unknown_id,  // no such tournament in this runtime (active or in history)
  shut_down,   // the runtime's actors are gone
};

class [[nodiscard]] wait_result {
 public:
  explicit wait_result(wait_status status) : status_(status) {}
  explicit wait_result(rt::progress_snapshot final_snapshot)
      : status_(wait_status::finished), snapshot_(std::move(final_snapshot)) {}

  wait_status status() const {
    return status_;
  }
  bool has_value() const {
    return snapshot_.has_value();
  }
  explicit operator bool() const {
    return has_value();
  }
  const rt::progress_snapshot& operator*() const {
    return *snapshot_;
  }
  const rt::progress_snapshot* operator->() const {
    return &*snapshot_;
  }
  // The snapshot is the caller's copy: changing it changes nothing else.
  rt::progress_snapshot& operator*() {
    return *snapshot_;
  }
  rt::progress_snapshot* operator->() {
    return &*snapshot_;
  }

 private:
  wait_status status_;
  std::optional<rt::progress_snapshot> snapshot_;
};

}  // namespace tourney
