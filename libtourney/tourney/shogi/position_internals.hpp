#pragma once
// Internal to the rules core: the code that works on position's private
// representation (attack tests, move generation, SFEN parsing).
#include <cstdint>

#include "tourney/shogi/board_geometry.hpp"
#include "tourney/shogi/position.hpp"

namespace tourney::shogi {

struct position_internals {
  using board_type = std::array<std::uint8_t, geometry::padded_size>;

  /// Whether a piece of colour `by` attacks padded square `target` on `board`.
  static bool attacked(const board_type& board, int target, color by);

  /// Whether c's king is attacked in pos.
  static bool king_attacked(const position& pos, color c) {
    return attacked(pos.board_, pos.kings_[static_cast<int>(c)], opponent(c));
  }

  /// Every legal move of pos's side to move.
  static move_list generate(const position& pos);
  /// Whether generate(pos) contains m, without generating the list.
  static bool is_legal(const position& pos, move m);

  /// Places a piece (or clears a cell) at a padded square, keeping the key.
  static void put(position& pos, int padded_square, std::uint8_t code);
  static void set_hand(position& pos, color c, piece_kind k, int count);

  static const geometry::square_set& occupied(const position& pos, color c) {
    return pos.occupied_[static_cast<int>(c)];
  }

  static std::uint8_t cell(const position& pos, int padded_square) {
    return pos.board_[padded_square];
  }
  static position empty_board();
  static void set_side(position& pos, color c);
  static void set_move_number(position& pos, int n) {
    pos.move_number_ = n;
  }
  static void set_king(position& pos, color c, int padded_square) {
    pos.kings_[static_cast<int>(c)] = static_cast<std::uint8_t>(padded_square);
  }
};

}  // namespace tourney::shogi
