#pragma once
// Where each kind of player comes from. A new kind of player (a USI engine
// actor, a remote node) plugs in here: it yields a player_source (or, for an
// actor-backed kind, a player actor answering (move, turn) -> player_answer),
// and neither tournaments nor games change.
#include <string>

#include "tourney/detail/game/game_handles.hpp"
#include "tourney/detail/messages.hpp"
#include "tourney/runtime/tournament_core.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::detail {

/// How to make this player for each game; an error names the player.
/// `engine_pool`: the tournament's engine pool (spawn_engine_pool), which
/// USI players lease their engines from; without it a USI player is only
/// checked.
expected<player_source> make_player_source(const spec::player_spec& p, const host_policies& policies,
                                           const engine_pool_actor& engine_pool = {});

/// The slot-pool key of a player whose concurrency is limited across
/// tournaments (a registered host policy with a limit), or "".
std::string shared_limit_key(const spec::player_spec& p, const host_policies& policies);

/// How many games at once a policy allows across tournaments (0 = no limit):
/// a per-position policy's max_concurrent_games, a batched one's max_games.
int policy_game_limit(const host_policy& policy);

/// What the player's moves cost this process (tournament_core's move_cost).
rt::move_cost move_cost_of(const spec::player_spec& p, const host_policies& policies);

/// Light games (tournament_core) a tournament keeps at once at most: the
/// largest max_games of its batched players (0 without any).
std::size_t light_game_limit(const spec::tournament_spec& spec, const host_policies& policies);

/// Checks that every player of a spec can be made (start() refuses otherwise).
expected<void> check_players(const spec::tournament_spec& spec, const host_policies& policies);

}  // namespace tourney::detail
