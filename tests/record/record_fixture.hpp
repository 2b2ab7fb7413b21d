#pragma once
// A short known game shared by the record tests: 7g7f 3c3d 8h2b+ 3a2b, then
// black resigns. Times 1.2 s, 0.3 s, 2.9 s, 0.0 s.
#include <chrono>
#include <string>

#include "tourney/record/game_record.hpp"
#include "tourney/shogi/notation.hpp"

namespace tourney::test {

inline record::game_record short_game() {
  record::game_record rec;
  rec.game_id = "g-0001";
  rec.black = "alice";
  rec.white = "bob";
  rec.start_sfen = record::startpos_sfen;
  const std::pair<const char*, int> moves[] = {
      {"7g7f", 1200}, {"3c3d", 300}, {"8h2b+", 2900}, {"3a2b", 0}};
  for (const auto& [text, ms] : moves) {
    record::move_entry entry;
    entry.move = *shogi::parse_usi_move(text);
    entry.elapsed = std::chrono::milliseconds(ms);
    rec.moves.push_back(entry);
  }
  rec.result = game::result::white_win;
  rec.reason = game::reason::resign;
  rec.detail = "black resigned";
  // 2026-11-29 10:00:00 UTC = 1795946400 s since the epoch (date -d @1795946400 -u).
  rec.start_time = std::chrono::system_clock::time_point(std::chrono::seconds(1795946400));
  rec.end_time = rec.start_time + std::chrono::milliseconds(4500);
  return rec;
}

}  // namespace tourney::test
