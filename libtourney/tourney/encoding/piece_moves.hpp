#pragma once
// How each kind moves, as offsets on the side to move's view (board_view.hpp):
// dy = -1 is forward for the side to move; the opponent's pieces move by the
// negated offsets. Steps go one square, slides until the first occupied
// square (which they still attack).
#include <array>
#include <cstdint>

#include "tourney/shogi/types.hpp"

namespace tourney::encoding::piece_moves {

struct offset {
  std::int8_t dx;
  std::int8_t dy;
};

struct moves {
  std::array<offset, 8> steps;
  std::uint8_t step_count;
  std::array<offset, 4> slides;
  std::uint8_t slide_count;
};

constexpr moves of(shogi::piece_kind k) {
  using shogi::piece_kind;
  constexpr offset n{0, -1}, s{0, 1}, e{-1, 0}, w{1, 0};
  constexpr offset ne{-1, -1}, nw{1, -1}, se{-1, 1}, sw{1, 1};
  switch (k) {
    case piece_kind::pawn:
      return {{n}, 1, {}, 0};
    case piece_kind::lance:
      return {{}, 0, {n}, 1};
    case piece_kind::knight:
      return {{offset{-1, -2}, offset{1, -2}}, 2, {}, 0};
    case piece_kind::silver:
      return {{n, ne, nw, se, sw}, 5, {}, 0};
    case piece_kind::bishop:
      return {{}, 0, {ne, nw, se, sw}, 4};
    case piece_kind::rook:
      return {{}, 0, {n, s, e, w}, 4};
    case piece_kind::king:
      return {{n, s, e, w, ne, nw, se, sw}, 8, {}, 0};
    case piece_kind::horse:
      return {{n, s, e, w}, 4, {ne, nw, se, sw}, 4};
    case piece_kind::dragon:
      return {{ne, nw, se, sw}, 4, {n, s, e, w}, 4};
    default:  // gold and the promoted pawn, lance, knight and silver
      return {{n, ne, nw, e, w, s}, 6, {}, 0};
  }
}

}  // namespace tourney::encoding::piece_moves
