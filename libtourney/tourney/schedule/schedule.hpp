#pragma once
// The games of a tournament, computed arithmetically from the spec: game i's
// players, colours, round, game pair, opening and seed, with O(1) memory per
// game and random access (resume skips the indices already in the journal).
//
// Order: round by round; within a round, pair slot by pair slot, every
// pairing's game pair of that slot in turn (so an interrupted or SPRT-stopped
// tournament has played its pairings evenly); the lone games of an odd
// games_per_pairing come last in the round. The two games of a pair share an
// opening with colours swapped; the first colour alternates from pair to pair
// and lone games alternate by round. All pairings play the same openings in
// the same slot (opening q = start + round * slots + slot in play order).
#include <cstdint>
#include <utility>
#include <vector>

#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::schedule {

struct game_assignment {
  std::uint64_t index = 0;
  int black = 0;  // player indices in spec.players; black (sente) moves first
  int white = 1;
  int round = 0;
  std::uint64_t pair = 0;     // game pair number (a lone game is a pair of one)
  std::uint64_t opening = 0;  // index into the loaded openings (file order)
  std::uint64_t seed = 0;     // for built-in players' randomness in this game
  /// Pairing number (see schedule::pairing): whose statistics the game counts in.
  std::uint64_t pairing = 0;
};

class schedule {
 public:
  /// openings_count: number of loaded openings (1 for the start position
  /// only). Errors: fewer than 2 players, games_per_pairing or rounds < 1, no
  /// openings, an SPRT with other than 2 players, a schedule too large for
  /// 64-bit indices.
  [[nodiscard]] static expected<schedule> create(const spec::tournament_spec& spec, std::uint64_t openings_count);

  /// Number of games.
  std::uint64_t size() const {
    return size_;
  }
  /// Game `index` (precondition: index < size()).
  game_assignment at(std::uint64_t index) const;

  /// Pairings per round: gauntlet players[0] vs each other player, in order;
  /// round robin every pair (i, j), i < j, in lexicographic order.
  std::uint64_t pairing_count() const {
    return pairing_count_;
  }
  /// The players of pairing k as (first, second); statistics are reported
  /// from first's view. first < second always.
  std::pair<int, int> pairing(std::uint64_t k) const;
  /// Every pairing in order (for stats::tournament_tally::create).
  std::vector<std::pair<int, int>> pairings() const;
  /// Game pairs in the whole schedule (lone games included).
  std::uint64_t pair_count() const;
  /// Number of games (1 or 2) of game pair `pair`.
  int games_in_pair(std::uint64_t pair) const;

 private:
  schedule() = default;

  spec::format format_ = spec::format::gauntlet;
  int players_ = 2;
  std::uint64_t games_per_pairing_ = 2;
  std::uint64_t rounds_ = 1;
  std::uint64_t pairing_count_ = 1;
  std::uint64_t size_ = 0;
  std::uint64_t openings_ = 1;
  std::uint64_t opening_start_ = 0;
  std::uint64_t seed_ = 0;
  std::vector<std::uint64_t> opening_order_;  // empty: sequential
};

/// The splitmix64 mixing function (Steele, Lea, Flood 2014), used for the
/// per-game seeds and the opening shuffle.
std::uint64_t splitmix64(std::uint64_t x);

/// A permutation of 0..count-1 by Fisher-Yates with splitmix64: the same
/// seed gives the same order on every platform.
std::vector<std::uint64_t> shuffled_order(std::uint64_t count, std::uint64_t seed);

}  // namespace tourney::schedule
