#pragma once
// `--anchor NAME=ELO` (a hard anchor) or `NAME=ELO+-SD` (a Gaussian prior).
#include <string>
#include <string_view>

#include "tourney/util/expected.hpp"

namespace tourney::stats {

struct named_anchor {
  std::string name;
  double elo = 0.0;
  double sd = 0.0;  // 0: hard
};

/// The name is everything before the last '='. Errors quote the text and
/// say what was expected.
[[nodiscard]] expected<named_anchor> parse_anchor(std::string_view text);

}  // namespace tourney::stats
