#pragma once
// The USI text of a game's moves, kept between the plies of one engine's
// game: each `position` command repeats the whole history, and converting it
// afresh on every ply made the runtime's CPU per ply grow with the game.
#include <cstdint>
#include <string>
#include <vector>

#include "tourney/shogi/position.hpp"
#include "tourney/shogi/types.hpp"

namespace tourney::usi {

class history_text {
 public:
  /// The start position's SFEN and the USI text of `history` from `start`.
  /// Converts only moves not seen by the previous call; another start (by
  /// Zobrist key, side and move number) or a history that does not extend
  /// the previous one starts afresh.
  void update(const shogi::position& start, const std::vector<shogi::move>& history);

  const std::string& start_sfen() const { return start_sfen_; }
  const std::vector<std::string>& moves() const { return texts_; }

 private:
  bool has_start_ = false;
  std::uint64_t start_key_ = 0;
  int start_move_number_ = 0;
  std::string start_sfen_;
  std::vector<shogi::move> moves_;
  std::vector<std::string> texts_;
};

}  // namespace tourney::usi
