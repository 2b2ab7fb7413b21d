#pragma once
// One finished game as the runtime counts and persists it: one line of
// games.jsonl. With the rules referee the line is the `game` part's record
// (record::to_json) plus the schedule index and round, which resume and
// reports read.
#include <cstdint>
#include <string>
#include <string_view>
#include <optional>
#include <vector>

#include "tourney/game/outcome.hpp"
#include "tourney/record/game_record.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::rt {

struct finished_game {
  std::string game_id;
  std::uint64_t index = 0;
  std::string black;
  std::string white;
  game::result result = game::result::error;
  std::string reason;  // checkmate, resign, max_plies, timeout, error, ...
  int plies = 0;
  std::string start_sfen;
  std::vector<std::string> moves;  // USI
  double duration_s = 0.0;
  int round = 0;
  /// The full record (rules referee); the line is written from it.
  std::optional<record::game_record> record;
  /// The worker node that played it ("" = this process); its journal line
  /// says so in "node".
  std::string node;
};

/// The games.jsonl line (no newline): record::to_json's keys (game_id, black,
/// white, result, reason, detail, plies, start_sfen, moves, move_ms,
/// duration_s, start/end time) plus index and round.
std::string to_json_line(const finished_game& g);

/// A game played elsewhere (a worker node), from its games.jsonl line, parsed
/// once: its record (when the line is a whole record) and the result,
/// reason, plies, duration and start position; `expected` supplies what this
/// process knows of the game (id, index, round, players). Errors say what is
/// wrong with the line (not JSON, another game's id, an unknown result).
[[nodiscard]] expected<finished_game> finished_game_from_line(const std::string& line, finished_game expected);

}  // namespace tourney::rt
