#pragma once
// A minimal single-threaded game loop over the referee for player tests (the
// real loop is the runtime's game actor).
#include <atomic>
#include <chrono>

#include "tourney/game/referee.hpp"
#include "tourney/players/player.hpp"

namespace tourney::test {

inline record::game_record play_game(players::player& black, players::player& white,
                                     std::uint64_t seed, int max_plies = 400) {
  game::referee_settings settings;
  settings.adjudication.max_plies = max_plies;
  const shogi::position start = shogi::position::startpos();
  game::referee referee(start, {}, settings);
  black.new_game(seed);
  white.new_game(seed);
  std::atomic<bool> stop{false};
  while (referee.needs_move()) {
    const shogi::color side = referee.side_to_move();
    players::player& p = side == shogi::color::black ? black : white;
    const players::search_limits limits = referee.limits();
    players::move_request request{referee.start_position(), referee.history(), referee.position(),
                                  limits, stop};
    referee.apply(side, p.decide(request), std::chrono::milliseconds{0});
  }
  return referee.record();
}

}  // namespace tourney::test
