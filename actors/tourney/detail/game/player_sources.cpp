#include "tourney/detail/game/player_sources.hpp"

#include <algorithm>
#include <variant>

#include <fmt/format.h>

#include "tourney/detail/usi/engine_pool.hpp"
#include "tourney/players/builtin.hpp"

namespace tourney::detail {

expected<player_source> make_player_source(const spec::player_spec& p, const host_policies& policies,
                                           const engine_pool_actor& engine_pool) {
  player_source src;
  src.name = p.name;
  if (const auto* h = p.as_host()) {
    auto it = policies.find(h->registered);
    if (it == policies.end()) {
      return fail(fmt::format("player '{}': no host policy registered as '{}'", p.name, h->registered));
    }
    if (const auto* batched = std::get_if<batched_policy_ref>(&it->second)) {
      src.batcher = batched->batcher;
      return src;
    }
    const auto& per_position = std::get<per_position_policy>(it->second);
    auto make = per_position.make;
    src.blocking = per_position.options.blocking;
    src.make = [make]() -> expected<std::unique_ptr<players::player>> {
      auto made = make();
      if (!made) {
        return fail("the host policy's factory returned no player");
      }
      return made;
    };
    return src;
  }
  if (const auto* b = p.as_builtin()) {
    // Measured (bench/runtime_bench): resign, random and heuristic decide
    // in microseconds and run inline; alphabeta searches on its own thread.
    src.blocking = b->kind == "alphabeta";
    src.make = [p]() { return players::make_builtin_player(p); };
    return src;
  }
  return make_usi_player_source(p, engine_pool);
}

std::string shared_limit_key(const spec::player_spec& p, const host_policies& policies) {
  const auto* h = p.as_host();
  if (h == nullptr) {
    return {};
  }
  auto it = policies.find(h->registered);
  if (it == policies.end() || policy_game_limit(it->second) <= 0) {
    return {};
  }
  return "host:" + h->registered;
}

int policy_game_limit(const host_policy& policy) {
  if (const auto* batched = std::get_if<batched_policy_ref>(&policy)) {
    return static_cast<int>(std::min<std::size_t>(batched->options.max_games, 1u << 30));
  }
  return std::get<per_position_policy>(policy).options.max_concurrent_games;
}

rt::move_cost move_cost_of(const spec::player_spec& p, const host_policies& policies) {
  if (const auto* b = p.as_builtin()) {
    // Measured (bench/runtime_bench): all but alphabeta decide in microseconds.
    return b->kind == "alphabeta" ? rt::move_cost::core : rt::move_cost::instant;
  }
  const auto* h = p.as_host();
  if (h == nullptr) {
    return rt::move_cost::core;  // a USI engine
  }
  auto it = policies.find(h->registered);
  if (it == policies.end()) {
    return rt::move_cost::core;
  }
  if (std::holds_alternative<batched_policy_ref>(it->second)) {
    return rt::move_cost::batched;
  }
  return std::get<per_position_policy>(it->second).options.blocking ? rt::move_cost::core
                                                                     : rt::move_cost::instant;
}

std::size_t light_game_limit(const spec::tournament_spec& spec, const host_policies& policies) {
  std::size_t most = 0;
  for (const auto& p : spec.players) {
    const auto* h = p.as_host();
    if (h == nullptr) {
      continue;
    }
    auto it = policies.find(h->registered);
    if (it != policies.end()) {
      if (const auto* batched = std::get_if<batched_policy_ref>(&it->second)) {
        most = std::max(most, batched->options.max_games);
      }
    }
  }
  return most;
}

expected<void> check_players(const spec::tournament_spec& spec, const host_policies& policies) {
  for (std::size_t i = 0; i < spec.players.size(); ++i) {
    if (auto src = make_player_source(spec.players[i], policies); !src) {
      return fail(fmt::format("players[{}]: {}", i, src.error().message));
    }
    if (spec.players[i].kind() == spec::player_kind::builtin) {
      if (auto probe = players::make_builtin_player(spec.players[i]); !probe) {
        return fail(fmt::format("players[{}]: {}", i, probe.error().message));
      }
    }
  }
  return {};
}

}  // namespace tourney::detail
