#pragma once
// Reads games.jsonl, the append-only journal of finished games, for resume
// and reports. A truncated last line (a crash mid-append) is ignored with a
// warning; a damaged line elsewhere is skipped with a warning naming
// file:line; the same game index twice counts once.
#include <cstdint>
#include <string>
#include <vector>

#include "tourney/results/results_tally.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::results {

struct journal_entry {
  std::uint64_t index = 0;
  std::string game_id;
  game::result result = game::result::error;
  std::string reason;
  int plies = 0;
  std::string black;  // player names ("" when the line has none)
  std::string white;
};

struct journal_contents {
  std::vector<journal_entry> games;  // in file order, duplicates removed
  std::vector<std::string> warnings;
  std::uint64_t valid_bytes = 0;  // length of the prefix made of whole lines
};

/// A missing file is an empty journal; an unreadable one is an error.
expected<journal_contents> read_journal(const std::string& path);

}  // namespace tourney::results
