#pragma once
// Each finished game also as files a shogi GUI opens: <folder>/games/
// <game_id>.csa (CSA V2.2) and <game_id>.kifu (KIF, UTF-8). Written from the
// journal line after it is durable, off the game's path; the journal stays
// the record of truth, so these are not synced one by one. Each file is
// written whole or not at all (temporary file, rename); resume rewrites the
// ones a crash lost (repair_game_files).
#include <string>
#include <string_view>
#include <vector>

#include "tourney/record/game_record.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::durable {

/// Writes both files for one games.jsonl line. A line without a full record
/// (a game that never started) has nothing to write: not an error.
expected<void> write_game_files(const std::string& folder, std::string_view journal_line);

/// The same from the record itself (the journal line need not be parsed back).
expected<void> write_game_files(const std::string& folder, const record::game_record& rec);

/// Makes the record files of the journaled games `game_ids` whole again after
/// a crash or a full disk: a file that is missing or cut is rewritten from
/// its journal line, and temporary files of interrupted writes are removed.
/// Returns how many games' files were rewritten. Games without a record
/// (never started) have no files and are left alone.
expected<std::size_t> repair_game_files(const std::string& folder, const std::vector<std::string>& game_ids);

/// repair_game_files for every game in the folder's journal.
expected<std::size_t> repair_all_game_files(const std::string& folder);

}  // namespace tourney::durable
