#include "progress_printer.hpp"

#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "tourney/stats/counts.hpp"
#include "tourney/stats/elo.hpp"

namespace tourney::app {

namespace {

double seconds_since_epoch(std::chrono::system_clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

std::string clock_text(double seconds) {
  auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  if (s >= 3600) {
    return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  }
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string elo_text(const player_standing& p) {
  stats::wdl_counts wdl{p.wins, p.losses, p.draws};
  if (wdl.games() == 0) {
    return "Elo -";
  }
  auto e = stats::trinomial_elo(wdl);
  if (!e.elo) {
    return wdl.wins > wdl.losses ? "Elo +inf" : "Elo -inf";
  }
  if (e.elo_error95) {
    return fmt::format("Elo {:+.0f} \u00b1{:.0f}", *e.elo, *e.elo_error95);
  }
  return fmt::format("Elo {:+.0f} (interval unbounded)", *e.elo);
}

}  // namespace

nlohmann::json event_to_json(const tournament_event& event) {
  const auto& s = event.snapshot;
  const char* kind = event.kind == event_kind::terminal ? "terminal"
                     : event.kind == event_kind::status ? "status"
                                                        : "progress";
  nlohmann::json standings = nlohmann::json::array();
  for (const auto& p : s.standings) {
    standings.push_back({{"name", p.name},
                         {"played", p.played},
                         {"wins", p.wins},
                         {"losses", p.losses},
                         {"draws", p.draws},
                         {"errors", p.errors},
                         {"points", p.points}});
  }
  nlohmann::json j{{"event", kind},
                   {"tournament_id", s.tournament_id},
                   {"name", s.name},
                   {"status", std::string(rt::to_string(s.status))},
                   {"total_games", s.total_games},
                   {"completed_games", s.completed_games},
                   {"failed_games", s.failed_games},
                   {"black_wins", s.black_wins},
                   {"white_wins", s.white_wins},
                   {"draws", s.draws},
                   {"games_in_flight", s.games_in_flight},
                   {"games_per_second", s.games_per_second},
                   {"average_game_duration_s", s.average_game_duration_s},
                   {"folder", s.folder},
                   {"standings", standings}};
  if (s.estimated_completion) {
    j["eta_unix_s"] = seconds_since_epoch(*s.estimated_completion);
  }
  if (!s.error_message.empty()) {
    j["error"] = s.error_message;
  }
  if (!s.waiting_reason.empty()) {
    j["waiting"] = s.waiting_reason;
  }
  return j;
}

std::string progress_line(const progress_snapshot& s) {
  std::string line = fmt::format("{}/{} games", s.completed_games, s.total_games);
  if (!s.standings.empty()) {
    const auto& p = s.standings.front();
    line += fmt::format("  {} +{} -{} ={}", p.name, p.wins, p.losses, p.draws);
    if (p.errors > 0) {
      line += fmt::format(" errors {}", p.errors);
    }
    line += "  " + elo_text(p);
  }
  line += fmt::format("  {:.1f} games/s", s.games_per_second);
  if (s.estimated_completion && !s.is_complete()) {
    auto left = seconds_since_epoch(*s.estimated_completion) -
                seconds_since_epoch(std::chrono::system_clock::now());
    line += "  ETA " + clock_text(left);
  }
  if (s.status == rt::tournament_status::paused) {
    line += "  (paused)";
  }
  if (!s.waiting_reason.empty()) {
    line += "  (" + s.waiting_reason + ")";
  }
  return line;
}

progress_printer::progress_printer(progress_style style, std::FILE* out)
    : style_(style), out_(out) {}

bool write_out(std::FILE* out, std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), out) != text.size()) {
    std::clearerr(out);
    return false;
  }
  if (std::fflush(out) != 0) {
    std::clearerr(out);
    return false;
  }
  return true;
}

bool progress_printer::put(std::string_view text) {
  if (!gone_ && !write_out(out_, text)) {
    gone_ = true;
  }
  return !gone_;
}

bool progress_printer::show(const tournament_event& event) {
  switch (style_) {
    case progress_style::none:
      return true;
    case progress_style::json:
      return put(event_to_json(event).dump() + "\n");
    case progress_style::line:
      // \r and erase-line keep one live line on the terminal.
      line_open_ = true;
      if (!put("\r\033[K" + progress_line(event.snapshot))) {
        return false;
      }
      if (event.kind == event_kind::terminal) {
        finish();
      }
      return !gone_;
  }
  return true;
}

void progress_printer::finish() {
  if (line_open_) {
    line_open_ = false;
    put("\n");
  }
}

}  // namespace tourney::app
