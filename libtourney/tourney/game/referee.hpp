#pragma once
// The referee of one game: owns the position (from a start position plus
// opening moves), the move history, the repetition table and the clocks, and
// decides every ending. Players and engines are never trusted: every move is
// checked against the rules core. A side with no legal move is never asked to
// move: the game is over before that (needs_move() is false).
//
// Typical use by a game actor:
//   referee r(start, opening, settings);
//   while (r.needs_move()) {
//     auto side = r.side_to_move();
//     ask the player with r.position(), r.history(), r.limits(), wait at most
//     r.deadline() (then r.forfeit(side, r.overdue_reason(), ...));
//     if (auto end = r.apply(side, std::move(decision), elapsed)) break;
//   }
//   auto rec = r.record();  // then set game_id, names, timestamps
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tourney/game/clock.hpp"
#include "tourney/game/outcome.hpp"
#include "tourney/game/repetition.hpp"
#include "tourney/game/score_adjudicator.hpp"
#include "tourney/players/player.hpp"
#include "tourney/record/game_record.hpp"
#include "tourney/shogi/position.hpp"
#include "tourney/spec/tournament_spec.hpp"

namespace tourney::game {

struct referee_settings {
  spec::time_control clock;
  spec::adjudication_spec adjudication;
};

class referee {
 public:
  /// Plays `opening` from `start` (book moves: not charged to clocks). An
  /// illegal opening move ends the game at once with result error, reason
  /// error and a detail naming the move; an opening that ends the game (mate,
  /// sennichite, max plies) ends it as the rules say.
  referee(const shogi::position& start, const std::vector<shogi::move>& opening,
          const referee_settings& settings);

  /// Whether the game goes on and the side to move must be asked for a move.
  bool needs_move() const {
    return !end_.has_value();
  }
  bool over() const {
    return end_.has_value();
  }
  /// The end, once the game is over.
  const std::optional<game_end>& end() const {
    return end_;
  }

  shogi::color side_to_move() const {
    return position_.side_to_move();
  }
  const shogi::position& start_position() const {
    return start_;
  }
  const shogi::position& position() const {
    return position_;
  }
  /// All moves from start_position() to position() (opening moves included).
  const std::vector<shogi::move>& history() const {
    return moves_;
  }
  int plies() const {
    return static_cast<int>(moves_.size());
  }

  /// The `go` limits for the side to move.
  players::search_limits limits() const {
    return clock_.limits_for(side_to_move());
  }
  /// How long to wait for the side to move before its move is lost.
  std::chrono::milliseconds deadline() const {
    return clock_.deadline_for(side_to_move());
  }
  /// timeout (clocked) or stall (clockless nodes/depth): the reason to
  /// forfeit with once deadline() has passed.
  reason overdue_reason() const;
  const game::clock& clock() const {
    return clock_;
  }

  /// A player's answer. `color` must be the side to move (anything else is
  /// that side's illegal move). Charges `elapsed` to its clock first (over
  /// the allowance: timeout or stall), then: resign -> loss; declare_win ->
  /// win or illegal_declaration loss under the match's rule; a move -> loss
  /// by illegal_move unless legal, else it is played and the game checked for
  /// sennichite / perpetual check, mate / no legal move, score adjudication
  /// and max plies. Returns the end when the game is over (also when it was
  /// already over: the first end stands).
  std::optional<game_end> apply(shogi::color color, players::decision decision,
                                std::chrono::milliseconds elapsed);

  /// An ending decided outside the rules for `color`: timeout, stall,
  /// disconnect, illegal_move (e.g. unparsable bestmove), resign or error are
  /// that side's loss; cancelled gives result error. The first end stands.
  game_end forfeit(shogi::color color, reason why, std::string detail);

  /// Ends the game without a sporting result (result error).
  game_end abort(reason why, std::string detail);

  /// The record so far (final once over()). The referee does not know the
  /// game id, the player names or wall-clock times: the caller sets them.
  record::game_record record() const;

  /// Per-move entries (move, elapsed, search info), parallel to history().
  const std::vector<record::move_entry>& entries() const {
    return entries_;
  }

 private:
  void finish(result outcome, reason why, std::string detail);
  /// Plays a legal move, updates repetition, and ends the game when the new
  /// position calls for it.
  void play(shogi::move m, record::move_entry entry);

  referee_settings settings_;
  shogi::position start_;
  shogi::position position_;
  std::vector<shogi::move> moves_;
  std::vector<record::move_entry> entries_;
  repetition_table repetition_;
  game::clock clock_;
  score_adjudicator adjudicator_;
  std::optional<game_end> end_;
};

}  // namespace tourney::game
