#pragma once
// Which games a tournament plays, in dispatch order. Each pairing plays
// games_per_pairing games per round, colours alternating (the first-listed
// player is Black in the pairing's even games, so an odd count gives it one
// extra Black game). The `stats` part's tourney::schedule replaces this plan
// once it lands; the shape of game_assignment follows that schedule.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "tourney/spec/tournament_spec.hpp"

namespace tourney::rt {

struct game_assignment {
  std::uint64_t index = 0;  // 0-based position in the plan
  std::size_t black = 0;    // index into spec.players
  std::size_t white = 0;
  int round = 0;            // 0-based
  std::size_t pair = 0;     // 0-based pairing (gauntlet: opponent - 1)
  std::uint64_t opening = 0;
  std::uint64_t seed = 0;
};

class game_plan {
 public:
  explicit game_plan(const spec::tournament_spec& spec);
  std::size_t size() const {
    return games_.size();
  }
  const game_assignment& at(std::size_t index) const {
    return games_.at(index);
  }
  std::size_t pairings() const {
    return pairings_;
  }

 private:
  std::vector<game_assignment> games_;
  std::size_t pairings_ = 0;
};

}  // namespace tourney::rt
