// tourney export DIR: every journaled game of a results folder as its own
// files, DIR/games/<game_id>.csa and .kifu, written from games.jsonl (files
// already whole are kept). Works on a finished folder or one being written.
#include <fmt/format.h>

#include "commands.hpp"
#include "log.hpp"
#include "tourney/durable/game_files.hpp"

namespace tourney::app {

int run_export(const export_options& options) {
  auto written = durable::repair_all_game_files(options.folder);
  if (!written) {
    eprint("tourney export: {}\n", written.error().message);
    return exit_usage;
  }
  fmt::print("{}: wrote the record files (.csa, .kifu) of {} game(s) to {}/games\n", options.folder, *written,
             options.folder);
  return exit_ok;
}

}  // namespace tourney::app
