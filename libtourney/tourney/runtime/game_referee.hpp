#pragma once
// What a game actor needs of a referee: whose turn it is (with a copy of the
// game so far, for players on other threads or machines), what to do with an
// answer or with no answer, and the finished game. The `game` part's
// tourney::game::referee sits behind this through an adapter; tests stage
// their own.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tourney/players/player.hpp"
#include "tourney/runtime/finished_game.hpp"
#include "tourney/schedule/openings.hpp"
#include "tourney/schedule/schedule.hpp"
#include "tourney/shogi/position.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::rt {

/// One request for a move: a self-contained copy (a player may run elsewhere).
struct turn {
  shogi::color side = shogi::color::black;
  shogi::position start;
  std::vector<shogi::move> history;
  shogi::position position;
  players::search_limits limits;
  /// How long to wait for the answer before the move is lost (clock + margin,
  /// or the clockless budget): no move ever waits forever.
  std::chrono::milliseconds deadline{5000};
};

/// Why a player gave no decision.
enum class no_decision { timeout, player_error, player_gone, illegal_move };

class game_referee {
 public:
  virtual ~game_referee() = default;
  /// The next move to ask for, or nothing when the game is over.
  virtual std::optional<turn> next_turn() = 0;
  /// The side to move answered after `elapsed`.
  virtual void on_decision(const players::decision& d, std::chrono::nanoseconds elapsed) = 0;
  /// The side to move gave no answer; the referee scores it (a loss, named).
  virtual void on_no_decision(no_decision why, const std::string& detail) = 0;
  /// A player could not be made ready before the first move (an engine that
  /// never answered `usi`): the game has no sporting result and counts for
  /// no one (result error), whichever side was to move.
  virtual void on_start_failure(const std::string& detail) = 0;
  /// The finished game (valid once next_turn() returned nothing).
  virtual finished_game result() const = 0;
};

/// What a referee is made from.
struct game_context {
  const spec::tournament_spec& spec;
  const schedule::game_assignment& game;
  /// The game's opening (openings[game.opening % size]).
  const schedule::opening& opening;
  const std::string& game_id;
};

using referee_factory = std::function<expected<std::unique_ptr<game_referee>>(const game_context&)>;

}  // namespace tourney::rt
