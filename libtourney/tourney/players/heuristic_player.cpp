#include "tourney/players/heuristic_player.hpp"

namespace tourney::players {

void heuristic_player::new_game(std::uint64_t game_seed) {
  rng_.reseed(mix_seed(seed_, game_seed));
}

decision heuristic_player::decide(const move_request& request) {
  const shogi::position& pos = request.position;
  const shogi::move_list moves = pos.legal_moves();
  if (moves.empty()) {
    return decision::resign();  // never asked by the referee; be safe anyway
  }
  // The original's preference: captures, then non-promoting pawn moves, then
  // anything; random among the moves of the best class.
  shogi::move_list captures;
  shogi::move_list pawn_moves;
  for (const shogi::move m : moves) {
    if (m.is_drop()) {
      continue;
    }
    if (pos.at(m.to())) {
      captures.push_back(m);
    } else if (!m.promotes()) {
      const auto p = pos.at(m.from());
      if (p && p->kind == shogi::piece_kind::pawn) {
        pawn_moves.push_back(m);
      }
    }
  }
  const shogi::move_list& pool =
      !captures.empty() ? captures : (!pawn_moves.empty() ? pawn_moves : moves);
  return decision::play(pool[static_cast<std::size_t>(rng_.below(pool.size()))]);
}

}  // namespace tourney::players
