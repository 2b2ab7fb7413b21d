#pragma once
// The finished games of many tournament folders, for one rating list
// (`tourney ratings`): every folder with a tournament.json among the given
// directories (a tournament folder itself, or a storage root holding them),
// its games from games.jsonl with the players' names and colours. Players
// are identified by name across tournaments.
#include <cstdint>
#include <string>
#include <vector>

#include "tourney/stats/league.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::results {

struct league_games {
  std::vector<std::string> folders;          // tournament folders read, sorted
  std::vector<std::string> players;          // names, sorted
  std::vector<stats::colour_results> games;  // totals per (black, white)
  std::uint64_t game_count = 0;              // games with a result
  std::uint64_t error_games = 0;             // result `error`: counted for no one
  std::vector<std::string> warnings;         // damaged journal lines, ... (file:line)
};

/// Errors name the directory and what is wrong: it does not exist, it is not
/// a tournament folder and holds none, a tournament.json that cannot be read.
/// A damaged journal line is a warning naming file:line, not an error.
[[nodiscard]] expected<league_games> read_league(const std::vector<std::string>& directories);

}  // namespace tourney::results
