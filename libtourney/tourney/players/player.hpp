#pragma once
// The in-process player contract: built-in players and a host's own policy
// objects (a trainer's network) implement it. The runtime wraps each one in a
// player actor; USI engines and remote players sit behind the same actor
// interface, so tournaments and games never know where a player lives.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tourney/shogi/position.hpp"
#include "tourney/shogi/types.hpp"

namespace tourney::players {

/// What a player may spend on one move, as USI `go` would say it. The
/// referee keeps the real clocks; these are the values it reports.
struct search_limits {
  std::chrono::milliseconds black_time{0};  // btime: remaining main time
  std::chrono::milliseconds white_time{0};  // wtime
  std::chrono::milliseconds byoyomi{0};
  std::chrono::milliseconds black_increment{0};  // binc (Fischer)
  std::chrono::milliseconds white_increment{0};  // winc
  std::optional<std::uint64_t> nodes;
  std::optional<int> depth;
  std::optional<std::chrono::milliseconds> movetime;
  bool clockless() const {
    return black_time.count() == 0 && white_time.count() == 0 && byoyomi.count() == 0 &&
           black_increment.count() == 0 && white_increment.count() == 0 && !movetime;
  }
};

/// One request for a move. `history` holds the moves from `start` to
/// `position` for players that need them (networks with history planes,
/// USI engines that want `position ... moves ...`).
struct move_request {
  const shogi::position& start;
  const std::vector<shogi::move>& history;
  const shogi::position& position;
  const search_limits& limits;
  /// Set by the runtime when the game is cancelled or the move's deadline
  /// passed; a searching player must return promptly once it is set.
  const std::atomic<bool>& stop;
};

/// What a player answers. `score_cp`/`mate_in`, `depth`, `nodes` and `pv` are
/// optional search information kept with the move in the record.
struct decision {
  enum class kind : std::uint8_t { move, resign, declare_win };
  kind what = kind::move;
  shogi::move chosen{};
  std::optional<int> score_cp;
  std::optional<int> mate_in;  // plies; negative when being mated
  std::optional<int> depth;
  std::optional<std::uint64_t> nodes;
  std::vector<std::string> pv;  // USI moves

  static decision play(shogi::move m) {
    decision d;
    d.chosen = m;
    return d;
  }
  static decision resign() {
    decision d;
    d.what = kind::resign;
    return d;
  }
  static decision declare_win() {
    decision d;
    d.what = kind::declare_win;
    return d;
  }
};

class player {
 public:
  virtual ~player() = default;
  /// Called once before each game (seeded players reseed here).
  virtual void new_game(std::uint64_t game_seed) {
    (void)game_seed;
  }
  /// Never called when the side to move has no legal move (the referee ends
  /// such games itself). May throw; the runtime scores an exception as the
  /// player's loss with reason `error` and keeps the tournament going.
  virtual decision decide(const move_request& request) = 0;
};

}  // namespace tourney::players
