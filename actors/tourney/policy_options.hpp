#pragma once
// A host's own policy as the runtime keeps it, from register_policy down to
// the actors that build its players (one type all the way).
#include <functional>
#include <memory>

#include "tourney/players/player.hpp"

namespace tourney {

/// A host's own policy (a spec::host_player names it by the registered name).
using policy_factory = std::function<std::unique_ptr<players::player>()>;

struct policy_options {
  /// Games using the policy at once across all tournaments (0 = no limit).
  int max_concurrent_games = 0;
  /// decide() blocks or takes long: give each game's player its own thread.
  /// Set false only for a decide() that takes microseconds.
  bool blocking = true;
};

}  // namespace tourney
