#include "tourney/usi/history_text.hpp"

#include <algorithm>

#include "tourney/shogi/notation.hpp"

namespace tourney::usi {

void history_text::update(const shogi::position& start, const std::vector<shogi::move>& history) {
  // The key covers board, hands and side to move; the SFEN also names the move number.
  if (!has_start_ || start.key() != start_key_ || start.move_number() != start_move_number_) {
    has_start_ = true;
    start_key_ = start.key();
    start_move_number_ = start.move_number();
    start_sfen_ = start.to_sfen();
    moves_.clear();
    texts_.clear();
  }
  // The longest common prefix is kept (a new game from the same start, or a
  // take-back, shares some of it).
  const auto common = static_cast<std::size_t>(
      std::mismatch(moves_.begin(), moves_.end(), history.begin(), history.end()).first - moves_.begin());
  moves_.resize(common);
  texts_.resize(common);
  for (auto i = common; i < history.size(); ++i) {
    moves_.push_back(history[i]);
    texts_.push_back(shogi::to_usi(history[i]));
  }
}

}  // namespace tourney::usi
