// tourney ratings DIR... [--anchor NAME=ELO[+-SD]]... [--sequential-prior SD]
// [--json] [--html FILE]: one rating list over every finished game of the tournament
// folders under the given directories.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "commands.hpp"
#include "log.hpp"
#include "progress_printer.hpp"
#include "tourney/results/league_reader.hpp"
#include "tourney/stats/anchor_text.hpp"
#include "tourney/stats/checkpoint_order.hpp"
#include "tourney/stats/html_report.hpp"
#include "tourney/stats/league_report.hpp"
#include "tourney/storage/atomic_file.hpp"

namespace tourney::app {

int run_ratings(const ratings_options& options) {
  std::vector<stats::named_anchor> anchors;
  for (const auto& text : options.anchors) {
    auto anchor = stats::parse_anchor(text);
    if (!anchor) {
      eprint("tourney ratings: {}\n", anchor.error().message);
      return exit_usage;
    }
    anchors.push_back(*anchor);
  }
  auto league = results::read_league(options.directories);
  if (!league) {
    eprint("tourney ratings: {}\n", league.error().message);
    return exit_usage;
  }
  for (const auto& w : league->warnings) {
    eprint("warning: {}\n", w);
  }
  if (league->players.empty()) {
    eprint("tourney ratings: no finished game with a result in {} tournament folder(s)\n",
           league->folders.size());
    return exit_usage;
  }
  stats::league_input input;
  input.players = league->players;
  input.games = league->games;
  for (const auto& a : anchors) {
    auto it = std::find(input.players.begin(), input.players.end(), a.name);
    if (it == input.players.end()) {
      eprint("tourney ratings: --anchor {}: no player of that name in the games read\n", a.name);
      return exit_usage;
    }
    input.anchors.push_back({static_cast<int>(it - input.players.begin()), a.elo, a.sd});
  }
  if (options.sequential_sd > 0) {
    input.sequence = stats::checkpoint_order(input.players);
    input.sequential_sd = options.sequential_sd;
  }
  auto fit = stats::fit_league(input);
  if (!fit) {
    eprint("tourney ratings: {}\n", fit.error().message);
    return exit_usage;
  }
  stats::league_context context{league->folders, league->game_count, league->error_games, anchors,
                                options.sequential_sd};
  if (!options.html.empty()) {
    if (auto written =
            storage::write_file_atomically(options.html, stats::league_html(input, *fit, context));
        !written) {
      eprint("tourney ratings: --html: {}\n", written.error().message);
      return exit_failure;
    }
  }
  if (options.json) {
    auto j = stats::league_json(*fit, context);
    j["journal_warnings"] = league->warnings;
    return write_out(stdout, j.dump(2) + "\n") ? exit_ok : exit_failure;
  }
  return write_out(stdout, stats::league_text(*fit, context)) ? exit_ok : exit_failure;
}

}  // namespace tourney::app
