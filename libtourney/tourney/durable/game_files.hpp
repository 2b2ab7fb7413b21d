#pragma once
// Each finished game also as files a shogi GUI opens: <folder>/games/
// <game_id>.csa (CSA V2.2) and <game_id>.kifu (KIF, UTF-8). Written from the
// journal line after it is durable, off the game's path; the journal stays
// the record of truth, so these are not synced one by one.
#include <string>
#include <string_view>

#include "tourney/record/game_record.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::durable {

/// Writes both files for one games.jsonl line. A line without a full record
/// (a game that never started) has nothing to write: not an error.
expected<void> write_game_files(const std::string& folder, std::string_view journal_line);

/// The same from the record itself (the journal line need not be parsed back).
expected<void> write_game_files(const std::string& folder, const record::game_record& rec);

}  // namespace tourney::durable
