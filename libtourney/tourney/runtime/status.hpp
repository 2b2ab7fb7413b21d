#pragma once
// The tournament life cycle: CREATED (queued) -> RUNNING <-> PAUSED ->
// COMPLETED | FAILED | CANCELLED. A queued tournament may also be cancelled or
// fail before it runs. Every other transition is refused with an error.
#include <cstdint>
#include <string_view>

#include "tourney/util/expected.hpp"

namespace tourney::rt {

enum class tournament_status : std::uint8_t { created, running, paused, completed, failed, cancelled };

/// The original's lower-case strings: "created", "running", ...
std::string_view to_string(tournament_status s);

constexpr bool is_terminal(tournament_status s) {
  return s == tournament_status::completed || s == tournament_status::failed ||
         s == tournament_status::cancelled;
}

constexpr bool is_active(tournament_status s) {
  return s == tournament_status::running || s == tournament_status::paused;
}

/// Whether `from -> to` is allowed; the error says which transition and why.
[[nodiscard]] expected<void> check_transition(tournament_status from, tournament_status to);

/// A status that only changes through allowed transitions.
class lifecycle {
 public:
  tournament_status status() const {
    return status_;
  }
  /// Moves to `to`, or leaves the status unchanged and returns the reason.
  [[nodiscard]] expected<void> move_to(tournament_status to);

 private:
  tournament_status status_ = tournament_status::created;
};

}  // namespace tourney::rt
