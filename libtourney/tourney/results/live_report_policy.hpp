#pragma once
// When a running tournament's report.html is rewritten: often enough that a
// browser refresh shows progress, rarely enough that a tournament of instant
// games does not spend its persistence thread on HTML. Rewrites coalesce: at
// most one per `every_games` newly finished games and per `min_interval`; a
// rewrite that is not due yet is scheduled for when it is (so the last games
// before a lull show up), and the tournament's end always writes a final one.
// Pure: time is an argument; the persistence actor acts on the answers.
#include <chrono>
#include <cstdint>
#include <optional>

namespace tourney::results {

struct live_report_options {
  /// Off by default: <folder>/report.html is written only when asked for.
  bool enabled = false;
  /// At least this many newly finished games between rewrites (at least 1).
  std::uint64_t every_games = 1;
  /// At least this long between rewrites.
  std::chrono::milliseconds min_interval{std::chrono::seconds(1)};
};

class live_report_policy {
 public:
  using clock = std::chrono::steady_clock;

  explicit live_report_policy(live_report_options options);

  /// After `finished` games are durable: when to rewrite (now or later), or
  /// nothing (too few new games, or a rewrite is already scheduled).
  [[nodiscard]] std::optional<clock::time_point> on_committed(std::uint64_t finished, clock::time_point now);

  /// A rewrite showing `finished` games was written at `now`; the next
  /// on_committed may schedule again.
  void rewritten(std::uint64_t finished, clock::time_point now);

  bool scheduled() const {
    return scheduled_;
  }

 private:
  live_report_options options_;
  std::uint64_t shown_ = 0;  // games in the last rewrite
  std::optional<clock::time_point> last_;
  bool scheduled_ = false;
};

}  // namespace tourney::results
