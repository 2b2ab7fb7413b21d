#pragma once
// For tests only, not part of the product API (no product header includes
// it): a runtime whose games are refereed by a stand-in, so a test can stage
// endings (wins, draws, errors, slow games) without playing shogi.
#include "tourney/runtime.hpp"
#include "tourney/runtime/game_referee.hpp"

namespace tourney::testing {

/// A runtime like runtime(options) whose games `referee` builds instead of
/// the rules core.
[[nodiscard]] runtime make_runtime(runtime_options options, rt::referee_factory referee);

}  // namespace tourney::testing
