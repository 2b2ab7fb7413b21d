#pragma once
// Plays a uniformly random legal move (the original's SimpleRandomOpponent).
#include <cstdint>

#include "tourney/players/player.hpp"
#include "tourney/players/seeded_rng.hpp"

namespace tourney::players {

class random_player : public player {
 public:
  explicit random_player(std::uint64_t seed = 0) : seed_(seed), rng_(seed) {}
  void new_game(std::uint64_t game_seed) override;
  decision decide(const move_request& request) override;

 private:
  std::uint64_t seed_;
  seeded_rng rng_;
};

}  // namespace tourney::players
