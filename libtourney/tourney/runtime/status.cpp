#include "tourney/runtime/status.hpp"

#include <string>

namespace tourney::rt {

std::string_view to_string(tournament_status s) {
  switch (s) {
    case tournament_status::created:
      return "created";
    case tournament_status::running:
      return "running";
    case tournament_status::paused:
      return "paused";
    case tournament_status::completed:
      return "completed";
    case tournament_status::failed:
      return "failed";
    case tournament_status::cancelled:
      return "cancelled";
  }
  return "unknown";
}

expected<void> check_transition(tournament_status from, tournament_status to) {
  using s = tournament_status;
  bool ok = false;
  switch (from) {
    case s::created:
      ok = to == s::running || to == s::cancelled || to == s::failed;
      break;
    case s::running:
      ok = to == s::paused || is_terminal(to);
      break;
    case s::paused:
      ok = to == s::running || is_terminal(to);
      break;
    case s::completed:
    case s::failed:
    case s::cancelled:
      ok = false;
      break;
  }
  if (ok) {
    return {};
  }
  std::string why;
  if (is_terminal(from)) {
    why = "the tournament has already finished";
  } else if (from == to) {
    why = std::string("the tournament is already ") + std::string(to_string(to));
  } else if (from == s::created) {
    why = "the tournament has not started yet";
  } else if (to == s::created) {
    why = "a started tournament cannot be queued again";
  } else {
    why = "not a life-cycle step";
  }
  return fail(std::string("cannot go from ") + std::string(to_string(from)) + " to " +
              std::string(to_string(to)) + ": " + why);
}

expected<void> lifecycle::move_to(tournament_status to) {
  if (auto ok = check_transition(status_, to); !ok) {
    return ok;
  }
  status_ = to;
  return {};
}

}  // namespace tourney::rt
