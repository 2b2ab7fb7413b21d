#pragma once
// Internal to the rules core: the padded mailbox the position keeps, piece
// codes and the attack-direction tables move generation and attack tests share.
//
// The 9x9 board sits in a 10-column, 13-row array plus one cell: column 0 is
// a wall column (it also borders file 9 of the previous row), rows 0-1 and
// 11-12 are walls, so one step, a slide or a knight jump from any board square
// stays inside the array and meets a wall before leaving the board.
#include <array>
#include <cstdint>

#include "tourney/shogi/types.hpp"

namespace tourney::shogi::geometry {

constexpr int width = 10;
constexpr int padded_size = 131;  // + 1: a knight jump from 9i (file 9 wraps to column 0) lands on 130

/// Padded index of (file, rank): row rank + 1, column file.
constexpr int padded(int file, int rank) {
  return (rank + 1) * width + file;
}

// Board cell codes: 0 empty, colour bit | kind for a piece, wall.
constexpr std::uint8_t empty = 0;
constexpr std::uint8_t black_bit = 0x10;
constexpr std::uint8_t white_bit = 0x20;
constexpr std::uint8_t wall = 0x40;
constexpr std::uint8_t kind_mask = 0x0f;

constexpr std::uint8_t color_bit(color c) {
  return c == color::black ? black_bit : white_bit;
}
constexpr std::uint8_t code_of(color c, piece_kind k) {
  return static_cast<std::uint8_t>(color_bit(c) | static_cast<std::uint8_t>(k));
}
constexpr piece_kind kind_of(std::uint8_t code) {
  return static_cast<piece_kind>(code & kind_mask);
}
constexpr color owner_of(std::uint8_t code) {
  return (code & black_bit) != 0 ? color::black : color::white;
}

// Directions 0..7 clockwise from "north" (towards rank 1, Black's forward),
// east = towards file 1; 8..11 are the knight jumps (8, 9 Black's, 10, 11
// White's). opposite(d) reverses a direction.
constexpr std::array<int, 12> delta{-10, -11, -1, 9, 10, 11, 1, -9, -21, -19, 19, 21};
constexpr int opposite(int d) {
  return d < 8 ? (d + 4) & 7 : 19 - d;
}

struct attack_masks {
  std::uint16_t step;   // directions reached by one step (bits 0..11)
  std::uint16_t slide;  // directions slid along (bits 0..7)
};

constexpr std::uint16_t bit(int d) {
  return static_cast<std::uint16_t>(1u << d);
}

/// Directions mirrored for White (a 180-degree turn).
constexpr std::uint16_t mirror(std::uint16_t mask) {
  std::uint16_t out = 0;
  for (int d = 0; d < 12; ++d) {
    if ((mask & bit(d)) != 0) {
      out = static_cast<std::uint16_t>(out | bit(opposite(d)));
    }
  }
  return out;
}

constexpr attack_masks black_masks(piece_kind k) {
  constexpr std::uint16_t n = bit(0), ne = bit(1), e = bit(2), se = bit(3), s = bit(4),
                          sw = bit(5), w = bit(6), nw = bit(7);
  constexpr std::uint16_t orth = n | e | s | w, diag = ne | se | sw | nw;
  constexpr std::uint16_t gold = n | ne | nw | e | w | s;
  switch (k) {
    case piece_kind::pawn:
      return {n, 0};
    case piece_kind::lance:
      return {0, n};
    case piece_kind::knight:
      return {static_cast<std::uint16_t>(bit(8) | bit(9)), 0};
    case piece_kind::silver:
      return {static_cast<std::uint16_t>(n | diag), 0};
    case piece_kind::bishop:
      return {0, diag};
    case piece_kind::rook:
      return {0, orth};
    case piece_kind::king:
      return {static_cast<std::uint16_t>(orth | diag), 0};
    case piece_kind::horse:
      return {orth, diag};
    case piece_kind::dragon:
      return {diag, orth};
    default:  // gold and the pieces that move as gold
      return {gold, 0};
  }
}

struct tables {
  std::array<attack_masks, 128> masks{};        // by cell code
  std::array<std::uint16_t, 128> adjacent{};    // step | slide: attacks on the neighbour square
  std::array<std::int8_t, padded_size> to_square{};  // padded -> 0..80, -1 off board
  std::array<std::uint8_t, square_count> to_padded{};
  std::array<std::int8_t, padded_size> rank{};  // 1..9, 0 off board
  std::array<std::int8_t, padded_size> file{};
};

constexpr tables make_tables() {
  tables t{};
  for (int k = 0; k < piece_kind_count; ++k) {
    auto kind = static_cast<piece_kind>(k);
    attack_masks b = black_masks(kind);
    attack_masks w{mirror(b.step), mirror(b.slide)};
    t.masks[code_of(color::black, kind)] = b;
    t.masks[code_of(color::white, kind)] = w;
    t.adjacent[code_of(color::black, kind)] = static_cast<std::uint16_t>(b.step | b.slide);
    t.adjacent[code_of(color::white, kind)] = static_cast<std::uint16_t>(w.step | w.slide);
  }
  for (int i = 0; i < padded_size; ++i) {
    t.to_square[i] = -1;
  }
  for (int rank = 1; rank <= 9; ++rank) {
    for (int file = 1; file <= 9; ++file) {
      int p = padded(file, rank);
      int s = make_square(file, rank);
      t.to_square[p] = static_cast<std::int8_t>(s);
      t.to_padded[s] = static_cast<std::uint8_t>(p);
      t.rank[p] = static_cast<std::int8_t>(rank);
      t.file[p] = static_cast<std::int8_t>(file);
    }
  }
  return t;
}

inline constexpr tables table = make_tables();

/// Bit operations on an 81-square set held in two words.
using square_set = std::array<std::uint64_t, 2>;
constexpr void set_bit(square_set& set, int s) {
  set[s >> 6] |= std::uint64_t{1} << (s & 63);
}
constexpr void clear_bit(square_set& set, int s) {
  set[s >> 6] &= ~(std::uint64_t{1} << (s & 63));
}
/// Calls f(square) for each square in the set, in increasing order.
template <class F>
void for_each_square(const square_set& set, F&& f) {
  for (int w = 0; w < 2; ++w) {
    for (std::uint64_t bits = set[w]; bits != 0; bits &= bits - 1) {
      f(w * 64 + __builtin_ctzll(bits));
    }
  }
}

/// Rank counted from the colour's own far side: 1 is the last rank it moves to.
constexpr int relative_rank(color c, int rank) {
  return c == color::black ? rank : 10 - rank;
}

}  // namespace tourney::shogi::geometry
