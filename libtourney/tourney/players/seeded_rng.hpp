#pragma once
// A small, portable, seedable generator (splitmix64) so that built-in players
// make the same choices on every platform and standard library (std::
// distributions are not portable across implementations).
#include <cstdint>

namespace tourney::players {

class seeded_rng {
 public:
  explicit seeded_rng(std::uint64_t seed = 0) : state_(seed) {}
  void reseed(std::uint64_t seed) {
    state_ = seed;
  }
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n), n > 0 (rejection sampling: no modulo bias).
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x = next();
    while (x >= limit) {
      x = next();
    }
    return x % n;
  }

 private:
  std::uint64_t state_;
};

/// Combines a player's own seed with a game's seed.
inline std::uint64_t mix_seed(std::uint64_t player_seed, std::uint64_t game_seed) {
  seeded_rng rng(player_seed ^ (game_seed * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL));
  return rng.next();
}

}  // namespace tourney::players
