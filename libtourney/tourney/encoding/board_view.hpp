#pragma once
// The board as the side to move sees it, which both layouts encode: Black sees
// it as it is, White turned by 180 degrees (file f -> 10 - f, rank r -> 10 - r),
// so the side to move always plays "up", towards the view's rank a.
//
// Coordinates of a view square v (tourney's numbering, types.hpp):
// x = v % 9 = file - 1 (0 = file 1), y = v / 9 = rank - 1 (0 = rank a, the
// far side). Planes are written as the viewer draws the board: row y from
// the top, column 8 - x from the left (file 9 on the left), so a plane's
// cell is y * 9 + (8 - x): 9a, 8a, ..., 1a, 9b, ..., 1i.
#include <array>
#include <cstdint>
#include <cstdlib>

#include "tourney/shogi/position.hpp"
#include "tourney/shogi/types.hpp"

namespace tourney::encoding::board_view {

/// The view square of board square s for `side` (an involution: it also maps back).
constexpr shogi::square to_view(shogi::color side, shogi::square s) {
  return side == shogi::color::black ? s : static_cast<shogi::square>(80 - s);
}

constexpr int x_of(int v) {
  return v % 9;
}
constexpr int y_of(int v) {
  return v / 9;
}
constexpr int at(int x, int y) {
  return y * 9 + x;
}
constexpr bool on_board(int x, int y) {
  return x >= 0 && x < 9 && y >= 0 && y < 9;
}

/// The plane cell of view square v (also maps a cell back to its view square).
constexpr int cell(int v) {
  return y_of(v) * 9 + (8 - x_of(v));
}

/// The pieces by view square: 0 empty, kind + 1 for the side to move's
/// pieces, -(kind + 1) for the opponent's. 81 bytes on the stack.
struct pieces {
  std::array<std::int8_t, 81> code{};

  static pieces of(const shogi::position& pos) {
    pieces out;
    const shogi::color us = pos.side_to_move();
    for (int s = 0; s < shogi::square_count; ++s) {
      if (const auto p = pos.at(static_cast<shogi::square>(s))) {
        const int k = static_cast<int>(p->kind) + 1;
        out.code[to_view(us, static_cast<shogi::square>(s))] =
            static_cast<std::int8_t>(p->owner == us ? k : -k);
      }
    }
    return out;
  }
  bool empty(int v) const {
    return code[v] == 0;
  }
  bool own(int v) const {
    return code[v] > 0;
  }
  shogi::piece_kind kind(int v) const {  // precondition: !empty(v)
    return static_cast<shogi::piece_kind>(std::abs(code[v]) - 1);
  }
};

}  // namespace tourney::encoding::board_view
