// Progress snapshots, standings, Elo and events as Python objects: read-only
// copies with the names keisei's TournamentProgress used (status,
// total_games, completed_games, failed_games, completion_percentage,
// is_active, is_complete, games_per_second, standings, ...) plus tourney's
// own (Elo with its 95% interval, ETA, batched-policy usage).
#include <pybind11/stl.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "common.hpp"
#include "tourney/runtime.hpp"
#include "tourney/stats/counts.hpp"
#include "tourney/stats/elo.hpp"

namespace tourney::python {

namespace {

using wall_clock = std::chrono::system_clock;

double unix_seconds(wall_clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

/// A timezone-aware UTC datetime, or None.
py::object as_datetime(const std::optional<wall_clock::time_point>& t) {
  if (!t) {
    return py::none();
  }
  auto datetime = py::module_::import("datetime");
  return datetime.attr("datetime").attr("fromtimestamp")(unix_seconds(*t),
                                                          datetime.attr("timezone").attr("utc"));
}

py::object as_float(const std::optional<double>& x) {
  return x ? py::object(py::float_(*x)) : py::object(py::none());
}

py::object or_none(const std::string& s) {
  return s.empty() ? py::object(py::none()) : py::object(py::str(s));
}

std::optional<stats::elo_estimate> standing_elo(const player_standing& p) {
  stats::wdl_counts wdl{p.wins, p.losses, p.draws};
  if (wdl.games() == 0) {
    return std::nullopt;
  }
  return stats::trinomial_elo(wdl);
}

std::optional<double> eta_seconds(const progress_snapshot& s) {
  if (!s.estimated_completion || s.is_complete()) {
    return std::nullopt;
  }
  auto left = std::chrono::duration<double>(*s.estimated_completion - wall_clock::now()).count();
  return std::max(0.0, left);
}

const char* kind_name(event_kind k) {
  switch (k) {
    case event_kind::status:
      return "status";
    case event_kind::progress:
      return "progress";
    case event_kind::terminal:
      return "terminal";
  }
  return "progress";
}

py::dict elo_dict(const stats::elo_estimate& e) {
  py::dict d;
  d["samples"] = e.samples;
  d["score"] = as_float(e.score);
  d["elo"] = as_float(e.elo);
  d["elo_lower95"] = as_float(e.elo_lower95);
  d["elo_upper95"] = as_float(e.elo_upper95);
  d["elo_error95"] = as_float(e.elo_error95);
  d["los"] = as_float(e.los);
  return d;
}

py::dict standing_dict(const player_standing& p) {
  py::dict d;
  d["name"] = p.name;
  d["played"] = p.played;
  d["wins"] = p.wins;
  d["losses"] = p.losses;
  d["draws"] = p.draws;
  d["errors"] = p.errors;
  d["points"] = p.points;
  auto e = standing_elo(p);
  d["elo"] = e ? py::object(elo_dict(*e)) : py::object(py::none());
  return d;
}

py::dict usage_dict(const policy_usage& u) {
  py::dict d;
  d["policy"] = u.policy;
  d["calls"] = u.calls;
  d["positions"] = u.positions;
  d["batched"] = u.batched;
  d["largest_batch"] = u.largest_batch;
  d["evaluate_seconds"] = u.evaluate_seconds;
  d["mean_batch"] = u.mean_batch();
  d["positions_per_second"] = u.positions_per_second();
  return d;
}

py::dict progress_dict(const progress_snapshot& s) {
  py::dict d;
  d["tournament_id"] = s.tournament_id;
  d["name"] = s.name;
  d["folder"] = s.folder;
  d["status"] = std::string(rt::to_string(s.status));
  d["priority"] = s.priority;
  d["queue_position"] = s.queue_position ? py::object(py::int_(*s.queue_position)) : py::object(py::none());
  d["total_games"] = s.total_games;
  d["completed_games"] = s.completed_games;
  d["failed_games"] = s.failed_games;
  d["black_wins"] = s.black_wins;
  d["white_wins"] = s.white_wins;
  d["draws"] = s.draws;
  d["games_in_flight"] = s.games_in_flight;
  d["current_round"] = s.current_round;
  d["total_rounds"] = s.total_rounds;
  d["current_matchups"] = s.current_matchups;
  d["start_time"] = as_datetime(s.start_time);
  d["end_time"] = as_datetime(s.end_time);
  d["estimated_completion"] = as_datetime(s.estimated_completion);
  d["eta_seconds"] = as_float(eta_seconds(s));
  d["games_per_second"] = s.games_per_second;
  d["average_game_duration"] = s.average_game_duration_s;
  d["error_message"] = or_none(s.error_message);
  d["waiting_reason"] = or_none(s.waiting_reason);
  d["completion_percentage"] = s.completion_percentage();
  d["is_active"] = s.is_active();
  d["is_complete"] = s.is_complete();
  py::list standings;
  for (const auto& p : s.standings) {
    standings.append(standing_dict(p));
  }
  d["standings"] = standings;
  py::list policies;
  for (const auto& u : s.policies) {
    policies.append(usage_dict(u));
  }
  d["policies"] = policies;
  return d;
}

}  // namespace

void bind_snapshots(py::module_& m) {
  py::class_<stats::elo_estimate>(m, "Elo",
                                  "An Elo difference with its 95% confidence interval, from win/loss/draw\n"
                                  "counts (normal approximation, as fastchess and cutechess compute it).\n"
                                  "Values that do not exist are None: a score of 0 or 1 has no finite Elo,\n"
                                  "an interval end at score 0 or 1 is unbounded.")
      .def_readonly("samples", &stats::elo_estimate::samples, "Games the estimate rests on.")
      .def_property_readonly("score", [](const stats::elo_estimate& e) { return e.score; },
                             "Mean score per game in [0, 1].")
      .def_property_readonly("elo", [](const stats::elo_estimate& e) { return e.elo; },
                             "The Elo difference (None when the score is 0 or 1).")
      .def_property_readonly("lower95", [](const stats::elo_estimate& e) { return e.elo_lower95; },
                             "Lower end of the 95% interval (None: unbounded).")
      .def_property_readonly("upper95", [](const stats::elo_estimate& e) { return e.elo_upper95; },
                             "Upper end of the 95% interval (None: unbounded).")
      .def_property_readonly("error95", [](const stats::elo_estimate& e) { return e.elo_error95; },
                             "Half width of the 95% interval (None unless both ends are finite).")
      .def_property_readonly("los", [](const stats::elo_estimate& e) { return e.los; },
                             "Likelihood of superiority, P(elo > 0).")
      .def_property_readonly("bounded", &stats::elo_estimate::bounded,
                             "Whether the Elo and both interval ends are finite.")
      .def("to_dict", &elo_dict, "The fields as a dict (JSON-ready).")
      .def("__repr__", [](const stats::elo_estimate& e) {
        if (!e.elo) {
          return std::string("<Elo none (score ") + (e.score && *e.score >= 0.5 ? "1" : "0") + ")>";
        }
        char text[96];
        if (e.elo_error95) {
          std::snprintf(text, sizeof text, "<Elo %+.1f +/- %.1f>", *e.elo, *e.elo_error95);
        } else {
          std::snprintf(text, sizeof text, "<Elo %+.1f (interval unbounded)>", *e.elo);
        }
        return std::string(text);
      });

  py::class_<player_standing>(m, "Standing", "One player's results in a tournament (copies).")
      .def_readonly("name", &player_standing::name)
      .def_readonly("played", &player_standing::played, "wins + losses + draws + errors")
      .def_readonly("wins", &player_standing::wins)
      .def_readonly("losses", &player_standing::losses)
      .def_readonly("draws", &player_standing::draws)
      .def_readonly("errors", &player_standing::errors, "Games that ended by error (counted for no one).")
      .def_readonly("points", &player_standing::points, "win 1, draw 1/2")
      .def_property_readonly("elo", &standing_elo,
                             "Elo against the field it played, with its 95% interval (tourney.Elo), from\n"
                             "its wins, losses and draws; None before its first decided game.")
      .def("to_dict", &standing_dict, "The fields as a dict (JSON-ready).")
      .def("__repr__", [](const player_standing& p) {
        return "<Standing " + p.name + " +" + std::to_string(p.wins) + " -" + std::to_string(p.losses) + " =" +
               std::to_string(p.draws) + ">";
      });

  py::class_<policy_usage>(m, "PolicyUsage",
                           "How a tournament used a batched host policy: the calls that held at least one\n"
                           "of its positions. Batch sizes and times count whole calls (a call may also\n"
                           "hold other tournaments' positions).")
      .def_readonly("policy", &policy_usage::policy, "The registered name.")
      .def_readonly("calls", &policy_usage::calls)
      .def_readonly("positions", &policy_usage::positions, "This tournament's positions evaluated.")
      .def_readonly("batched", &policy_usage::batched, "Positions in those calls, all tournaments.")
      .def_readonly("largest_batch", &policy_usage::largest_batch)
      .def_readonly("evaluate_seconds", &policy_usage::evaluate_seconds, "Time inside the policy, summed.")
      .def_property_readonly("mean_batch", &policy_usage::mean_batch, "batched / calls")
      .def_property_readonly("positions_per_second", &policy_usage::positions_per_second)
      .def("to_dict", &usage_dict, "The fields as a dict (JSON-ready).")
      .def("__repr__", [](const policy_usage& u) {
        char text[160];
        std::snprintf(text, sizeof text, "<PolicyUsage %s: %llu calls, mean batch %.2f>", u.policy.c_str(),
                      static_cast<unsigned long long>(u.calls), u.mean_batch());
        return std::string(text);
      });

  py::class_<progress_snapshot>(
      m, "Progress",
      "A copy of one tournament's progress (keisei's TournamentProgress names, plus\n"
      "tourney's own). Every finished game is exactly one of black win, white win,\n"
      "draw or error: completed_games counts them all, failed_games the errors.")
      .def_readonly("tournament_id", &progress_snapshot::tournament_id)
      .def_readonly("name", &progress_snapshot::name)
      .def_readonly("folder", &progress_snapshot::folder, "The results folder, <storage>/<name>-<id8>.")
      .def_property_readonly(
          "status", [](const progress_snapshot& s) { return std::string(rt::to_string(s.status)); },
          "'created' (queued), 'running', 'paused', 'completed', 'failed' or 'cancelled'.")
      .def_readonly("priority", &progress_snapshot::priority)
      .def_property_readonly(
          "queue_position", [](const progress_snapshot& s) { return s.queue_position; },
          "While queued: 0 = runs next; else None.")
      .def_readonly("total_games", &progress_snapshot::total_games, "Planned games.")
      .def_readonly("completed_games", &progress_snapshot::completed_games, "Finished games, errors included.")
      .def_readonly("failed_games", &progress_snapshot::failed_games, "Finished games with result error.")
      .def_readonly("black_wins", &progress_snapshot::black_wins)
      .def_readonly("white_wins", &progress_snapshot::white_wins)
      .def_readonly("draws", &progress_snapshot::draws)
      .def_readonly("games_in_flight", &progress_snapshot::games_in_flight)
      .def_readonly("current_round", &progress_snapshot::current_round, "1-based round of the latest game.")
      .def_readonly("total_rounds", &progress_snapshot::total_rounds)
      .def_readonly("current_matchups", &progress_snapshot::current_matchups,
                    "'black vs white' of every game in flight.")
      .def_property_readonly(
          "current_matchup",
          [](const progress_snapshot& s) {
            return s.current_matchups.empty() ? py::object(py::none()) : py::object(py::str(s.current_matchups[0]));
          },
          "The first game in flight's 'black vs white' (keisei's field), or None.")
      .def_property_readonly(
          "start_time", [](const progress_snapshot& s) { return as_datetime(s.start_time); },
          "When it first ran (aware UTC datetime), or None.")
      .def_property_readonly(
          "end_time", [](const progress_snapshot& s) { return as_datetime(s.end_time); },
          "When it ended (aware UTC datetime), or None.")
      .def_property_readonly(
          "estimated_completion", [](const progress_snapshot& s) { return as_datetime(s.estimated_completion); },
          "When it is expected to end, from the rate over the whole run; or None.")
      .def_property_readonly("eta_seconds", &eta_seconds,
                             "Seconds left by that estimate (None when unknown or finished).")
      .def_readonly("games_per_second", &progress_snapshot::games_per_second, "Over the whole running time.")
      .def_readonly("average_game_duration", &progress_snapshot::average_game_duration_s,
                    "Mean game duration in seconds.")
      .def_property_readonly(
          "error_message", [](const progress_snapshot& s) { return or_none(s.error_message); },
          "Why it failed, or None.")
      .def_property_readonly(
          "waiting_reason", [](const progress_snapshot& s) { return or_none(s.waiting_reason); },
          "Why games wait although it runs (no game slot anywhere), or None.")
      .def_property_readonly("completion_percentage", &progress_snapshot::completion_percentage,
                             "completed_games / total_games * 100 (0 when there are no games).")
      .def_property_readonly("is_active", &progress_snapshot::is_active, "Running or paused.")
      .def_property_readonly("is_complete", &progress_snapshot::is_complete, "Completed, failed or cancelled.")
      .def_readonly("standings", &progress_snapshot::standings, "A tourney.Standing per player, in spec order.")
      .def_property_readonly(
          "elo",
          [](const progress_snapshot& s) {
            return s.standings.empty() ? std::nullopt : standing_elo(s.standings.front());
          },
          "The first player's Elo against the others (in a gauntlet: the agent's), with its\n"
          "95% interval (tourney.Elo); None before its first decided game.")
      .def_readonly("policies", &progress_snapshot::policies,
                    "A tourney.PolicyUsage per batched host policy its games used.")
      .def("to_dict", &progress_dict, "Every field as a dict (datetimes stay datetimes).")
      .def("__repr__", [](const progress_snapshot& s) {
        return "<Progress " + s.tournament_id.substr(0, 8) + " " + s.name + " " +
               std::string(rt::to_string(s.status)) + " " + std::to_string(s.completed_games) + "/" +
               std::to_string(s.total_games) + ">";
      });

  py::class_<tournament_event>(m, "Event",
                               "One event of a tournament: kind 'status' (queued, running, paused,\n"
                               "resumed), 'progress' (a game finished; may be coalesced) or 'terminal'\n"
                               "(completed, failed or cancelled: exactly one per tournament, its last).")
      .def_property_readonly(
          "kind", [](const tournament_event& e) { return kind_name(e.kind); }, "'status', 'progress' or 'terminal'.")
      .def_readonly("snapshot", &tournament_event::snapshot, "The tournament's tourney.Progress at the event.")
      .def_property_readonly(
          "tournament_id", [](const tournament_event& e) { return e.snapshot.tournament_id; })
      .def_property_readonly(
          "status", [](const tournament_event& e) { return std::string(rt::to_string(e.snapshot.status)); })
      .def_property_readonly(
          "is_terminal", [](const tournament_event& e) { return e.kind == event_kind::terminal; })
      .def("to_dict",
           [](const tournament_event& e) {
             py::dict d = progress_dict(e.snapshot);
             d["event"] = kind_name(e.kind);
             return d;
           },
           "The snapshot's dict plus 'event': the kind.")
      .def("__repr__", [](const tournament_event& e) {
        return std::string("<Event ") + kind_name(e.kind) + " " + e.snapshot.tournament_id.substr(0, 8) + " " +
               std::string(rt::to_string(e.snapshot.status)) + " " + std::to_string(e.snapshot.completed_games) +
               "/" + std::to_string(e.snapshot.total_games) + ">";
      });
}

}  // namespace tourney::python
