#pragma once
// Test doubles for the runtime: a referee that stages endings without the
// rules core (any move is accepted; resign, declare, max plies, timeouts and
// player errors end games as the real referee names them), and players with
// scripted behaviour. Only for tests.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tourney/players/player.hpp"
#include "tourney/runtime/game_referee.hpp"
#include "tourney/spec/tournament_spec.hpp"

namespace tourney::test {

struct staged_options {
  /// Deadline of every move.
  std::chrono::milliseconds deadline{5000};
  /// Games (by plan index) whose referee cannot be made: result error.
  std::set<std::uint64_t> broken_games;
  /// Games whose referee throws on the first turn (the game actor crashes).
  std::set<std::uint64_t> crashing_games;
  /// The factory itself throws (a bug in the tournament's path).
  bool factory_throws = false;
};

rt::referee_factory staged_referee(staged_options options = {});

/// A spec with host players named p0..p(n-1), all using `policy`.
spec::tournament_spec host_spec(std::size_t players, int games_per_pairing, const std::string& policy,
                                int max_plies = 0);

/// Players.
std::unique_ptr<players::player> make_resigner();
std::unique_ptr<players::player> make_mover();  // plays until max plies
std::unique_ptr<players::player> make_thrower();
/// Searches until its stop flag is raised (a hung in-process player).
std::unique_ptr<players::player> make_staller();

/// A gate the test opens; players wait on it (or on their stop flag).
class gate {
 public:
  void open();
  bool is_open() const;
  /// Blocks until open or `stop` is set; returns whether it opened.
  bool wait(const std::atomic<bool>& stop);
  /// How many are waiting now / have ever waited.
  int waiting() const;
  int arrivals() const;
  /// Blocks (bounded) until at least n arrivals.
  bool wait_arrivals(int n, std::chrono::milliseconds timeout);

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = false;
  int waiting_ = 0;
  int arrivals_ = 0;
};

/// Resigns once the gate opens.
std::unique_ptr<players::player> make_gated(std::shared_ptr<gate> g);

}  // namespace tourney::test
