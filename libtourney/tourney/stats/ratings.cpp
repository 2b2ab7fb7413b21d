#include "tourney/stats/ratings.hpp"

#include <fmt/format.h>

#include <string>

namespace tourney::stats {

expected<rating_table> compute_ratings(int player_count, const std::vector<head_to_head>& games,
                                       rating_anchor anchor) {
  if (player_count < 1) {
    return fail("ratings: no players");
  }
  if (anchor.player && (*anchor.player < 0 || *anchor.player >= player_count)) {
    return fail(fmt::format("ratings: anchor player {} out of range (0..{})", *anchor.player,
                            player_count - 1));
  }
  league_input input;
  for (int i = 0; i < player_count; ++i) {
    input.players.push_back(fmt::format("#{}", i));
  }
  for (const auto& g : games) {
    input.neutral_games.push_back(
        {g.first, g.second, g.counts.wins, g.counts.losses, g.counts.draws});
  }
  if (anchor.player) {
    input.anchors.push_back({*anchor.player, 0.0, 0.0});
  }
  auto league = fit_league(input);
  if (!league) {
    return tl::unexpected(league.error());
  }
  rating_table table;
  table.anchor = anchor;
  table.complete = league->complete;
  table.draw_elo = league->draw_elo;
  for (const auto& p : league->players) {
    table.players.push_back({p.games, p.points, p.elo, p.error95, p.bound, p.bound_elo});
  }
  return table;
}

}  // namespace tourney::stats
