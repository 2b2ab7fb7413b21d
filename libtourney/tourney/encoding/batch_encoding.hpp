#pragma once
// A whole batch in a network's layout: every request's input planes in one
// contiguous buffer, and its legal-move mask in another, request after
// request (the shapes a network's forward pass and a masked softmax take:
// [size, planes, 9, 9] and [size, actions]). And back: an action index per
// request turned into that request's decision.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "tourney/encoding/layout.hpp"
#include "tourney/players/batch.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::encoding {

struct encoded_batch {
  encoding::layout layout = encoding::layout::dlshogi;
  std::size_t size = 0;             // requests
  std::vector<float> inputs;        // size * planes * 81
  std::vector<std::uint8_t> legal;  // size * actions: 1 where the action is a legal move
};

/// Encodes every request; an error names the request (its game id) and why.
[[nodiscard]] expected<encoded_batch> encode_batch(const move_batch& batch, layout l);

/// The decision of playing `action` in the request's position; an error
/// says why it is not a legal move there (out of range, not legal).
[[nodiscard]] expected<players::decision> decision_for_action(const batch_request& request,
                                                              layout l, std::uint32_t action);

}  // namespace tourney::encoding
