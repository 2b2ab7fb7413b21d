#include "tourney/results/league_fit.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "tourney/stats/checkpoint_order.hpp"

namespace tourney::results {

expected<league_fit> fit_folders(const std::vector<std::string>& directories,
                                 const std::vector<std::string>& anchors, double sequential_sd) {
  league_fit out;
  for (const auto& text : anchors) {
    auto anchor = stats::parse_anchor(text);
    if (!anchor) {
      return tl::unexpected(anchor.error());
    }
    out.anchors.push_back(*anchor);
  }
  auto league = read_league(directories);
  if (!league) {
    return tl::unexpected(league.error());
  }
  out.league = std::move(*league);
  if (out.league.players.empty()) {
    return fail(fmt::format("no finished game with a result in {} tournament folder(s)",
                            out.league.folders.size()));
  }
  out.input.players = out.league.players;
  out.input.games = out.league.games;
  for (const auto& a : out.anchors) {
    auto it = std::find(out.input.players.begin(), out.input.players.end(), a.name);
    if (it == out.input.players.end()) {
      return fail(fmt::format("--anchor {}: no player of that name in the games read", a.name));
    }
    out.input.anchors.push_back({static_cast<int>(it - out.input.players.begin()), a.elo, a.sd});
  }
  if (sequential_sd > 0) {
    out.input.sequence = stats::checkpoint_order(out.input.players);
    out.input.sequential_sd = sequential_sd;
  }
  auto fit = stats::fit_league(out.input);
  if (!fit) {
    return tl::unexpected(fit.error());
  }
  out.ratings = std::move(*fit);
  return out;
}

}  // namespace tourney::results
