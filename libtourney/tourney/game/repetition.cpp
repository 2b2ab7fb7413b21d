#include "tourney/game/repetition.hpp"

namespace tourney::game {

void repetition_table::reset(std::uint64_t start_key, shogi::color to_move,
                             std::size_t expected_plies) {
  keys_.clear();
  checks_.clear();
  keys_.reserve(expected_plies + 1);
  checks_.reserve(expected_plies);
  keys_.push_back(start_key);
  start_side_ = to_move;
  check_run_start_[0] = 0;
  check_run_start_[1] = 0;
  current_occurrences_ = 1;
}

std::optional<repetition_verdict> repetition_table::push(std::uint64_t key, bool gave_check) {
  keys_.push_back(key);
  checks_.push_back(gave_check);
  const std::size_t ply = keys_.size() - 1;
  // Move `ply` (1-based) is made by the start side when odd.
  const shogi::color mover = (ply % 2 == 1) ? start_side_ : shogi::opponent(start_side_);
  std::size_t& run = check_run_start_[static_cast<int>(mover)];
  if (!gave_check) {
    run = 0;
  } else if (run == 0) {
    run = ply;
  }
  // The key includes the side to move, so only every other entry can match.
  int count = 1;
  std::size_t first = ply;
  for (std::size_t i = ply; i >= 2;) {
    i -= 2;
    if (keys_[i] == key) {
      ++count;
      first = i;
    }
  }
  current_occurrences_ = count;
  if (count < 4) {
    return std::nullopt;
  }
  repetition_verdict verdict;
  verdict.first_occurrence = first;
  // A side checked on every one of its moves since the first occurrence when
  // its current run of checks started no later than its first move after it.
  bool checker[2] = {false, false};
  for (int c = 0; c < 2; ++c) {
    checker[c] = check_run_start_[c] != 0 && check_run_start_[c] <= first + 2;
  }
  if (checker[0] != checker[1]) {
    verdict.perpetual_checker = checker[0] ? shogi::color::black : shogi::color::white;
  }
  return verdict;
}

int repetition_table::occurrences() const {
  return current_occurrences_;
}

}  // namespace tourney::game
