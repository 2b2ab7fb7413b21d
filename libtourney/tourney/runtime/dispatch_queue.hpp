#pragma once
// Which game a tournament asks a slot for next, without a list of the whole
// schedule: a cursor over schedule indices (skipping games already in the
// journal) plus the few games given back (a withdrawn request, a game a lost
// worker was playing) and the few passed over because a player was at its
// concurrency limit. Those come first, in the order they were given back or
// passed over, so every game is asked for exactly once unless given back.
// Memory and the work of one call are bounded by the games in flight and the
// scan limit, whatever the schedule's size: a 10^10-game tournament starts
// and cancels as fast as a 10-game one.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>

#include "tourney/schedule/index_set.hpp"

namespace tourney::rt {

class dispatch_queue {
 public:
  /// Games 0..size-1, less those in `finished` (a resumed tournament's journal).
  dispatch_queue(std::uint64_t size, schedule::index_set finished);

  /// The next game for which `eligible` holds, looking at no more than
  /// `scan_limit` games; those looked at and refused are kept, in order, for
  /// later calls. Nothing when no game is left or none of those looked at fits.
  [[nodiscard]] std::optional<std::uint64_t> take(const std::function<bool(std::uint64_t)>& eligible,
                                                  std::size_t scan_limit);
  /// A taken game that was not played after all: it is offered first again
  /// (unless the queue was cleared: then nothing is to be played again).
  void give_back(std::uint64_t index);
  /// No more games are to be dispatched (an SPRT verdict), for good.
  void clear();
  /// No game is left to take.
  [[nodiscard]] bool empty() const;
  /// clear() was called: the schedule was cut short.
  [[nodiscard]] bool cleared() const {
    return cleared_;
  }
  /// Games held outside the cursor (given back or passed over).
  [[nodiscard]] std::size_t held() const {
    return held_.size();
  }

 private:
  /// The next index at or after the cursor that is not finished.
  void skip_finished();

  std::uint64_t size_;
  std::uint64_t cursor_ = 0;
  schedule::index_set finished_;
  std::deque<std::uint64_t> held_;
  bool cleared_ = false;
};

}  // namespace tourney::rt
