#include "tourney/encoding/encoding.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "tourney/encoding/alphazero.hpp"
#include "tourney/encoding/dlshogi.hpp"

namespace tourney::encoding {

expected<void> write_input(layout l, const shogi::position& start,
                           const std::vector<shogi::move>& history, const shogi::position& pos,
                           float_span out) {
  const auto s = shape(l);
  const std::size_t need = static_cast<std::size_t>(s.planes) * 81;
  if (out.data == nullptr || out.size != need) {
    return fail(fmt::format("{} input needs {} floats ({} planes x 81), the buffer holds {}",
                            to_string(l), need, s.planes, out.data == nullptr ? 0 : out.size));
  }
  switch (l) {
    case layout::dlshogi:
      dlshogi::write_input(pos, out.data);
      return {};
    case layout::alphazero:
      return alphazero::write_input(start, history, pos, out.data);
  }
  return fail("unknown layout");
}

expected<void> write_legal_mask(layout l, const shogi::position& pos, byte_span out) {
  const std::size_t need = static_cast<std::size_t>(shape(l).actions);
  if (out.data == nullptr || out.size != need) {
    return fail(fmt::format("{} legal mask needs {} bytes (one per action), the buffer holds {}",
                            to_string(l), need, out.data == nullptr ? 0 : out.size));
  }
  std::fill(out.data, out.data + need, std::uint8_t{0});
  for (const shogi::move m : pos.legal_moves()) {
    // Every legal move is a line, knight or drop move, which both layouts encode.
    if (const auto a = action_index(l, pos, m)) {
      out.data[*a] = 1;
    }
  }
  return {};
}

std::optional<std::uint32_t> action_index(layout l, const shogi::position& pos, shogi::move m) {
  switch (l) {
    case layout::dlshogi:
      return dlshogi::action_index(pos, m);
    case layout::alphazero:
      return alphazero::action_index(pos, m);
  }
  return std::nullopt;
}

expected<shogi::move> move_from_action(layout l, const shogi::position& pos, std::uint32_t action) {
  switch (l) {
    case layout::dlshogi:
      return dlshogi::move_from_action(pos, action);
    case layout::alphazero:
      return alphazero::move_from_action(pos, action);
  }
  return fail("unknown layout");
}

}  // namespace tourney::encoding
