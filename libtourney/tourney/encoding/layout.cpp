#include "tourney/encoding/layout.hpp"

#include "tourney/encoding/alphazero.hpp"
#include "tourney/encoding/dlshogi.hpp"

namespace tourney::encoding {

const char* to_string(layout l) {
  switch (l) {
    case layout::dlshogi:
      return "dlshogi";
    case layout::alphazero:
      return "alphazero";
  }
  return "unknown";
}

std::optional<layout> parse_layout(std::string_view name) {
  for (layout l : {layout::dlshogi, layout::alphazero}) {
    if (name == to_string(l)) {
      return l;
    }
  }
  return std::nullopt;
}

layout_shape shape(layout l) {
  switch (l) {
    case layout::dlshogi:
      return {dlshogi::planes, dlshogi::actions};
    case layout::alphazero:
      return {alphazero::planes, alphazero::actions};
  }
  return {0, 0};
}

}  // namespace tourney::encoding
