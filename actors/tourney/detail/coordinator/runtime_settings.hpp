#pragma once
// What the coordinator's actors (supervisor, tournaments) run by: the host's
// runtime_options as given, and the few values resolved from them once.
// No defaults of its own: resolve_settings is the one place values are made.
#include <chrono>
#include <cstddef>
#include <string>

#include "tourney/runtime.hpp"
#include "tourney/runtime/game_referee.hpp"

namespace tourney::detail {

struct runtime_settings {
  runtime_options options;
  /// options.game_slots, 0 resolved to the hardware threads (at least 1).
  std::size_t game_slots;
  /// options.max_concurrent_tournaments, at least 1.
  std::size_t max_concurrent_tournaments;
  /// options.storage_dir without trailing slashes ("." when empty).
  std::string storage_dir;
  /// Builds a game's referee: the rules referee unless a test stages endings.
  rt::referee_factory make_referee;
  /// How this node names itself to workers.
  std::string node_name;
  /// Bound on one game played on a worker (a backstop: a dead or hung worker
  /// is noticed within seconds by its link). No public option.
  std::chrono::milliseconds remote_game_timeout;
  /// Times a game is sent to a worker before it counts as an error game. No
  /// public option.
  int remote_attempts;
};

/// The settings for `options`; `referee` empty = the rules referee.
runtime_settings resolve_settings(runtime_options options, rt::referee_factory referee = {});

}  // namespace tourney::detail
