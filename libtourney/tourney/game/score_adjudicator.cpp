#include "tourney/game/score_adjudicator.hpp"

#include <cstdlib>
#include <string>

namespace tourney::game {

using shogi::color;

namespace {

// A mate score counts as decisive for resign and never as a draw.
constexpr int mate_cp = 1000000;

}  // namespace

score_adjudicator::score_adjudicator(const spec::adjudication_spec& spec) : spec_(spec) {}

std::optional<game_end> score_adjudicator::observe(color mover, int plies,
                                                   std::optional<int> score_cp,
                                                   std::optional<int> mate_in) {
  const int me = static_cast<int>(mover);
  std::optional<int> score;
  if (mate_in) {
    score = *mate_in >= 0 ? mate_cp : -mate_cp;
  } else if (score_cp) {
    score = *score_cp;
  }
  if (resign_enabled()) {
    resign_run& run = resign_[me];
    if (score && std::abs(*score) >= spec_.resign_score_cp) {
      const color losing = *score < 0 ? mover : shogi::opponent(mover);
      if (run.count > 0 && run.losing == losing) {
        ++run.count;
      } else {
        run = {losing, 1};
      }
    } else {
      run.count = 0;
    }
    const resign_run& other = resign_[1 - me];
    if (run.count >= spec_.resign_moves && other.count >= spec_.resign_moves &&
        run.losing == other.losing) {
      game_end end;
      end.outcome = loss_for(run.losing);
      end.why = reason::adjudication;
      end.detail = std::string("resign adjudication: both players scored ") +
                   (run.losing == color::black ? "black" : "white") + " at least " +
                   std::to_string(spec_.resign_score_cp) + " cp behind for " +
                   std::to_string(spec_.resign_moves) + " moves each";
      return end;
    }
  }
  if (draw_enabled()) {
    if (score && std::abs(*score) <= spec_.draw_score_cp && plies > spec_.draw_after_ply) {
      ++draw_[me];
    } else {
      draw_[me] = 0;
    }
    if (draw_[me] >= spec_.draw_moves && draw_[1 - me] >= spec_.draw_moves) {
      game_end end;
      end.outcome = result::draw;
      end.why = reason::adjudication;
      end.detail = "draw adjudication: both players scored within " +
                   std::to_string(spec_.draw_score_cp) + " cp for " +
                   std::to_string(spec_.draw_moves) + " moves each after ply " +
                   std::to_string(spec_.draw_after_ply);
      return end;
    }
  }
  return std::nullopt;
}

}  // namespace tourney::game
