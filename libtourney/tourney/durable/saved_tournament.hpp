#pragma once
// A tournament saved in its folder (tournament.json + games.jsonl), read back
// to resume it: the spec and identity from tournament.json, the finished
// games from the journal. Refuses a folder written by a newer format, or a
// journal whose games belong to another tournament.
#include <cstdint>
#include <string>
#include <vector>

#include "tourney/results/journal_reader.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::durable {

/// tournament.json "format_version" this build writes and reads; a folder
/// without the key is version 1 (written before the key existed). Version 1
/// did not save a USI or host player's own nodes, depth and seed, so such a
/// folder is refused: its saved spec may describe other games than it played.
constexpr int folder_format_version = 2;

struct saved_tournament {
  std::string folder;
  std::string id;
  std::string name;
  std::string status;  // as last saved ("running" after a crash)
  spec::tournament_spec spec;
  std::vector<results::journal_entry> finished;  // distinct indices, file order
  std::vector<std::string> warnings;             // from the journal, file:line
  std::uint64_t journal_valid_bytes = 0;         // whole-line prefix
  std::uint64_t journal_bytes = 0;               // file size when read
};

/// Reads `folder` without changing anything. Errors name the file and why.
expected<saved_tournament> read_saved_tournament(const std::string& folder);

/// Cuts games.jsonl back to its whole-line prefix (a crash mid-append) and
/// syncs it, so the next append starts on a fresh line. No-op when whole.
expected<void> cut_journal_tail(const saved_tournament& saved);

}  // namespace tourney::durable
