#pragma once
// How many refusal lines a worker writes: a flood of junk connections must
// not become a flood of stderr (a full pipe would stall the relay that
// writes it). At most `burst` lines per window; the lines held back are
// counted and said in one line once the window is over. Pure: time is an
// argument.
#include <chrono>
#include <cstddef>
#include <optional>

namespace tourney::net {

class log_budget {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  log_budget(std::size_t burst, std::chrono::milliseconds window) : burst_(burst), window_(window) {}

  /// Whether a line may be written at `now` (else it is counted as held back).
  bool allow(time_point now) {
    roll(now);
    if (used_ < burst_) {
      ++used_;
      return true;
    }
    ++held_;
    return false;
  }

  /// When the lines held back are due to be summed up (nothing held: none).
  std::optional<time_point> summary_due() const {
    if (held_ == 0) {
      return std::nullopt;
    }
    return start_ + window_;
  }

  /// The lines held back in a window that is over at `now` (0: none, or the
  /// window is still open); counted once.
  std::size_t take_held(time_point now) {
    if (held_ == 0 || now < start_ + window_) {
      return 0;
    }
    const auto n = held_;
    held_ = 0;
    roll(now);
    return n;
  }

  std::chrono::milliseconds window() const {
    return window_;
  }

 private:
  void roll(time_point now) {
    if (!started_ || now >= start_ + window_) {
      // The held-back count survives until take_held reports it.
      started_ = true;
      start_ = now;
      used_ = 0;
    }
  }

  std::size_t burst_;
  std::chrono::milliseconds window_;
  time_point start_{};
  bool started_ = false;
  std::size_t used_ = 0;
  std::size_t held_ = 0;
};

}  // namespace tourney::net
