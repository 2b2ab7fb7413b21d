#pragma once
// The original's SimpleHeuristicOpponent: a capture if there is one, else a
// non-promoting pawn move, else any legal move; uniformly random among the
// moves of the first non-empty class.
#include <cstdint>

#include "tourney/players/player.hpp"
#include "tourney/players/seeded_rng.hpp"

namespace tourney::players {

class heuristic_player : public player {
 public:
  explicit heuristic_player(std::uint64_t seed = 0) : seed_(seed), rng_(seed) {}
  void new_game(std::uint64_t game_seed) override;
  decision decide(const move_request& request) override;

 private:
  std::uint64_t seed_;
  seeded_rng rng_;
};

}  // namespace tourney::players
