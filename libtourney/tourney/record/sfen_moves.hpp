#pragma once
// Reader for a position with moves, as USI writes it and as opening books
// list them: "startpos", "startpos moves 7g7f 3c3d", "sfen <sfen> moves ...",
// each optionally prefixed by "position ". A bare SFEN (without "sfen") is
// accepted too. Every move is checked for legality.
#include <string>
#include <string_view>
#include <vector>

#include "tourney/shogi/position.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::record {

struct position_line {
  shogi::position start;
  std::string start_sfen;
  std::vector<shogi::move> moves;
  shogi::position end;  // after all moves
};

/// Errors say what is wrong and which token ("move 3 (8h2b+): illegal ...").
expected<position_line> parse_position_line(std::string_view text, bool allow_at_drop = false);

/// The USI `position` command argument for a start SFEN and moves:
/// "startpos moves 7g7f" or "sfen <sfen> moves ..." (no "position " prefix).
std::string format_position_line(const std::string& start_sfen,
                                 const std::vector<shogi::move>& moves);

}  // namespace tourney::record
