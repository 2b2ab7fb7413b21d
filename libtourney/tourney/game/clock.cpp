#include "tourney/game/clock.hpp"

#include <algorithm>

namespace tourney::game {

using std::chrono::milliseconds;

namespace {

std::size_t index(shogi::color c) {
  return static_cast<std::size_t>(c);
}

}  // namespace

clock::clock(const spec::time_control& control) : control_(control) {
  remaining_ = {control.main, control.main};
}

bool clock::clockless() const {
  return control_.main.count() <= 0 && control_.byoyomi.count() <= 0 &&
         control_.increment.count() <= 0;
}

players::search_limits clock::limits_for(shogi::color side) const {
  (void)side;  // both clocks are reported, as USI `go` does
  players::search_limits limits;
  if (!clockless()) {
    limits.black_time = remaining_[0];
    limits.white_time = remaining_[1];
    if (control_.byoyomi.count() > 0) {
      limits.byoyomi = control_.byoyomi;
    } else {
      limits.black_increment = control_.increment;
      limits.white_increment = control_.increment;
    }
  }
  limits.nodes = control_.nodes;
  limits.depth = control_.depth;
  limits.movetime = control_.movetime;
  return limits;
}

milliseconds clock::deadline_for(shogi::color side) const {
  if (clockless()) {
    if (control_.movetime) {
      return *control_.movetime + control_.margin;
    }
    return control_.clockless_move_budget;
  }
  const milliseconds left = remaining_[index(side)];
  if (control_.byoyomi.count() > 0) {
    return left + control_.byoyomi + control_.margin;
  }
  return left + control_.margin;
}

charge_verdict clock::overdue_verdict() const {
  if (clockless() && !control_.movetime) {
    return charge_verdict::stall;
  }
  return charge_verdict::timeout;
}

charge_verdict clock::charge(shogi::color side, milliseconds elapsed) {
  elapsed = std::max(elapsed, milliseconds{0});
  const std::size_t i = index(side);
  used_[i] += elapsed;
  if (elapsed > deadline_for(side)) {
    // Show the overrun as spent.
    remaining_[i] = std::max(remaining_[i] - elapsed, milliseconds{0});
    return overdue_verdict();
  }
  if (clockless()) {
    return charge_verdict::ok;
  }
  if (control_.byoyomi.count() > 0) {
    // Main time first; byoyomi covers the rest and resets every move.
    remaining_[i] = std::max(remaining_[i] - elapsed, milliseconds{0});
    return charge_verdict::ok;
  }
  remaining_[i] = std::max(remaining_[i] - elapsed, milliseconds{0}) + control_.increment;
  return charge_verdict::ok;
}

milliseconds clock::remaining(shogi::color side) const {
  return remaining_[index(side)];
}

milliseconds clock::used(shogi::color side) const {
  return used_[index(side)];
}

}  // namespace tourney::game
