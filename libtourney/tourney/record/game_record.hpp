#pragma once
// The lossless record of one game: start SFEN + USI moves (+ per-move time and
// search information) + result, reason and detail. games.jsonl, CSA and KIF
// are written from it.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tourney/game/outcome.hpp"
#include "tourney/shogi/types.hpp"

namespace tourney::record {

/// One move as played, with what the mover reported about it.
struct move_entry {
  shogi::move move;
  std::chrono::milliseconds elapsed{0};
  /// Played from the opening line, not by a player (not charged to a clock).
  bool book = false;
  std::optional<int> score_cp;
  std::optional<int> mate_in;
  std::optional<int> depth;
  std::optional<std::uint64_t> nodes;
  std::vector<std::string> pv;  // USI moves
};

struct game_record {
  std::string game_id;
  /// The game's index in the tournament schedule (games.jsonl "index": resume
  /// and reports key games by it).
  std::optional<std::uint64_t> index;
  /// The tournament round (games.jsonl "round", when set).
  std::optional<int> round;
  std::string black;  // player names
  std::string white;
  std::string start_sfen;  // with move number
  std::vector<move_entry> moves;
  game::result result = game::result::error;
  game::reason reason = game::reason::error;
  std::string detail;
  std::chrono::system_clock::time_point start_time{};
  std::chrono::system_clock::time_point end_time{};

  int plies() const {
    return static_cast<int>(moves.size());
  }
  /// end_time - start_time in seconds (0 when unset or negative).
  double duration_s() const;
  /// The USI move texts in order.
  std::vector<std::string> usi_moves() const;
};

/// text with line breaks replaced by spaces (for one-line record fields).
std::string one_line(std::string text);

/// "tourney result=<result> reason=<reason>[ detail=<detail>]": the
/// lossless ending every record format carries as a comment.
std::string result_comment(const game_record& rec);

/// The SFEN of the standard start position (with move number 1).
extern const char* const startpos_sfen;

/// Whether an SFEN denotes the standard start position with Black to move
/// (the move number is ignored).
bool is_startpos_sfen(const std::string& sfen);

}  // namespace tourney::record
