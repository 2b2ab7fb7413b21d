#pragma once
// Progress of one tournament: the snapshot handed to hosts (always a copy)
// and the tracker that keeps the counts consistent. Every finished game is
// exactly one of black win, white win, draw or error; completed_games counts
// them all and failed_games is the error count, so progress, standings,
// summary and JSON always agree. Rates and ETA are over the whole run (the
// original used the last round only).
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tourney/runtime/finished_game.hpp"
#include "tourney/runtime/policy_usage.hpp"
#include "tourney/runtime/status.hpp"

namespace tourney::rt {

using wall_clock = std::chrono::system_clock;

struct player_standing {
  std::string name;
  std::uint64_t played = 0;  // wins + losses + draws + errors
  std::uint64_t wins = 0;
  std::uint64_t losses = 0;
  std::uint64_t draws = 0;
  std::uint64_t errors = 0;
  double points = 0.0;  // win 1, draw 1/2
};

struct progress_snapshot {
  std::string tournament_id;
  std::string name;
  std::string folder;  // <storage>/<sanitised-name>-<id8>
  tournament_status status = tournament_status::created;
  int priority = 0;
  std::optional<std::size_t> queue_position;  // while queued: 0 = runs next
  std::uint64_t total_games = 0;
  std::uint64_t completed_games = 0;  // finished, errors included
  std::uint64_t failed_games = 0;     // finished with result error
  std::uint64_t black_wins = 0;
  std::uint64_t white_wins = 0;
  std::uint64_t draws = 0;
  std::uint64_t games_in_flight = 0;
  int current_round = 0;  // 1-based round of the latest dispatched game
  int total_rounds = 0;
  std::vector<std::string> current_matchups;  // "black vs white" of games in flight
  std::optional<wall_clock::time_point> start_time;  // set before the first RUNNING event
  std::optional<wall_clock::time_point> end_time;    // set on every terminal state
  std::optional<wall_clock::time_point> estimated_completion;
  double games_per_second = 0.0;         // completed / running time, whole run
  double average_game_duration_s = 0.0;  // mean game duration, whole run
  std::string error_message;
  /// Why games wait although the tournament runs (no game slot anywhere:
  /// every worker node is gone and there are no local slots); "" = not waiting.
  std::string waiting_reason;
  std::vector<player_standing> standings;
  /// Each batched host policy this tournament's games used, by name.
  std::vector<policy_usage> policies;

  double completion_percentage() const {
    return total_games == 0 ? 0.0
                            : 100.0 * static_cast<double>(completed_games) /
                                  static_cast<double>(total_games);
  }
  bool is_active() const {
    return rt::is_active(status);
  }
  bool is_complete() const {
    return is_terminal(status);
  }
};

/// Counts one tournament's games; produces snapshots.
class progress_tracker {
 public:
  progress_tracker(std::string id, std::string name, std::vector<std::string> players,
                   std::uint64_t total_games, int total_rounds);

  void set_folder(std::string folder) {
    folder_ = std::move(folder);
  }
  void set_priority(int p) {
    priority_ = p;
  }
  void set_status(tournament_status s) {
    status_ = s;
  }
  tournament_status status() const {
    return status_;
  }
  /// Called when the tournament first runs (and on resume after a pause, to
  /// exclude paused time from the rate).
  void mark_running(wall_clock::time_point now);
  void mark_paused(wall_clock::time_point now);
  void mark_ended(wall_clock::time_point now);
  void set_error(std::string message) {
    error_ = std::move(message);
  }
  void set_waiting(std::string reason) {
    waiting_ = std::move(reason);
  }

  void game_started(std::uint64_t index, int round, std::string matchup);
  /// A game left without a result (cancelled in flight).
  void game_abandoned(std::uint64_t index);
  void game_finished(const finished_game& g);
  /// A batched policy's call held `mine` of this tournament's positions.
  void policy_call(const std::string& policy, std::uint64_t mine, std::uint64_t batch, double seconds);

  std::uint64_t completed() const {
    return black_wins_ + white_wins_ + draws_ + errors_;
  }
  std::uint64_t total() const {
    return total_;
  }
  std::uint64_t in_flight() const {
    return in_flight_.size();
  }

  progress_snapshot snapshot(wall_clock::time_point now) const;

  /// The first player's results against each other player (the original's
  /// per_opponent_results; in a gauntlet the first player is the agent).
  const std::vector<player_standing>& first_player_versus() const {
    return versus_first_;
  }
  std::uint64_t total_plies() const {
    return total_plies_;
  }

 private:
  double running_seconds(wall_clock::time_point now) const;
  void tally_first_player(const finished_game& g);

  std::string id_;
  std::string name_;
  std::string folder_;
  std::string waiting_;
  std::string error_;
  int priority_ = 0;
  tournament_status status_ = tournament_status::created;
  std::uint64_t total_ = 0;
  int total_rounds_ = 0;
  int current_round_ = 0;
  std::uint64_t black_wins_ = 0;
  std::uint64_t white_wins_ = 0;
  std::uint64_t draws_ = 0;
  std::uint64_t errors_ = 0;
  double duration_sum_ = 0.0;
  std::optional<wall_clock::time_point> start_;
  std::optional<wall_clock::time_point> end_;
  std::optional<wall_clock::time_point> running_since_;  // nothing while paused
  double banked_running_s_ = 0.0;
  std::map<std::uint64_t, std::string> in_flight_;
  std::vector<player_standing> standings_;  // in spec order
  std::map<std::string, std::size_t> by_name_;
  std::vector<player_standing> versus_first_;  // indexed like standings_ (entry 0 unused)
  std::uint64_t total_plies_ = 0;
  std::vector<policy_usage> policies_;
};

}  // namespace tourney::rt
