#include "tourney/detail/coordinator/runtime_settings.hpp"

#include <algorithm>
#include <thread>
#include <utility>

#include "tourney/detail/game/default_referee.hpp"
#include "tourney/detail/remote/network_config.hpp"

namespace tourney::detail {

runtime_settings resolve_settings(runtime_options options, rt::referee_factory referee) {
  runtime_settings s{};
  s.game_slots = options.game_slots > 0 ? options.game_slots : std::max(1u, std::thread::hardware_concurrency());
  s.max_concurrent_tournaments = std::max<std::size_t>(1, options.max_concurrent_tournaments);
  s.storage_dir = options.storage_dir.empty() ? "." : options.storage_dir;
  while (s.storage_dir.size() > 1 && s.storage_dir.back() == '/') {
    s.storage_dir.pop_back();
  }
  s.make_referee = referee ? std::move(referee) : default_referee_factory();
  s.node_name = node_name();
  s.remote_game_timeout = std::chrono::hours(24);
  s.remote_attempts = 5;
  s.options = std::move(options);
  return s;
}

}  // namespace tourney::detail
