#pragma once
// CSA standard record format V2.2 (docs/shogi.md section 8;
// http://www2.computer-shogi.org/protocol/record_v22.html).
#include <string>

#include "tourney/record/game_record.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::record {

/// The whole .csa file: V2.2, N+/N-, $START_TIME/$END_TIME, PI or P1..P9 +
/// hands, side to move, moves each followed by T<seconds> (truncated),
/// then the ending (%TORYO, %TSUMI, %SENNICHITE, %KACHI, %TIME_UP,
/// %ILLEGAL_MOVE, %+ILLEGAL_ACTION / %-ILLEGAL_ACTION when the loser is not
/// the side to move, %MAX_MOVES, %HIKIWAKE, %CHUDAN, %ERROR) and comment lines
/// ('...) with tourney's reason and detail. Fails when the start SFEN or a
/// move does not replay legally.
expected<std::string> to_csa(const game_record& rec);

}  // namespace tourney::record
