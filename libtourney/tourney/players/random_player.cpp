#include "tourney/players/random_player.hpp"

namespace tourney::players {

void random_player::new_game(std::uint64_t game_seed) {
  rng_.reseed(mix_seed(seed_, game_seed));
}

decision random_player::decide(const move_request& request) {
  const shogi::move_list moves = request.position.legal_moves();
  if (moves.empty()) {
    return decision::resign();  // never asked by the referee; be safe anyway
  }
  return decision::play(moves[static_cast<std::size_t>(rng_.below(moves.size()))]);
}

}  // namespace tourney::players
