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
#include "tourney/results/league_fit.hpp"
#include "tourney/results/league_reader.hpp"
#include "tourney/stats/anchor_text.hpp"
#include "tourney/stats/html_report.hpp"
#include "tourney/stats/league_report.hpp"
#include "tourney/storage/atomic_file.hpp"

namespace tourney::app {

int run_ratings(const ratings_options& options) {
  auto fitted = results::fit_folders(options.directories, options.anchors, options.sequential_sd);
  if (!fitted) {
    eprint("tourney ratings: {}\n", fitted.error().message);
    return exit_usage;
  }
  const auto& league = fitted->league;
  for (const auto& w : league.warnings) {
    eprint("warning: {}\n", w);
  }
  const auto& input = fitted->input;
  const auto& fit = fitted->ratings;
  const auto& anchors = fitted->anchors;
  stats::league_context context{league.folders, league.game_count, league.error_games, anchors,
                                options.sequential_sd};
  if (!options.html.empty()) {
    if (auto written =
            storage::write_file_atomically(options.html, stats::league_html(input, fit, context));
        !written) {
      eprint("tourney ratings: --html: {}\n", written.error().message);
      return exit_failure;
    }
  }
  if (options.json) {
    auto j = stats::league_json(fit, context);
    j["journal_warnings"] = league.warnings;
    return write_out(stdout, j.dump(2) + "\n") ? exit_ok : exit_failure;
  }
  return write_out(stdout, stats::league_text(fit, context)) ? exit_ok : exit_failure;
}

}  // namespace tourney::app
