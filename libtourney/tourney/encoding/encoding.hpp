#pragma once
// Positions and moves encoded for neural networks, one position at a time
// into the caller's buffer (the runtime fills one buffer per batch, position
// after position, and hands it to Python without a copy). Pure functions: no
// I/O, no threads, no allocation beyond move generation (and error messages).
// The layouts, plane by plane and action by action: docs/encodings.md.
#include <cstdint>
#include <optional>
#include <vector>

#include "tourney/encoding/buffers.hpp"
#include "tourney/encoding/layout.hpp"
#include "tourney/shogi/position.hpp"
#include "tourney/shogi/types.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::encoding {

/// Writes shape(l).planes * 81 floats at out (plane after plane, 81 cells
/// each). out.size must be exactly that, else an error naming both sizes and
/// nothing is written. start + history: the game from its start position to
/// pos, for the repetition plane (alphazero; it must be legal and lead to
/// pos); dlshogi ignores them.
[[nodiscard]] expected<void> write_input(layout l, const shogi::position& start,
                                         const std::vector<shogi::move>& history,
                                         const shogi::position& pos, float_span out);

/// Writes shape(l).actions bytes at out: 1 for each legal move's action, 0
/// elsewhere. Every legal move (optional non-promotions included) has an
/// action of its own in both layouts, so the ones count the legal moves.
/// out.size must match, else an error and nothing is written.
[[nodiscard]] expected<void> write_legal_mask(layout l, const shogi::position& pos, byte_span out);

/// The action of move m in pos; nullopt when the layout has no action for it
/// (no line or knight move, a null move). Legality is not checked.
std::optional<std::uint32_t> action_index(layout l, const shogi::position& pos, shogi::move m);

/// The legal move of `action` in pos, else an error saying why: out of range,
/// no piece of the side to move there, or not legal here.
[[nodiscard]] expected<shogi::move> move_from_action(layout l, const shogi::position& pos,
                                                     std::uint32_t action);

}  // namespace tourney::encoding
