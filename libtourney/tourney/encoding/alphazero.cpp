#include "tourney/encoding/alphazero.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>

#include "tourney/encoding/board_view.hpp"
#include "tourney/encoding/piece_moves.hpp"
#include "tourney/shogi/notation.hpp"

namespace tourney::encoding::alphazero {

namespace {

namespace bv = board_view;
using shogi::color;
using shogi::move;
using shogi::piece_kind;
using shogi::position;
using shogi::square;

constexpr int cells = 81;

// to = from + distance * unit, in view coordinates (x towards file 9, y
// towards the mover): N is y - 1, E (the mover's right) is x - 1.
constexpr std::array<piece_moves::offset, 8> compass_unit{{
    {0, -1},   // n
    {-1, -1},  // ne
    {-1, 0},   // e
    {-1, 1},   // se
    {0, 1},    // s
    {1, 1},    // sw
    {1, 0},    // w
    {1, -1},   // nw
}};
constexpr std::array<piece_moves::offset, 2> knight_jump{{{-1, -2}, {1, -2}}};

void fill_plane(float* out, int plane, float value) {
  std::fill(out + plane * cells, out + (plane + 1) * cells, value);
}

// Where a board-move plane (0..65, promotion removed) takes a piece from view
// square `from`; -1 off the board.
int destination(int plane, int from) {
  piece_moves::offset step{};
  int distance = 1;
  if (plane < queen_planes) {
    step = compass_unit[static_cast<std::size_t>(plane / 8)];
    distance = plane % 8 + 1;
  } else {
    step = knight_jump[static_cast<std::size_t>(plane - knight_planes)];
  }
  const int x = bv::x_of(from) + distance * step.dx, y = bv::y_of(from) + distance * step.dy;
  return bv::on_board(x, y) ? bv::at(x, y) : -1;
}

}  // namespace

expected<void> write_input(const position& start, const std::vector<move>& history,
                           const position& pos, float* out) {
  // Earlier occurrences of pos in the game: replay it from the start. The key
  // covers board, hands and side to move (the move number is not part of it).
  const std::uint64_t key = pos.key();
  int earlier = 0;
  position at = start;
  for (std::size_t i = 0; i < history.size(); ++i) {
    if (at.key() == key) {
      ++earlier;
    }
    if (!at.is_legal(history[i])) {
      return fail(fmt::format("alphazero input: history move {} ({}) is not legal in {}", i + 1,
                              shogi::to_usi(history[i]), at.to_sfen()));
    }
    at.play(history[i]);
  }
  if (at.key() != key) {
    return fail(fmt::format("alphazero input: the history ({} moves) leads to {}, not to {}",
                            history.size(), at.to_sfen(), pos.to_sfen()));
  }

  std::fill(out, out + planes * cells, 0.0f);
  const auto board = bv::pieces::of(pos);
  for (int v = 0; v < cells; ++v) {
    if (!board.empty(v)) {
      const int base = board.own(v) ? own_pieces : opponent_pieces;
      out[(base + static_cast<int>(board.kind(v))) * cells + bv::cell(v)] = 1.0f;
    }
  }
  const color us = pos.side_to_move();
  for (int k = 0; k < shogi::hand_kind_count; ++k) {
    const auto kind = static_cast<piece_kind>(k);
    const float scale = static_cast<float>(hand_scale[static_cast<std::size_t>(k)]);
    fill_plane(out, own_hand + k, static_cast<float>(pos.hand_count(us, kind)) / scale);
    fill_plane(out, opponent_hand + k,
               static_cast<float>(pos.hand_count(shogi::opponent(us), kind)) / scale);
  }
  fill_plane(out, black_to_move, us == color::black ? 1.0f : 0.0f);
  fill_plane(out, repetitions, static_cast<float>(std::min(earlier, 3)) / 3.0f);
  return {};
}

std::optional<std::uint32_t> action_index(const position& pos, move m) {
  if (m.is_null() || m.to() >= cells) {
    return std::nullopt;
  }
  const color us = pos.side_to_move();
  const int to = bv::to_view(us, m.to());
  if (m.is_drop()) {
    return static_cast<std::uint32_t>((drop_planes + static_cast<int>(m.dropped())) * cells +
                                      bv::cell(to));
  }
  if (m.from() >= cells) {
    return std::nullopt;
  }
  const int from = bv::to_view(us, m.from());
  const int dx = bv::x_of(to) - bv::x_of(from), dy = bv::y_of(to) - bv::y_of(from);
  int plane = -1;
  if (dy == -2 && (dx == 1 || dx == -1)) {
    plane = knight_planes + (dx < 0 ? 0 : 1);
  } else if ((dx != 0 || dy != 0) && (dx == 0 || dy == 0 || std::abs(dx) == std::abs(dy))) {
    const int sx = (dx > 0) - (dx < 0), sy = (dy > 0) - (dy < 0);
    const int distance = std::max(std::abs(dx), std::abs(dy));
    for (int c = 0; c < 8; ++c) {
      const auto u = compass_unit[static_cast<std::size_t>(c)];
      if (u.dx == sx && u.dy == sy) {
        plane = c * 8 + distance - 1;
      }
    }
  }
  if (plane < 0) {
    return std::nullopt;
  }
  if (m.promotes()) {
    plane += promoting;
  }
  return static_cast<std::uint32_t>(plane * cells + bv::cell(from));
}

expected<move> move_from_action(const position& pos, std::uint32_t action) {
  if (action >= static_cast<std::uint32_t>(actions)) {
    return fail(fmt::format("alphazero action {} is out of range (0..{})", action, actions - 1));
  }
  const int plane = static_cast<int>(action) / cells;
  const int view = bv::cell(static_cast<int>(action) % cells);  // cell() maps back too
  const color us = pos.side_to_move();
  const square at = bv::to_view(us, static_cast<square>(view));
  if (plane >= drop_planes) {
    const move m = move::drop(static_cast<piece_kind>(plane - drop_planes), at);
    if (!pos.is_legal(m)) {
      return fail(
          fmt::format("alphazero action {} ({}) is not legal here", action, shogi::to_usi(m)));
    }
    return m;
  }
  const auto p = pos.at(at);
  if (!p || p->owner != us) {
    return fail(fmt::format("alphazero action {} (plane {}): no piece of the side to move on {}{}",
                            action, plane, shogi::file_of(at),
                            static_cast<char>('a' + shogi::rank_of(at) - 1)));
  }
  const int to = destination(plane % promoting, view);
  if (to < 0) {
    return fail(fmt::format("alphazero action {} (plane {}) leads off the board from {}{}", action,
                            plane, shogi::file_of(at),
                            static_cast<char>('a' + shogi::rank_of(at) - 1)));
  }
  const move m = move::board(at, bv::to_view(us, static_cast<square>(to)), plane >= promoting);
  if (!pos.is_legal(m)) {
    return fail(
        fmt::format("alphazero action {} ({}) is not legal here", action, shogi::to_usi(m)));
  }
  return m;
}

}  // namespace tourney::encoding::alphazero
