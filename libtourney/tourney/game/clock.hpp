#pragma once
// Game clocks kept by the referee (engines are never trusted with time).
// Pure: elapsed durations are passed in, so every rule is testable without
// real time. Rules (docs/shogi.md section 6, "Time"):
//  - byoyomi: main time runs first; once it is spent a move may use up to
//    `byoyomi` (reset every move); a move arriving after remaining main time +
//    byoyomi + margin is lost on time.
//  - Fischer (increment > 0) and sudden death (main only): a move arriving
//    after remaining + margin is lost on time; the increment is added after
//    each move in time (remaining never goes below zero).
//  - clockless (no main, byoyomi or increment): `movetime` is a per-move clock
//    (over movetime + margin is a timeout); nodes/depth-only limits have no
//    clock, and a move slower than `clockless_move_budget` is a stall.
#include <array>
#include <chrono>

#include "tourney/players/player.hpp"
#include "tourney/shogi/types.hpp"
#include "tourney/spec/tournament_spec.hpp"

namespace tourney::game {

enum class charge_verdict : std::uint8_t { ok, timeout, stall };

class clock {
 public:
  explicit clock(const spec::time_control& control);

  /// The `go` limits for the side to move next: both remaining main times,
  /// byoyomi or increments, and any nodes/depth/movetime limit.
  players::search_limits limits_for(shogi::color side) const;

  /// How long the runtime waits for `side`'s move, measured from the moment
  /// it asked, before the move is lost: past this, call charge() with the
  /// elapsed time (or forfeit) and the verdict is timeout (clocked) or stall
  /// (clockless nodes/depth).
  std::chrono::milliseconds deadline_for(shogi::color side) const;

  /// The verdict a late move gets once deadline_for() has passed.
  charge_verdict overdue_verdict() const;

  /// Charges `elapsed` to `side` for one move and updates its clock.
  /// ok: the move counts; timeout/stall: the side has lost (the clock is
  /// still updated to show the overrun as spent).
  charge_verdict charge(shogi::color side, std::chrono::milliseconds elapsed);

  /// Remaining main time (0 under byoyomi once spent, and when clockless).
  std::chrono::milliseconds remaining(shogi::color side) const;
  /// Total time charged to `side` so far.
  std::chrono::milliseconds used(shogi::color side) const;
  /// True when neither main time, byoyomi nor increment is set.
  bool clockless() const;
  const spec::time_control& control() const {
    return control_;
  }

 private:
  spec::time_control control_;
  std::array<std::chrono::milliseconds, 2> remaining_{};
  std::array<std::chrono::milliseconds, 2> used_{};
};

}  // namespace tourney::game
