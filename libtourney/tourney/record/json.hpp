#pragma once
// games.jsonl: one JSON object per game, one line each. Keys (stable; other
// tools read them): game_id, index and round (when set), black, white, result (black_win|white_win|draw|
// error), reason, detail, plies, start_sfen, moves (USI strings), move_ms
// (per-move elapsed ms), book_plies, duration_s, start_time and end_time (ISO
// 8601 UTC, ms) and, when any move carries search information, info: one
// object or null per move with any of score_cp, mate_in, depth, nodes, pv.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tourney/record/game_record.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::record {

nlohmann::json to_json(const game_record& rec);
/// One line, no trailing newline.
std::string to_json_line(const game_record& rec);

/// Inverse of to_json: errors name the key and what is wrong with it.
expected<game_record> from_json(const nlohmann::json& j);
/// Parses one line of games.jsonl; errors start with "games.jsonl: ".
expected<game_record> parse_json_line(std::string_view line);

/// ISO 8601 UTC with milliseconds ("2026-11-29T16:11:30.123Z"), and back.
std::string format_utc(std::chrono::system_clock::time_point t);
expected<std::chrono::system_clock::time_point> parse_utc(std::string_view text);

}  // namespace tourney::record
