// The cost of making a finished game durable: one games.jsonl line (a real
// record's size) written and fdatasync'ed per game, and group-committed in
// batches as the persistence actor does when games finish together; plus
// the CSA + KIF files written afterwards. Prints microseconds per game.
//   journal_bench [DIR] [GAMES]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "tourney/durable/game_files.hpp"
#include "tourney/record/game_record.hpp"
#include "tourney/record/json.hpp"
#include "tourney/shogi/position.hpp"
#include "tourney/storage/jsonl_writer.hpp"

namespace {

// A 120-ply game's journal line (the size a real one has): the first legal
// move each ply, from the start position.
std::string sample_line() {
  tourney::record::game_record rec;
  rec.game_id = "deadbeef-00001";
  rec.black = "agent";
  rec.white = "opponent";
  rec.start_sfen = tourney::record::startpos_sfen;
  rec.result = tourney::game::result::draw;
  rec.reason = tourney::game::reason::max_plies;
  auto pos = tourney::shogi::position::startpos();
  for (int i = 0; i < 120; ++i) {
    auto moves = pos.legal_moves();
    if (moves.size() == 0) {
      break;
    }
    tourney::record::move_entry e;
    e.move = moves[static_cast<std::size_t>(i) % moves.size()];
    e.elapsed = std::chrono::milliseconds(12);
    rec.moves.push_back(e);
    pos.play(e.move);
  }
  return tourney::record::to_json_line(rec);
}

double per_game_us(const std::string& path, const std::string& line, int games, int batch) {
  auto w = tourney::storage::jsonl_writer::open(path);
  if (!w) {
    std::fprintf(stderr, "%s\n", w.error().message.c_str());
    std::exit(1);
  }
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < games; ++i) {
    w->append(line);
    if ((i + 1) % batch == 0 && !w->commit()) {
      std::exit(1);
    }
  }
  (void)w->commit();
  const auto us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
  return us / games;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : std::filesystem::temp_directory_path().string();
  const int games = argc > 2 ? std::atoi(argv[2]) : 400;
  const auto base = dir + "/journal_bench." + std::to_string(::getpid());
  std::filesystem::create_directories(base);
  const auto line = sample_line();
  std::printf("line bytes %zu, games %d, dir %s\n", line.size(), games, dir.c_str());
  for (int batch : {1, 4, 16}) {
    const auto path = base + "/games-" + std::to_string(batch) + ".jsonl";
    std::printf("write+fdatasync, batch %2d: %8.1f us/game\n", batch, per_game_us(path, line, games, batch));
  }
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < games; ++i) {
    // A new game id each time, as in a tournament (no file is replaced).
    auto own = line;
    own.replace(own.find("deadbeef-00001"), 14, "deadbeef-" + std::to_string(10000 + i));
    if (auto ok = tourney::durable::write_game_files(base, own); !ok) {
      std::fprintf(stderr, "%s\n", ok.error().message.c_str());
      return 1;
    }
  }
  const auto us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
  std::printf("CSA + KIF files (off the commit path): %8.1f us/game\n", us / games);
  std::filesystem::remove_all(base);
  return 0;
}
