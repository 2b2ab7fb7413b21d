#pragma once
// Sennichite bookkeeping: the key history (board + hands + side to move) from
// the game's start position, with, per move, whether it gave check. The 4th
// occurrence of a key is sennichite: a draw, unless one side gave check with
// every one of its moves since the first occurrence (perpetual check: that
// side loses). Cost per ply: one backwards scan of same-side keys (at most
// plies/2 integer compares) and O(1) check-streak updates; no allocation once
// the history is reserved.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "tourney/shogi/types.hpp"

namespace tourney::game {

struct repetition_verdict {
  /// Set when the side named gave check with every move of the cycle.
  std::optional<shogi::color> perpetual_checker;
  /// Ply index (0 = start position) of the first occurrence of the position.
  std::size_t first_occurrence = 0;
};

class repetition_table {
 public:
  /// Starts a history at `start_key`, the position before any move; `to_move`
  /// is its side to move. `expected_plies` reserves capacity.
  void reset(std::uint64_t start_key, shogi::color to_move, std::size_t expected_plies = 0);

  /// Records a move by the side to move that led to `key`; `gave_check` says
  /// whether it checked the opponent. Returns a verdict when `key` now occurs
  /// for the 4th time.
  std::optional<repetition_verdict> push(std::uint64_t key, bool gave_check);

  /// How often `key` of the current position has occurred (1 = first time).
  int occurrences() const;
  std::size_t plies() const {
    return keys_.size() - 1;
  }
  const std::vector<std::uint64_t>& keys() const {
    return keys_;
  }
  /// checks()[i] is whether move i+1 (leading to keys()[i+1]) gave check.
  const std::vector<bool>& checks() const {
    return checks_;
  }

 private:
  std::vector<std::uint64_t> keys_;
  std::vector<bool> checks_;
  shogi::color start_side_ = shogi::color::black;
  // Per side: the ply number of the first move of its current unbroken run of
  // checking moves (0 = no run).
  std::size_t check_run_start_[2] = {0, 0};
  int current_occurrences_ = 1;
};

}  // namespace tourney::game
