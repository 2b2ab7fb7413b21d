#include "tourney/game/outcome.hpp"

#include <array>

namespace tourney::game {

namespace {

constexpr std::array<std::string_view, 4> result_names = {"black_win", "white_win", "draw",
                                                          "error"};

constexpr std::array<std::string_view, reason_count> reason_names = {
    "checkmate",    "resign",          "declaration", "illegal_declaration",
    "sennichite",   "perpetual_check", "max_plies",   "no_legal_move",
    "illegal_move", "timeout",         "stall",       "disconnect",
    "adjudication", "error",           "cancelled",
};

}  // namespace

std::string_view to_string(result r) {
  return result_names[static_cast<std::size_t>(r)];
}

std::string_view to_string(reason r) {
  return reason_names[static_cast<std::size_t>(r)];
}

expected<result> result_from_string(std::string_view text) {
  for (std::size_t i = 0; i < result_names.size(); ++i) {
    if (result_names[i] == text) {
      return static_cast<result>(i);
    }
  }
  return fail("unknown game result '" + std::string(text) +
              "' (expected black_win, white_win, draw or error)");
}

expected<reason> reason_from_string(std::string_view text) {
  for (std::size_t i = 0; i < reason_names.size(); ++i) {
    if (reason_names[i] == text) {
      return static_cast<reason>(i);
    }
  }
  return fail("unknown game end reason '" + std::string(text) + "'");
}

std::optional<shogi::color> game_end::winner() const {
  switch (outcome) {
    case result::black_win:
      return shogi::color::black;
    case result::white_win:
      return shogi::color::white;
    default:
      return std::nullopt;
  }
}

std::optional<shogi::color> game_end::loser() const {
  if (auto w = winner()) {
    return shogi::opponent(*w);
  }
  return std::nullopt;
}

side_outcome outcome_for(result r, shogi::color side) {
  switch (r) {
    case result::black_win:
      return side == shogi::color::black ? side_outcome::win : side_outcome::loss;
    case result::white_win:
      return side == shogi::color::white ? side_outcome::win : side_outcome::loss;
    case result::draw:
      return side_outcome::draw;
    case result::error:
      return side_outcome::none;
  }
  return side_outcome::none;
}

}  // namespace tourney::game
