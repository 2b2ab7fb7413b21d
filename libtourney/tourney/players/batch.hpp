#pragma once
// What a batched policy is given and returns: the requests of many games at
// once (a network evaluates them in one forward pass) and one decision per
// request. The runtime gathers the requests (actors/tourney/batched_policy.hpp);
// encode_batch (tourney/encoding/batch_encoding.hpp) writes them in a
// network's layout.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "tourney/players/player.hpp"
#include "tourney/shogi/position.hpp"
#include "tourney/shogi/types.hpp"

namespace tourney {

/// One move request of a batch: a self-contained copy of the game so far.
struct batch_request {
  std::string tournament_id;
  std::string game_id;
  /// The player's name in its tournament (a policy may play both sides).
  std::string player;
  shogi::color side = shogi::color::black;
  shogi::position start;
  /// The moves from `start` to `position`.
  std::vector<shogi::move> history;
  shogi::position position;
  players::search_limits limits;
  /// Every legal move of `position` (never empty: a side with no legal
  /// move is never asked).
  std::vector<shogi::move> legal_moves;
};

/// The requests of one call, in the order their decisions come back.
struct move_batch {
  std::vector<batch_request> requests;

  std::size_t size() const {
    return requests.size();
  }
  const batch_request& operator[](std::size_t i) const {
    return requests[i];
  }
};

/// Returns one decision per request, in order (a move, resign or declare a
/// win, with optional score, depth, nodes and pv). Throwing, or returning
/// another number of decisions, ends every game of the batch with the
/// policy's side losing by `error` (the message kept in the record); an
/// illegal move ends its own game (`illegal_move`). The tournaments go on.
using batch_evaluate = std::function<std::vector<players::decision>(const move_batch& batch)>;

}  // namespace tourney
