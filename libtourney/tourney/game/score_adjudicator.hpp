#pragma once
// Score-based adjudication from spec::adjudication_spec, on the scores the
// players report with their moves (centipawns from the mover's point of view;
// mate scores count as decisive):
//  - resign: both sides report a score of at least resign_score_cp against the
//    same side for resign_moves consecutive moves each -> that side loses;
//  - draw: on moves after ply draw_after_ply, both sides report |score| <=
//    draw_score_cp for draw_moves consecutive moves each -> draw.
// A move without a score breaks its side's runs.
#include <optional>

#include "tourney/game/outcome.hpp"
#include "tourney/shogi/types.hpp"
#include "tourney/spec/tournament_spec.hpp"

namespace tourney::game {

class score_adjudicator {
 public:
  explicit score_adjudicator(const spec::adjudication_spec& spec);

  /// Records the score `mover` reported with its move that made the game
  /// `plies` plies long; returns the adjudicated end, if any.
  std::optional<game_end> observe(shogi::color mover, int plies, std::optional<int> score_cp,
                                  std::optional<int> mate_in);

  bool enabled() const {
    return resign_enabled() || draw_enabled();
  }

 private:
  bool resign_enabled() const {
    return spec_.resign_moves > 0;
  }
  bool draw_enabled() const {
    return spec_.draw_moves > 0;
  }
  struct resign_run {
    shogi::color losing = shogi::color::black;
    int count = 0;
  };
  spec::adjudication_spec spec_;
  resign_run resign_[2];
  int draw_[2] = {0, 0};
};

}  // namespace tourney::game
