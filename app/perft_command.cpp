// tourney perft DEPTH [SFEN] [--divide]: prints the node count alone on its
// last line (with --divide, one "move count" line per legal move first).
#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "log.hpp"
#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"

namespace tourney::app {

int run_perft(const perft_options& options) {
  auto pos = options.sfen.empty() ? expected<shogi::position>(shogi::position::startpos())
                                  : shogi::position::from_sfen(options.sfen);
  if (!pos) {
    eprint("tourney perft: bad SFEN: {}\n", pos.error().message);
    return exit_usage;
  }
  if (options.depth < 0 || options.depth > 12) {
    eprint("tourney perft: depth must be between 0 and 12, got {}\n", options.depth);
    return exit_usage;
  }
  if (!options.divide || options.depth == 0) {
    fmt::print("{}\n", shogi::perft(*pos, options.depth));
    return exit_ok;
  }
  std::uint64_t total = 0;
  for (auto m : pos->legal_moves()) {
    auto next = *pos;
    next.play(m);
    auto n = shogi::perft(next, options.depth - 1);
    total += n;
    fmt::print("{} {}\n", shogi::to_usi(m), n);
  }
  fmt::print("{}\n", total);
  return exit_ok;
}

}  // namespace tourney::app
