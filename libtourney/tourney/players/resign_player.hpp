#pragma once
// Resigns at once: instant games for benchmarks and tests of the machinery.
#include "tourney/players/player.hpp"

namespace tourney::players {

class resign_player : public player {
 public:
  decision decide(const move_request& request) override;
};

}  // namespace tourney::players
