#pragma once
// A small searching player: negamax alpha-beta on material (board + hand),
// iterative deepening, captures-first ordering (most valuable victim, least
// valuable attacker), a capture-only quiescence search, and random tie-breaks
// at the root (seeded). Limits: a depth (its level), a node budget, the
// request's limits (depth, nodes, and a time budget derived from the clock)
// and request.stop, checked at every node.
#include <cstdint>

#include "tourney/players/player.hpp"
#include "tourney/players/seeded_rng.hpp"

namespace tourney::players {

struct alphabeta_settings {
  int depth = 3;            // iterative deepening up to this many plies
  std::uint64_t nodes = 0;  // 0 = no node budget
  std::uint64_t seed = 0;
  bool quiescence = true;
};

class alphabeta_player : public player {
 public:
  explicit alphabeta_player(alphabeta_settings settings);
  void new_game(std::uint64_t game_seed) override;
  decision decide(const move_request& request) override;

  static constexpr int max_depth = 32;

 private:
  alphabeta_settings settings_;
  seeded_rng rng_;
};

/// Material value of a piece kind in centipawns (the search's evaluation).
int material_value(shogi::piece_kind kind);
/// Material balance (board + hands) from the side to move's point of view.
int material_eval(const shogi::position& pos);

}  // namespace tourney::players
