#pragma once
// Internal to the rules core: the fixed Zobrist table behind position::key().
// Generated at compile time by splitmix64 from a constant seed, so keys are
// the same in every build and run (records and tests may store them).
#include <array>
#include <cstdint>

#include "tourney/shogi/types.hpp"

namespace tourney::shogi::zobrist {

constexpr int max_hand = 18;

struct table_type {
  std::array<std::array<std::uint64_t, square_count>, 2 * piece_kind_count> piece{};
  std::array<std::array<std::array<std::uint64_t, max_hand + 1>, hand_kind_count>, 2> hand{};
  std::uint64_t white_to_move = 0;
};

constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  state += 0x9e3779b97f4a7c15ull;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

constexpr table_type make_table() {
  table_type t{};
  std::uint64_t state = 0x7f4a7c15c0ffee11ull;
  for (auto& row : t.piece) {
    for (auto& v : row) {
      v = splitmix64(state);
    }
  }
  for (auto& side : t.hand) {
    for (auto& kind : side) {
      kind[0] = 0;  // an empty hand contributes nothing
      for (int n = 1; n <= max_hand; ++n) {
        kind[n] = splitmix64(state);
      }
    }
  }
  t.white_to_move = splitmix64(state);
  return t;
}

inline constexpr table_type table = make_table();

constexpr std::uint64_t piece_key(color c, piece_kind k, square s) {
  return table.piece[static_cast<int>(c) * piece_kind_count + static_cast<int>(k)][s];
}

}  // namespace tourney::shogi::zobrist
