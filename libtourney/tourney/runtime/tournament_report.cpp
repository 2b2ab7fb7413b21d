#include "tourney/runtime/tournament_report.hpp"

#include "tourney/durable/saved_tournament.hpp"

#include <ctime>

#include <fmt/format.h>

namespace tourney::rt {

namespace {

double ratio(std::uint64_t a, std::uint64_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

nlohmann::json optional_time(const std::optional<wall_clock::time_point>& t) {
  return t ? nlohmann::json(iso_time(*t)) : nlohmann::json(nullptr);
}

}  // namespace

std::string iso_time(wall_clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
}

nlohmann::json tournament_json(const report_input& in, wall_clock::time_point now) {
  const auto& s = in.snapshot;
  using nlohmann::json;
  std::string agent = s.standings.empty() ? std::string() : s.standings.front().name;

  // The first player's view (the agent of a gauntlet).
  std::uint64_t wins = 0, losses = 0, draws = 0, errors = 0;
  json per_opponent = json::object();
  for (std::size_t i = 1; i < in.first_player_versus.size(); ++i) {
    const auto& v = in.first_player_versus[i];
    wins += v.wins;
    losses += v.losses;
    draws += v.draws;
    errors += v.errors;
    per_opponent[v.name] = {{"played", v.played}, {"wins", v.wins},     {"losses", v.losses},
                            {"draws", v.draws},   {"errors", v.errors}, {"win_rate", ratio(v.wins, v.played)}};
  }
  const std::uint64_t agent_games = wins + losses + draws + errors;

  json standings = json::array();
  for (const auto& p : s.standings) {
    standings.push_back({{"name", p.name},
                         {"played", p.played},
                         {"wins", p.wins},
                         {"losses", p.losses},
                         {"draws", p.draws},
                         {"errors", p.errors},
                         {"points", p.points}});
  }
  double duration = 0.0;
  if (s.start_time && s.end_time) {
    duration = std::chrono::duration<double>(*s.end_time - *s.start_time).count();
  }
  json j;
  j["tournament_id"] = s.tournament_id;
  j["name"] = s.name;
  j["status"] = std::string(to_string(s.status));
  j["context"] = {
      {"session_id", s.tournament_id},
      {"timestamp", optional_time(s.start_time)},
      {"agent_info", {{"name", agent}}},
      {"configuration", in.spec},
      {"environment_info", {{"tournament_mode", "background"}, {"tournament_id", s.tournament_id}}},
      {"metadata", json::object()},
  };
  j["timestamp"] = iso_time(now);
  // Every finished game, errors included; equal to summary_stats.total_games
  // in a gauntlet (every game involves the agent).
  // Issue 5's stable interface: total_games is the planned number of games
  // (resume rebuilds the same plan); completed_games counts the finished.
  j["total_games"] = s.total_games;
  j["planned_games"] = s.total_games;
  j["completed_games"] = s.completed_games;
  j["format_version"] = durable::folder_format_version;
  j["summary_stats"] = {
      {"total_games", agent_games},
      {"agent_wins", wins},
      {"opponent_wins", losses},
      {"draws", draws},
      {"errors", errors},
      {"win_rate", ratio(wins, agent_games)},
      {"loss_rate", ratio(losses, agent_games)},
      {"draw_rate", ratio(draws, agent_games)},
      {"avg_game_length", ratio(in.total_plies, s.completed_games)},
  };
  j["analytics_data"] = {
      {"tournament_specific_analytics",
       {{"overall_tournament_stats",
         {{"total_games", agent_games},
          {"agent_total_wins", wins},
          {"agent_total_losses", losses},
          {"agent_total_draws", draws},
          {"agent_total_errors", errors},
          {"agent_overall_win_rate", ratio(wins, agent_games)}}},
        {"per_opponent_results", per_opponent}}}};
  j["errors"] = in.errors;
  j["results"] = {{"black_wins", s.black_wins},
                  {"white_wins", s.white_wins},
                  {"draws", s.draws},
                  {"errors", s.failed_games}};
  j["timing"] = {{"start_time", optional_time(s.start_time)},
                 {"end_time", optional_time(s.end_time)},
                 {"duration_s", duration},
                 {"games_per_second", s.games_per_second},
                 {"average_game_duration_s", s.average_game_duration_s}};
  j["standings"] = standings;
  if (!s.policies.empty()) {
    json policies = json::array();
    for (const auto& u : s.policies) {
      policies.push_back({{"policy", u.policy},
                          {"calls", u.calls},
                          {"positions", u.positions},
                          {"mean_batch", u.mean_batch()},
                          {"largest_batch", u.largest_batch},
                          {"evaluate_seconds", u.evaluate_seconds},
                          {"positions_per_second", u.positions_per_second()}});
    }
    j["batched_policies"] = policies;
  }
  j["error_message"] = s.error_message;
  j["spec"] = in.spec;
  j["statistics"] = in.statistics.is_null() ? json::object() : in.statistics;
  return j;
}

}  // namespace tourney::rt
