#pragma once
// How a game ended: a result (who won) and a reason with a stable string name
// (games.jsonl, reports and other tools read these names; never rename one).
#include <optional>
#include <string>
#include <string_view>

#include "tourney/shogi/types.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::game {

/// `error` means the game has no sporting result (cancelled, broken opening,
/// a fault that is nobody's loss); tournaments do not score it.
enum class result : std::uint8_t { black_win, white_win, draw, error };

enum class reason : std::uint8_t {
  checkmate,            // side to move is mated
  resign,               // bestmove resign / a resigning player
  declaration,          // a correct entering-king declaration (bestmove win)
  illegal_declaration,  // a false declaration: the declarer loses
  sennichite,           // 4th occurrence of board + hands + side to move: draw
  perpetual_check,      // sennichite where one side checked on every move: it loses
  max_plies,            // the adjudication ply limit: draw
  no_legal_move,        // side to move has no legal move and is not in check: it loses
  illegal_move,         // illegal, unparsable or out-of-turn move: the offender loses
  timeout,              // over main time + byoyomi (+ margin), or past the increment clock
  stall,                // a clockless move (nodes/depth) past its budget
  disconnect,           // engine process died or closed its output
  adjudication,         // score-based resign or draw adjudication
  error,                // a player threw, or a fault nobody caused
  cancelled,            // the tournament or game was cancelled
};

constexpr int reason_count = 15;

std::string_view to_string(result r);
std::string_view to_string(reason r);
/// Inverse of to_string; the error names the bad text.
[[nodiscard]] expected<result> result_from_string(std::string_view text);
[[nodiscard]] expected<reason> reason_from_string(std::string_view text);

constexpr result win_for(shogi::color c) {
  return c == shogi::color::black ? result::black_win : result::white_win;
}
constexpr result loss_for(shogi::color c) {
  return win_for(shogi::opponent(c));
}

/// The end of a game as the referee decided it. `detail` is a human-readable
/// explanation ("illegal move 8h2b+: no piece on 8h", "timeout: 10250 ms for
/// a 10000 ms allowance").
struct game_end {
  result outcome = result::error;
  reason why = reason::error;
  std::string detail;

  /// The side that won, if any.
  std::optional<shogi::color> winner() const;
  /// The side that lost, if any.
  std::optional<shogi::color> loser() const;
};

/// A result from one side's point of view (USI `gameover win|lose|draw`,
/// per-player scoring); `none` for result::error.
enum class side_outcome : std::uint8_t { win, loss, draw, none };
side_outcome outcome_for(result r, shogi::color side);

}  // namespace tourney::game
