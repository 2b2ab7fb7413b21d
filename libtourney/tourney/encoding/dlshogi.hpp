#pragma once
// dlshogi's input features and move labels as Pgx documents them
// (https://sotets.uk/pgx/shogi/, source github.com/sotetsuk/pgx,
// pgx/_src/games/shogi.py; dlshogi: github.com/TadaoYamaoka/DeepLearningShogi,
// cppshogi/cppshogi.cpp make_input_features and make_move_label). Every
// plane, square and label is in docs/encodings.md; this header is the code's
// side of it. Written from that description: no code was taken from either.
//
// Input: 119 planes of 81 cells, plane after plane, everything from the side
// to move's view (board_view.hpp: White's board turned by 180 degrees).
// Actions: direction * 81 + destination, 27 directions: 10 move directions,
// the same 10 promoting, 7 drops; the destination in dlshogi's square order
// (file-major from 1a: (file - 1) * 9 + rank - 1, in the mover's view).
#include <cstdint>
#include <optional>

#include "tourney/shogi/position.hpp"
#include "tourney/shogi/types.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::encoding::dlshogi {

constexpr int planes = 119;
constexpr int actions = 27 * 81;

// First plane of each group (docs/encodings.md has the table).
constexpr int own_pieces = 0;          // 14: by Pgx piece id
constexpr int own_attacks = 14;        // 14: squares the own pieces of that id attack
constexpr int own_attack_counts = 28;  // 3: attacked by >= 1, 2, 3 own pieces
constexpr int opponent_pieces = 31;    // the same three groups for the opponent
constexpr int opponent_attacks = 45;
constexpr int opponent_attack_counts = 59;
constexpr int own_hand = 62;  // 28: count thresholds, pawn 8, lance..gold 4, bishop, rook 2
constexpr int opponent_hand = 90;
constexpr int in_check = 118;  // all ones when the side to move is in check

/// Directions (action / 81): where the piece goes, as the side to move sees
/// the board (up = towards the opponent, left = towards file 9).
enum direction : int {
  up = 0,
  up_left,
  up_right,
  left,
  right,
  down,
  down_left,
  down_right,
  up2_left,  // knight jumps
  up2_right,
  promote = 10,  // + one of the 10 above
  drop = 20,     // + drop_id(kind)
};

/// Pgx's piece id (plane offset): pawn, lance, knight, silver, bishop, rook,
/// gold, king, then the promoted kinds in tourney's order.
int piece_id(shogi::piece_kind k);
/// The drop direction's offset from `drop`: Pgx's piece id of the hand kind.
int drop_id(shogi::piece_kind hand_kind);

/// dlshogi's square index of a view square: (file - 1) * 9 + rank - 1.
constexpr int label_square(int view_square) {
  return (view_square % 9) * 9 + view_square / 9;
}

/// Writes planes * 81 floats (0 or 1) at out. Precondition: out has room
/// (encoding::write_input checks the buffer's size).
void write_input(const shogi::position& pos, float* out);

/// The label of m; nullopt when m is no line or knight move (or a null move).
/// Legality is not checked.
std::optional<std::uint32_t> action_index(const shogi::position& pos, shogi::move m);

/// The legal move labelled `action` in pos, else an error saying why.
expected<shogi::move> move_from_action(const shogi::position& pos, std::uint32_t action);

}  // namespace tourney::encoding::dlshogi
