#pragma once
// The network layouts tourney can encode positions and moves for (see
// docs/encodings.md): their names and their sizes.
#include <cstdint>
#include <optional>
#include <string_view>

namespace tourney::encoding {

enum class layout : std::uint8_t {
  dlshogi,  // dlshogi's features and move labels, as Pgx documents them: 119 planes, 2,187 actions
  alphazero,  // AlphaZero's shogi action space (139 x 81) with tourney's own 44 input planes
};

/// "dlshogi", "alphazero".
const char* to_string(layout l);
/// The layout named exactly as to_string names it; nullopt for any other name.
std::optional<layout> parse_layout(std::string_view name);

/// Sizes per position: the input is planes * 81 floats, the policy (and the
/// legal mask) `actions` entries.
struct layout_shape {
  int planes;
  int actions;
};

layout_shape shape(layout l);

}  // namespace tourney::encoding
