#include "tourney/detail/player_sources.hpp"

#include <fmt/format.h>

#include "tourney/detail/usi_engines.hpp"
#include "tourney/players/builtin.hpp"

namespace tourney::detail {

expected<player_source> make_player_source(const spec::player_spec& p, const host_policies& policies,
                                           const usi_engines_actor& usi_engines) {
  player_source src;
  src.name = p.name;
  switch (p.kind) {
    case spec::player_kind::host: {
      auto it = policies.find(p.host_name);
      if (it == policies.end()) {
        return fail(fmt::format("player '{}': no host policy registered as '{}'", p.name, p.host_name));
      }
      auto make = it->second.make;
      src.blocking = it->second.options.blocking;
      src.make = [make]() -> expected<std::unique_ptr<players::player>> {
        auto made = make();
        if (!made) {
          return fail("the host policy's factory returned no player");
        }
        return made;
      };
      return src;
    }
    case spec::player_kind::builtin: {
      // Measured (bench/runtime_bench): resign, random and heuristic decide
      // in microseconds and run inline; alphabeta searches on its own thread.
      src.blocking = p.builtin == "alphabeta";
      src.make = [p]() { return players::make_builtin_player(p); };
      return src;
    }
    case spec::player_kind::usi:
      return make_usi_player_source(p, usi_engines);
  }
  return fail(fmt::format("player '{}': unknown kind", p.name));
}

std::string shared_limit_key(const spec::player_spec& p, const host_policies& policies) {
  if (p.kind != spec::player_kind::host) {
    return {};
  }
  auto it = policies.find(p.host_name);
  if (it == policies.end() || it->second.options.max_concurrent_games <= 0) {
    return {};
  }
  return "host:" + p.host_name;
}

expected<void> check_players(const spec::tournament_spec& spec, const host_policies& policies) {
  for (std::size_t i = 0; i < spec.players.size(); ++i) {
    if (auto src = make_player_source(spec.players[i], policies); !src) {
      return fail(fmt::format("players[{}]: {}", i, src.error().message));
    }
    if (spec.players[i].kind == spec::player_kind::builtin) {
      if (auto probe = players::make_builtin_player(spec.players[i]); !probe) {
        return fail(fmt::format("players[{}]: {}", i, probe.error().message));
      }
    }
  }
  return {};
}

}  // namespace tourney::detail
