#include "tourney/shogi/perft.hpp"

namespace tourney::shogi {

// Copy-make; the last ply counts the generated legal moves without playing
// them ("bulk counting"), as the published tables count leaves.
std::uint64_t perft(const position& pos, int depth) {
  if (depth <= 0) {
    return 1;
  }
  const move_list moves = pos.legal_moves();
  if (depth == 1) {
    return moves.size();
  }
  std::uint64_t nodes = 0;
  for (move m : moves) {
    position next = pos;
    next.play(m);
    nodes += perft(next, depth - 1);
  }
  return nodes;
}

std::vector<std::pair<move, std::uint64_t>> perft_divide(const position& pos, int depth) {
  std::vector<std::pair<move, std::uint64_t>> out;
  for (move m : pos.legal_moves()) {
    position next = pos;
    next.play(m);
    out.emplace_back(m, perft(next, depth - 1));
  }
  return out;
}

}  // namespace tourney::shogi
