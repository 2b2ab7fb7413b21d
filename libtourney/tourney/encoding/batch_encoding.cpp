#include "tourney/encoding/batch_encoding.hpp"

#include <fmt/format.h>

#include "tourney/encoding/encoding.hpp"

namespace tourney::encoding {

expected<encoded_batch> encode_batch(const move_batch& batch, layout l) {
  const auto s = shape(l);
  const auto input_size = static_cast<std::size_t>(s.planes) * 81;
  const auto actions = static_cast<std::size_t>(s.actions);
  encoded_batch out;
  out.layout = l;
  out.size = batch.size();
  out.inputs.assign(out.size * input_size, 0.0f);
  out.legal.assign(out.size * actions, 0);
  for (std::size_t i = 0; i < out.size; ++i) {
    const auto& r = batch[i];
    auto planes = write_input(l, r.start, r.history, r.position,
                              float_span{out.inputs.data() + i * input_size, input_size});
    if (!planes) {
      return fail(fmt::format("request {} (game {}): {}", i, r.game_id, planes.error().message));
    }
    auto mask = write_legal_mask(l, r.position, byte_span{out.legal.data() + i * actions, actions});
    if (!mask) {
      return fail(fmt::format("request {} (game {}): {}", i, r.game_id, mask.error().message));
    }
  }
  return out;
}

expected<players::decision> decision_for_action(const batch_request& request, layout l,
                                                std::uint32_t action) {
  auto m = move_from_action(l, request.position, action);
  if (!m) {
    return fail(fmt::format("game {}: action {}: {}", request.game_id, action, m.error().message));
  }
  return players::decision::play(*m);
}

}  // namespace tourney::encoding
