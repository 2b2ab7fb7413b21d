#pragma once
// The standings of a tournament from its results folder (finished or
// interrupted): the spec from tournament.json, the games from games.jsonl.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tourney/results/results_tally.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::results {

struct folder_report {
  std::string folder;
  spec::tournament_spec spec;
  std::string status;  // tournament.json "status" ("running" if it never ended)
  std::uint64_t total_games = 0;
  std::uint64_t finished_games = 0;
  std::vector<std::string> warnings;
  std::string standings_text;
  nlohmann::json statistics;  // null unless asked for
};

enum class report_detail { standings, standings_and_statistics };

/// Errors name the folder and file: no tournament.json, unreadable JSON, a
/// spec that does not parse, a journal game outside the schedule. The
/// statistics JSON (per pairing: large with many players) only when asked.
expected<folder_report> read_folder_report(const std::string& folder,
                                           report_detail detail = report_detail::standings_and_statistics);

}  // namespace tourney::results
