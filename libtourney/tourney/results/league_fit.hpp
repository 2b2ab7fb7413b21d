#pragma once
// One rating list from tournament folders, as `tourney ratings` makes it:
// read every finished game under the directories, place the anchors by name,
// order checkpoints for the sequential prior, fit. The app, C++ hosts
// (through runtime.hpp) and the Python module call this one function.
#include <string>
#include <vector>

#include "tourney/results/league_reader.hpp"
#include "tourney/stats/anchor_text.hpp"
#include "tourney/stats/league.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::results {

struct league_fit {
  league_games league;  // what was read (folders, players, warnings)
  std::vector<stats::named_anchor> anchors;
  stats::league_input input;  // what was fitted
  stats::league_ratings ratings;
};

/// `anchors`: "NAME=ELO" (fixed) or "NAME=ELO+-SD" (a prior); sequential_sd
/// > 0: consecutive checkpoints (by the number in their names) get that
/// prior. Errors say what is wrong: a directory, an anchor's text or an
/// unknown name, no finished game, the fit.
[[nodiscard]] expected<league_fit> fit_folders(const std::vector<std::string>& directories,
                                               const std::vector<std::string>& anchors,
                                               double sequential_sd);

}  // namespace tourney::results
