#include "tourney/runtime/game_plan.hpp"

#include <utility>

namespace tourney::rt {

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

game_plan::game_plan(const spec::tournament_spec& spec) {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  const auto n = spec.players.size();
  if (spec.kind == spec::format::gauntlet) {
    for (std::size_t j = 1; j < n; ++j) {
      pairs.emplace_back(0, j);
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        pairs.emplace_back(i, j);
      }
    }
  }
  pairings_ = pairs.size();
  const int per_pair = spec.games_per_pairing;
  for (int round = 0; round < spec.rounds; ++round) {
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      for (int g = 0; g < per_pair; ++g) {
        // Alternation continues across rounds, so odd counts even out.
        const auto nth = static_cast<std::uint64_t>(round) * static_cast<std::uint64_t>(per_pair) +
                         static_cast<std::uint64_t>(g);
        game_assignment a;
        a.index = games_.size();
        a.black = nth % 2 == 0 ? pairs[p].first : pairs[p].second;
        a.white = nth % 2 == 0 ? pairs[p].second : pairs[p].first;
        a.round = round;
        a.pair = p;
        a.opening = nth / 2;  // both colours of an opening back to back
        a.seed = mix(spec.seed ^ mix(a.index));
        games_.push_back(a);
      }
    }
  }
}

}  // namespace tourney::rt
