#include "tourney/runtime/progress.hpp"

#include <algorithm>
#include <iterator>

namespace tourney::rt {

progress_tracker::progress_tracker(std::string id, std::string name, std::vector<std::string> players,
                                   std::uint64_t total_games, int total_rounds)
    : id_(std::move(id)), name_(std::move(name)), total_(total_games), total_rounds_(total_rounds) {
  for (auto& p : players) {
    by_name_.emplace(p, standings_.size());
    standings_.push_back(player_standing{std::move(p)});
  }
  versus_first_ = standings_;
}

void progress_tracker::mark_running(wall_clock::time_point now) {
  if (!start_) {
    start_ = now;
  }
  if (!running_since_) {
    running_since_ = now;
  }
}

void progress_tracker::mark_paused(wall_clock::time_point now) {
  if (running_since_) {
    banked_running_s_ += std::chrono::duration<double>(now - *running_since_).count();
    running_since_.reset();
  }
}

void progress_tracker::mark_ended(wall_clock::time_point now) {
  mark_paused(now);
  end_ = now;
  in_flight_.clear();
}

double progress_tracker::running_seconds(wall_clock::time_point now) const {
  double s = banked_running_s_;
  if (running_since_) {
    s += std::chrono::duration<double>(now - *running_since_).count();
  }
  return s;
}

void progress_tracker::game_started(std::uint64_t index, int round, std::string matchup) {
  in_flight_[index] = std::move(matchup);
  if (round + 1 > current_round_) {
    current_round_ = round + 1;
  }
}

void progress_tracker::game_abandoned(std::uint64_t index) {
  in_flight_.erase(index);
}

void progress_tracker::game_finished(const finished_game& g) {
  in_flight_.erase(g.index);
  duration_sum_ += g.duration_s;
  total_plies_ += static_cast<std::uint64_t>(g.plies < 0 ? 0 : g.plies);
  tally_first_player(g);
  auto black = by_name_.find(g.black);
  auto white = by_name_.find(g.white);
  auto tally = [&](decltype(black) it, double points, std::uint64_t player_standing::*field) {
    if (it == by_name_.end()) {
      return;
    }
    auto& s = standings_[it->second];
    ++s.played;
    ++(s.*field);
    s.points += points;
  };
  switch (g.result) {
    case game::result::black_win:
      ++black_wins_;
      tally(black, 1.0, &player_standing::wins);
      tally(white, 0.0, &player_standing::losses);
      break;
    case game::result::white_win:
      ++white_wins_;
      tally(black, 0.0, &player_standing::losses);
      tally(white, 1.0, &player_standing::wins);
      break;
    case game::result::draw:
      ++draws_;
      tally(black, 0.5, &player_standing::draws);
      tally(white, 0.5, &player_standing::draws);
      break;
    case game::result::error:
      ++errors_;
      tally(black, 0.0, &player_standing::errors);
      tally(white, 0.0, &player_standing::errors);
      break;
  }
}

void progress_tracker::tally_first_player(const finished_game& g) {
  if (standings_.empty()) {
    return;
  }
  const auto& first = standings_.front().name;
  const bool first_black = g.black == first;
  if (!first_black && g.white != first) {
    return;
  }
  auto other = by_name_.find(first_black ? g.white : g.black);
  if (other == by_name_.end()) {
    return;
  }
  auto& s = versus_first_[other->second];
  ++s.played;
  switch (g.result) {
    case game::result::black_win:
    case game::result::white_win:
      if ((g.result == game::result::black_win) == first_black) {
        ++s.wins;
        s.points += 1.0;
      } else {
        ++s.losses;
      }
      break;
    case game::result::draw:
      ++s.draws;
      s.points += 0.5;
      break;
    case game::result::error:
      ++s.errors;
      break;
  }
}

void progress_tracker::policy_call(const std::string& policy, std::uint64_t mine, std::uint64_t batch,
                                   double seconds) {
  auto it = std::find_if(policies_.begin(), policies_.end(),
                         [&](const policy_usage& u) { return u.policy == policy; });
  if (it == policies_.end()) {
    policies_.push_back(policy_usage{policy});
    it = std::prev(policies_.end());
  }
  it->add_call(mine, batch, seconds);
}

progress_snapshot progress_tracker::snapshot(wall_clock::time_point now) const {
  progress_snapshot s;
  s.tournament_id = id_;
  s.name = name_;
  s.folder = folder_;
  s.status = status_;
  s.priority = priority_;
  s.total_games = total_;
  s.completed_games = completed();
  s.failed_games = errors_;
  s.black_wins = black_wins_;
  s.white_wins = white_wins_;
  s.draws = draws_;
  s.games_in_flight = in_flight_.size();
  s.current_round = current_round_;
  s.total_rounds = total_rounds_;
  s.current_matchups.reserve(in_flight_.size());
  for (const auto& [index, m] : in_flight_) {
    s.current_matchups.push_back(m);
  }
  s.start_time = start_;
  s.end_time = end_;
  s.error_message = error_;
  s.waiting_reason = waiting_;
  s.standings = standings_;
  s.policies = policies_;
  const auto done = completed();
  if (done > 0) {
    s.average_game_duration_s = duration_sum_ / static_cast<double>(done);
    const double secs = running_seconds(end_ ? *end_ : now);
    if (secs > 0) {
      s.games_per_second = static_cast<double>(done) / secs;
    }
    if (!end_ && status_ == tournament_status::running && s.games_per_second > 0 && done < total_) {
      const double left = static_cast<double>(total_ - done) / s.games_per_second;
      s.estimated_completion =
          now + std::chrono::duration_cast<wall_clock::duration>(std::chrono::duration<double>(left));
    }
  }
  return s;
}

}  // namespace tourney::rt
