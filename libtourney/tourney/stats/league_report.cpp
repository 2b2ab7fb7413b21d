#include "tourney/stats/league_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace tourney::stats {

namespace {

using nlohmann::json;

json number_or_null(const std::optional<double>& value) {
  if (value && std::isfinite(*value)) {
    return *value;
  }
  return nullptr;
}

std::string anchors_text(const league_context& context) {
  if (context.anchors.empty()) {
    return "mean 0 (of each group's rated players)";
  }
  std::string out;
  for (const auto& a : context.anchors) {
    out += out.empty() ? "" : ", ";
    out += a.sd > 0 ? fmt::format("{} ~ {:g} +- {:g}", a.name, a.elo, a.sd)
                    : fmt::format("{} = {:g}", a.name, a.elo);
  }
  return out;
}

// "+123.4 +/- 20.1", ">= +300 (won every game)", "-" ...
std::pair<std::string, std::string> rating_cells(const league_player& p) {
  if (p.elo) {
    if (p.anchored) {
      return {fmt::format("{:+.1f}", *p.elo), "anchor"};
    }
    if (!p.error95) {
      return {fmt::format("{:+.1f}", *p.elo), "ref"};  // its group's only rated player
    }
    return {fmt::format("{:+.1f}", *p.elo), fmt::format("{:.1f}", *p.error95)};
  }
  if (p.bound == rating_bound::above) {
    return {p.bound_elo ? fmt::format(">={:+.0f}", *p.bound_elo) : std::string("above"), "-"};
  }
  if (p.bound == rating_bound::below) {
    return {p.bound_elo ? fmt::format("<={:+.0f}", *p.bound_elo) : std::string("below"), "-"};
  }
  return {"-", "-"};
}

}  // namespace

std::string league_text(const league_ratings& ratings, const league_context& context) {
  std::string out = fmt::format(
      "Ratings over {} tournament(s), {} games ({} error games not counted), {} players\n",
      context.folders.size(), context.games, context.error_games, ratings.players.size());
  std::size_t width = 6;
  for (const auto& p : ratings.players) {
    width = std::max(width, p.name.size());
  }
  out += fmt::format("{:>4}  {:<{}}  {:>8}  {:>6}  {:>6}  {:>6}  {:>6}  {:>7}\n", "Rank", "Player",
                     width, "Elo", "+/-", "Games", "Score", "Draws", "LOS>next");
  for (std::size_t rank = 0; rank < ratings.order.size(); ++rank) {
    const auto& p = ratings.players[static_cast<std::size_t>(ratings.order[rank])];
    const auto [elo, error] = rating_cells(p);
    out += fmt::format(
        "{:>4}  {:<{}}  {:>8}  {:>6}  {:>6}  {:>6}  {:>6}  {:>7}\n", rank + 1, p.name, width, elo,
        error, p.games,
        p.games == 0 ? std::string("-")
                     : fmt::format("{:.1f}%", 100.0 * p.points / static_cast<double>(p.games)),
        p.games == 0 ? std::string("-")
                     : fmt::format("{:.1f}%", 100.0 * static_cast<double>(p.draws) /
                                                  static_cast<double>(p.games)),
        p.los_next ? fmt::format("{:.1f}%", 100.0 * *p.los_next) : std::string("-"));
  }
  out += fmt::format(
      "First move (sente): {:+.1f} +/- {:.1f} Elo; draw term: {:.1f} +/- {:.1f} Elo\n",
      ratings.first_move_elo, ratings.first_move_error95, ratings.draw_elo, ratings.draw_error95);
  out += fmt::format(
      "Anchored to: {}{}\n", anchors_text(context),
      context.sequential_sd > 0
          ? fmt::format("; consecutive checkpoints ~ N(0, {:g}) apart", context.sequential_sd)
          : std::string());
  out +=
      "Elo: maximum likelihood (BayesElo's model: P(win) = F(d - draw), P(loss) = F(-d - draw), "
      "F(x) = 1/(1 + 10^(-x/400))); +/-: half the 95% interval; >=X / <=X: won (lost) every game "
      "against the rated players, X the end of the 95% interval; ref: the only rated player of its "
      "group, 0 by definition; -: no games against a rated player; LOS>next: probability that the "
      "player is stronger than the next one in the list.\n";
  for (const auto& w : ratings.warnings) {
    out += "warning: " + w + "\n";
  }
  return out;
}

json league_json(const league_ratings& ratings, const league_context& context) {
  json players = json::array();
  for (std::size_t rank = 0; rank < ratings.order.size(); ++rank) {
    const auto& p = ratings.players[static_cast<std::size_t>(ratings.order[rank])];
    std::optional<double> lower;
    std::optional<double> upper;
    if (p.elo && p.error95) {
      lower = *p.elo - *p.error95;
      upper = *p.elo + *p.error95;
    } else if (p.bound == rating_bound::above) {
      lower = p.bound_elo;
    } else if (p.bound == rating_bound::below) {
      upper = p.bound_elo;
    }
    players.push_back(
        {{"rank", rank + 1},
         {"name", p.name},
         {"elo", number_or_null(p.elo)},
         {"error95", number_or_null(p.error95)},
         {"lower95", number_or_null(lower)},
         {"upper95", number_or_null(upper)},
         {"bound", to_string(p.bound)},
         {"bound_elo", number_or_null(p.bound_elo)},
         {"games", p.games},
         {"points", p.points},
         {"score", p.games == 0 ? json(nullptr) : json(p.points / static_cast<double>(p.games))},
         {"draws", p.draws},
         {"los_next", number_or_null(p.los_next)},
         {"anchored", p.anchored},
         {"group", p.group}});
  }
  json groups = json::array();
  for (const auto& g : ratings.groups) {
    json names = json::array();
    for (int i : g) {
      names.push_back(ratings.players[static_cast<std::size_t>(i)].name);
    }
    groups.push_back(names);
  }
  json anchors = json::array();
  for (const auto& a : context.anchors) {
    anchors.push_back({{"name", a.name}, {"elo", a.elo}, {"sd", a.sd}});
  }
  return json{
      {"folders", context.folders},
      {"games", context.games},
      {"error_games", context.error_games},
      {"model", "bayeselo"},
      {"anchors", anchors},
      {"sequential_prior_sd",
       context.sequential_sd > 0 ? json(context.sequential_sd) : json(nullptr)},
      {"first_move", {{"elo", ratings.first_move_elo}, {"error95", ratings.first_move_error95}}},
      {"draw", {{"elo", ratings.draw_elo}, {"error95", ratings.draw_error95}}},
      {"players", players},
      {"groups", groups},
      {"warnings", ratings.warnings},
      {"complete", ratings.complete}};
}

}  // namespace tourney::stats
