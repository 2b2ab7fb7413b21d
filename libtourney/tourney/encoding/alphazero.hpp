#pragma once
// AlphaZero's action space for shogi (Silver et al., "A general reinforcement
// learning algorithm that masters chess, shogi, and Go through self-play",
// Science 362 (2018), supplementary table S2; the same text in
// arXiv:1712.01815): 139 move planes of 81 squares. Input planes
// are tourney's own, smaller than the paper's (no history): 44 planes.
// docs/encodings.md has every plane and action; this header is the code's
// side of it.
//
// Everything is seen from the side to move (board_view.hpp). A plane's cell
// is y * 9 + (8 - x): 9a, 8a, ..., 1a, 9b, ..., 1i as the mover sees the
// board, for the input planes and the actions alike, so a policy plane lines
// up with the input planes cell by cell.
//
// Action = plane * 81 + cell, the cell of the square the piece is picked up
// from (the paper: "Each of the ... positions identifies the square from
// which to 'pick up' a piece"), or for a drop the square it is dropped on.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "tourney/shogi/position.hpp"
#include "tourney/shogi/types.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::encoding::alphazero {

constexpr int planes = 44;
constexpr int move_planes = 139;
constexpr int actions = move_planes * 81;

// Input planes: first plane of each group.
constexpr int own_pieces = 0;  // 14, tourney's piece_kind order (P L N S G B R K +P +L +N +S +B +R)
constexpr int opponent_pieces = 14;  // 14
constexpr int own_hand = 28;         // 7, pawn..rook: count / hand_scale (every cell)
constexpr int opponent_hand = 35;    // 7
constexpr int black_to_move = 42;    // all ones when Black (sente) is to move, else zeros
constexpr int repetitions = 43;  // earlier occurrences of this position in the game, min(n, 3) / 3

/// The divisor of each hand kind's count: the most of that kind one hand can
/// hold (pawn 18, lance, knight, silver, gold 4, bishop, rook 2), so hand
/// planes lie in [0, 1].
inline constexpr std::array<int, shogi::hand_kind_count> hand_scale{18, 4, 4, 4, 4, 2, 2};

// Move planes.
/// Compass directions as the mover sees the board: N towards the opponent,
/// E towards file 1 (the mover's right).
enum compass : int { north = 0, north_east, east, south_east, south, south_west, west, north_west };
constexpr int queen_planes = 64;   // compass * 8 + distance - 1 (distance 1..8)
constexpr int knight_planes = 64;  // 64: two up, one right (towards file 1); 65: two up, one left
constexpr int promoting = 66;      // + any of the 66 planes above: the same move, promoting
constexpr int drop_planes = 132;   // + hand kind (pawn, lance, knight, silver, gold, bishop, rook)

/// Writes planes * 81 floats at out. start + history: the game from its start
/// position to pos (history[i] is the move played in the i-th position); it
/// must be legal and lead to pos (Zobrist key compared), else an error and
/// nothing is written. Precondition: out has room (encoding::write_input
/// checks the buffer's size).
[[nodiscard]] expected<void> write_input(const shogi::position& start,
                                         const std::vector<shogi::move>& history,
                                         const shogi::position& pos, float* out);

/// The action of m; nullopt when m is no line or knight move (or a null
/// move). Legality is not checked.
std::optional<std::uint32_t> action_index(const shogi::position& pos, shogi::move m);

/// The legal move of `action` in pos, else an error saying why.
expected<shogi::move> move_from_action(const shogi::position& pos, std::uint32_t action);

}  // namespace tourney::encoding::alphazero
