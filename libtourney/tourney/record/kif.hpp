#pragma once
// KIF (Kakinoki) record, UTF-8 (.kifu) (docs/shogi.md section 8;
// http://kakinoki.o.oo7.jp/kif_format.html).
#include <string>

#include "tourney/record/game_record.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::record {

/// The whole .kifu text: header (開始日時, 終了日時, 手合割 or a board
/// diagram for another start, 先手, 後手), the column line, one line per move
/// (`   1 ７六歩(77)   ( 0:01/00:00:01)`, 同　 for a recapture on the same
/// square, 成/不成, 打), the ending move (投了, 詰み, 千日手, 反則勝ち, ...) and
/// the summary line (まで4手で後手の勝ち). Fails when a move does not replay.
expected<std::string> to_kif(const game_record& rec);

}  // namespace tourney::record
