#pragma once
// The runtime's own error codes, carried between actors as caf::error in
// category "tourney" with the text saying what and where as context. A
// requester tells them from CAF's own errors (a timeout, a dead actor) by the
// category and code, never by searching rendered text.
#include <cstdint>
#include <string>

#include "caf/atom.hpp"
#include "caf/error.hpp"
#include "caf/fwd.hpp"

namespace tourney::detail {

enum class errc : std::uint8_t {
  /// The runtime no longer accepts work.
  shut_down = 1,
  /// A tournament that cannot start (its players, schedule or id).
  invalid_tournament,
  /// A file of a results folder could not be opened, written or synced.
  storage_failed,
  /// A USI engine could not be leased or started for a game.
  engine_unavailable,
};

constexpr caf::atom_value error_category = caf::atom("tourney");

std::string to_string(errc code);

/// A tourney error with its text.
caf::error make_error(errc code, std::string text);

/// The text of a tourney error; CAF's rendering of any other error.
std::string error_text(const caf::actor_system& sys, const caf::error& err);

/// Whether `err` is the tourney error `code`.
bool is(const caf::error& err, errc code);

/// Lets the actor system render tourney errors by name.
void add_error_category(caf::actor_system_config& cfg);

}  // namespace tourney::detail
