#pragma once
// When to call a batched host policy, as a pure state machine (no I/O, no
// threads, no clock of its own: `now` comes with the events).
//
// Games that use the policy join, and each joined game is in one of three
// states: expected (the policy is to move, or the game just got its answer
// and has not said what comes next), asked (its request waits in the queue
// or is inside a call), or waiting on its opponent (another player thinks:
// it does not hold the batch back). The rule is minigo's batcher: a call
// starts as soon as every joined game has either asked or is waiting on its
// opponent, or the queue holds max_batch requests, or (only when the host
// set a longest wait) the oldest request has waited that long; and never
// while max_calls_in_flight calls run. A call takes the oldest max_batch
// requests.
//
// The owner (the batcher actor) feeds it joins, asks, waits, leaves (a game
// that ended, also from a down message), finished calls and due timers, and
// carries out what it returns: start_call -> hand those requests to the call
// thread; arm_flush_timer -> call flush_due(now) at that time.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <vector>

namespace tourney::rt {

struct batch_gatherer_config {
  /// Most requests in one call.
  std::size_t max_batch = 256;
  /// Calls running at once (a GPU serialises them: 1).
  std::size_t max_calls_in_flight = 1;
  /// A request waits at most this long for others (none: no timer at all).
  std::optional<std::chrono::nanoseconds> max_wait;
};

/// Hand these requests (oldest first) to the policy in one call.
struct start_call {
  std::uint64_t call = 0;
  std::vector<std::uint64_t> requests;
};
using start_calls = std::vector<start_call>;

class batch_gatherer {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  explicit batch_gatherer(batch_gatherer_config config);

  // ---- Games ---------------------------------------------------------------

  /// A game that will ask (an unknown game that asks or waits joins too).
  void join(std::uint64_t game);
  /// The game's request `request` (ids unique for this gatherer). A game
  /// has at most one request at a time: a second one replaces nothing and
  /// is queued too (a referee never asks twice, but the count stays right).
  [[nodiscard]] start_calls ask(std::uint64_t game, std::uint64_t request, time_point now);
  /// The game waits on its opponent: it no longer holds the batch back.
  [[nodiscard]] start_calls wait_opponent(std::uint64_t game, time_point now);
  /// The game ended (or its actor did): its queued requests are dropped and
  /// returned, so the owner can drop their payloads.
  struct left {
    std::vector<std::uint64_t> dropped;
    start_calls calls;
  };
  [[nodiscard]] left leave(std::uint64_t game, time_point now);

  // ---- Calls ---------------------------------------------------------------

  /// The call ended; its games are expected again (they will ask or wait).
  [[nodiscard]] start_calls call_done(std::uint64_t call, time_point now);
  /// A flush timer came due (only with max_wait).
  [[nodiscard]] start_calls flush_due(time_point now);
  /// When the owner should call flush_due next (max_wait only; nothing
  /// queued or no max_wait: none).
  std::optional<time_point> next_flush() const;

  // ---- State ---------------------------------------------------------------

  std::size_t games() const {
    return games_.size();
  }
  std::size_t queued() const {
    return queue_.size();
  }
  std::size_t expected() const {
    return expected_;
  }
  std::size_t calls_in_flight() const {
    return calls_.size();
  }

 private:
  enum class game_state : std::uint8_t { expected, asked, waiting };
  struct queued_request {
    std::uint64_t game = 0;
    std::uint64_t request = 0;
    time_point since;
  };
  void set_state(std::uint64_t game, game_state next);
  start_calls maybe_start(time_point now);
  std::optional<start_call> take_call(time_point now);

  batch_gatherer_config config_;
  std::map<std::uint64_t, game_state> games_;
  std::size_t expected_ = 0;
  std::deque<queued_request> queue_;
  /// Games of each running call (expected again when it ends).
  std::map<std::uint64_t, std::vector<std::uint64_t>> calls_;
  std::uint64_t next_call_ = 1;
};

}  // namespace tourney::rt
