#pragma once
// One finished game as the runtime counts and persists it: one line of
// games.jsonl. (The `game` part's record::game_record carries the same
// fields; the referee adapter converts it.)
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tourney::rt {

/// Every game is exactly one of these.
enum class game_result : std::uint8_t { black_win, white_win, draw, error };

std::string_view to_string(game_result r);

struct finished_game {
  std::string game_id;
  std::uint64_t index = 0;
  std::string black;
  std::string white;
  game_result result = game_result::error;
  std::string reason;  // checkmate, resign, max_plies, timeout, error, ...
  int plies = 0;
  std::string start_sfen;
  std::vector<std::string> moves;  // USI
  double duration_s = 0.0;
  int round = 0;
};

/// The games.jsonl line (no newline): game_id, black, white, result, reason,
/// plies, start_sfen, moves, duration_s, round, index.
std::string to_json_line(const finished_game& g);

}  // namespace tourney::rt
