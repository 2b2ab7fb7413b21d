#include "tourney/encoding/dlshogi.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>

#include "tourney/encoding/board_view.hpp"
#include "tourney/encoding/piece_moves.hpp"
#include "tourney/shogi/notation.hpp"

namespace tourney::encoding::dlshogi {

namespace {

namespace bv = board_view;
using shogi::color;
using shogi::move;
using shogi::piece_kind;
using shogi::position;
using shogi::square;

constexpr int cells = 81;

// Hand planes per kind (tourney's hand order pawn..rook, which is also the
// planes' order): how many thresholds, and the first one's offset.
constexpr std::array<int, shogi::hand_kind_count> hand_thresholds{8, 4, 4, 4, 4, 2, 2};
constexpr std::array<int, shogi::hand_kind_count> hand_offset{0, 8, 12, 16, 20, 24, 26};

// The square a piece comes from, seen from the destination: one unit per
// direction, in view coordinates (x towards file 9, y towards the mover).
// "up" means the piece went up, so it came from one row below (y + 1).
constexpr std::array<piece_moves::offset, 10> from_unit{{
    {0, 1},    // up
    {-1, 1},   // up_left: went up and towards file 9, so came from the file-1 side
    {1, 1},    // up_right
    {-1, 0},   // left
    {1, 0},    // right
    {0, -1},   // down
    {-1, -1},  // down_left
    {1, -1},   // down_right
    {-1, 2},   // up2_left (knight)
    {1, 2},    // up2_right (knight)
}};

void fill_plane(float* out, int plane) {
  std::fill(out + plane * cells, out + (plane + 1) * cells, 1.0f);
}

// Calls hit(t) for every view square the piece on v attacks.
template <class Hit>
void for_each_attack(const bv::pieces& board, int v, Hit&& hit) {
  const auto m = piece_moves::of(board.kind(v));
  const int sign = board.own(v) ? 1 : -1;
  const int x = bv::x_of(v), y = bv::y_of(v);
  for (int i = 0; i < m.step_count; ++i) {
    const int tx = x + sign * m.steps[i].dx, ty = y + sign * m.steps[i].dy;
    if (bv::on_board(tx, ty)) {
      hit(bv::at(tx, ty));
    }
  }
  for (int i = 0; i < m.slide_count; ++i) {
    const int dx = sign * m.slides[i].dx, dy = sign * m.slides[i].dy;
    for (int tx = x + dx, ty = y + dy; bv::on_board(tx, ty); tx += dx, ty += dy) {
      hit(bv::at(tx, ty));
      if (!board.empty(bv::at(tx, ty))) {
        break;
      }
    }
  }
}

const char* direction_name(int d) {
  static constexpr std::array<const char*, 10> names{
      "up",         "up left",           "up right",          "left", "right", "down", "down left",
      "down right", "up2 left (knight)", "up2 right (knight)"};
  return names[static_cast<std::size_t>(d % 10)];
}

std::string square_name(square s) {
  return fmt::format("{}{}", shogi::file_of(s), static_cast<char>('a' + shogi::rank_of(s) - 1));
}

}  // namespace

int piece_id(piece_kind k) {
  switch (k) {
    case piece_kind::gold:
      return 6;
    case piece_kind::bishop:
      return 4;
    case piece_kind::rook:
      return 5;
    default:  // pawn..silver 0..3, king 7, the promoted kinds 8..13: tourney's numbers
      return static_cast<int>(k);
  }
}

int drop_id(piece_kind hand_kind) {
  return piece_id(hand_kind);
}

void write_input(const position& pos, float* out) {
  std::fill(out, out + planes * cells, 0.0f);
  const auto board = bv::pieces::of(pos);
  std::array<std::uint8_t, cells> own_count{};
  std::array<std::uint8_t, cells> opponent_count{};
  for (int v = 0; v < cells; ++v) {
    if (board.empty(v)) {
      continue;
    }
    const bool own = board.own(v);
    const int id = piece_id(board.kind(v));
    out[((own ? own_pieces : opponent_pieces) + id) * cells + bv::cell(v)] = 1.0f;
    float* attacks = out + ((own ? own_attacks : opponent_attacks) + id) * cells;
    auto& count = own ? own_count : opponent_count;
    for_each_attack(board, v, [&](int t) {
      attacks[bv::cell(t)] = 1.0f;
      ++count[static_cast<std::size_t>(t)];
    });
  }
  for (int v = 0; v < cells; ++v) {
    for (int k = 0; k < 3; ++k) {
      if (own_count[static_cast<std::size_t>(v)] > k) {
        out[(own_attack_counts + k) * cells + bv::cell(v)] = 1.0f;
      }
      if (opponent_count[static_cast<std::size_t>(v)] > k) {
        out[(opponent_attack_counts + k) * cells + bv::cell(v)] = 1.0f;
      }
    }
  }
  const color us = pos.side_to_move();
  for (int k = 0; k < shogi::hand_kind_count; ++k) {
    const auto kind = static_cast<piece_kind>(k);
    const auto uk = static_cast<std::size_t>(k);
    const int ours = std::min(pos.hand_count(us, kind), hand_thresholds[uk]);
    const int theirs = std::min(pos.hand_count(shogi::opponent(us), kind), hand_thresholds[uk]);
    for (int i = 0; i < ours; ++i) {
      fill_plane(out, own_hand + hand_offset[uk] + i);
    }
    for (int i = 0; i < theirs; ++i) {
      fill_plane(out, opponent_hand + hand_offset[uk] + i);
    }
  }
  if (pos.in_check()) {
    fill_plane(out, in_check);
  }
}

std::optional<std::uint32_t> action_index(const position& pos, move m) {
  if (m.is_null() || m.to() >= cells) {
    return std::nullopt;
  }
  const color us = pos.side_to_move();
  const int to = bv::to_view(us, m.to());
  if (m.is_drop()) {
    return static_cast<std::uint32_t>((drop + drop_id(m.dropped())) * cells + label_square(to));
  }
  if (m.from() >= cells) {
    return std::nullopt;
  }
  const int from = bv::to_view(us, m.from());
  const int dx = bv::x_of(from) - bv::x_of(to), dy = bv::y_of(from) - bv::y_of(to);
  int d = -1;
  if (dy == 2 && (dx == 1 || dx == -1)) {
    d = dx < 0 ? up2_left : up2_right;
  } else if ((dx != 0 || dy != 0) && (dx == 0 || dy == 0 || std::abs(dx) == std::abs(dy))) {
    const int sx = (dx > 0) - (dx < 0), sy = (dy > 0) - (dy < 0);
    for (int i = 0; i < 8; ++i) {
      if (from_unit[static_cast<std::size_t>(i)].dx == sx &&
          from_unit[static_cast<std::size_t>(i)].dy == sy) {
        d = i;
      }
    }
  }
  if (d < 0) {
    return std::nullopt;
  }
  if (m.promotes()) {
    d += promote;
  }
  return static_cast<std::uint32_t>(d * cells + label_square(to));
}

expected<move> move_from_action(const position& pos, std::uint32_t action) {
  if (action >= static_cast<std::uint32_t>(actions)) {
    return fail(fmt::format("dlshogi action {} is out of range (0..{})", action, actions - 1));
  }
  const int d = static_cast<int>(action) / cells;
  const int label = static_cast<int>(action) % cells;
  const int to_view = bv::at(label / 9, label % 9);  // label = x * 9 + y
  const color us = pos.side_to_move();
  const square to = bv::to_view(us, static_cast<square>(to_view));
  if (d >= drop) {
    static constexpr std::array<piece_kind, 7> by_drop_id{
        piece_kind::pawn,   piece_kind::lance, piece_kind::knight, piece_kind::silver,
        piece_kind::bishop, piece_kind::rook,  piece_kind::gold};
    const move m = move::drop(by_drop_id[static_cast<std::size_t>(d - drop)], to);
    if (!pos.is_legal(m)) {
      return fail(
          fmt::format("dlshogi action {} ({}) is not legal here", action, shogi::to_usi(m)));
    }
    return m;
  }
  const auto unit = from_unit[static_cast<std::size_t>(d % promote)];
  const bool knight = d % promote >= up2_left;
  const auto board = bv::pieces::of(pos);
  int from_view = -1;
  for (int x = bv::x_of(to_view) + unit.dx, y = bv::y_of(to_view) + unit.dy; bv::on_board(x, y);
       x += unit.dx, y += unit.dy) {
    const int v = bv::at(x, y);
    if (!board.empty(v)) {
      from_view = board.own(v) ? v : -1;
      break;
    }
    if (knight) {
      break;
    }
  }
  if (from_view < 0) {
    return fail(
        fmt::format("dlshogi action {} ({}{} to {}): no piece of the side to move comes from there",
                    action, d >= promote ? "promote, " : "", direction_name(d), square_name(to)));
  }
  const move m = move::board(bv::to_view(us, static_cast<square>(from_view)), to, d >= promote);
  if (!pos.is_legal(m)) {
    return fail(fmt::format("dlshogi action {} ({}) is not legal here", action, shogi::to_usi(m)));
  }
  return m;
}

}  // namespace tourney::encoding::dlshogi
