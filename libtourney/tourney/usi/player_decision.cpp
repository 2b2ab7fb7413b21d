#include "tourney/usi/player_decision.hpp"

#include <fmt/core.h>

#include "tourney/shogi/notation.hpp"

namespace tourney::usi {

expected<players::decision> to_player_decision(const engine_decision& answer) {
  // Filled in place (assigning from decision::play() & co. trips GCC 12's
  // maybe-uninitialized on the optionals).
  players::decision decision;
  switch (answer.what) {
    case bestmove_line::kind::resign:
      decision.what = players::decision::kind::resign;
      break;
    case bestmove_line::kind::win:
      decision.what = players::decision::kind::declare_win;
      break;
    case bestmove_line::kind::move: {
      auto move = shogi::parse_usi_move(answer.move);
      if (!move) {
        return fail(fmt::format("bestmove {}: {}", answer.move, move.error().message));
      }
      decision.what = players::decision::kind::move;
      decision.chosen = *move;
      break;
    }
  }
  if (answer.info.eval) {
    const auto& eval = *answer.info.eval;
    if (eval.kind == score::unit::cp) {
      decision.score_cp = eval.value;
    } else if (!eval.sign_only) {
      decision.mate_in = eval.value;
    }
  }
  decision.depth = answer.info.depth;
  decision.nodes = answer.info.nodes;
  decision.pv = answer.info.pv;
  return decision;
}

}  // namespace tourney::usi
