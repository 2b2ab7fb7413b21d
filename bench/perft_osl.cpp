// Perft speed of the rules core next to libosl's in the same run, on the
// start position. Both count the same way: copy-make recursion over the
// full legal move set (libosl: generateWithFullUnpromotions), and at the last
// ply the generated moves are counted without being played ("bulk
// counting"); with --make-leaves every leaf move is also played.
//
//   build/bench/perft_osl [depth=5] [--make-leaves]
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>
#include <osl/numEffectState.h>

#include "tourney/shogi/position.hpp"

namespace {

using clock_type = std::chrono::steady_clock;
using tourney::shogi::position;

bool make_leaves = false;
// Leaf positions feed this sink so the compiler cannot drop the last ply's
// play() (libosl's makeMove is in a shared library and is never dropped).
volatile std::uint64_t leaf_sink = 0;

std::uint64_t tourney_perft(const position& pos, int depth) {
  const auto moves = pos.legal_moves();
  if (depth == 1 && !make_leaves) {
    return moves.size();
  }
  std::uint64_t nodes = 0;
  for (auto m : moves) {
    position next = pos;
    next.play(m);
    if (depth == 1) {
      leaf_sink = leaf_sink + next.key();
      ++nodes;
    } else {
      nodes += tourney_perft(next, depth - 1);
    }
  }
  return nodes;
}

std::uint64_t osl_perft(const osl::NumEffectState& state, int depth) {
  osl::MoveVector moves;
  state.generateWithFullUnpromotions(moves);
  if (depth == 1 && !make_leaves) {
    return moves.size();
  }
  std::uint64_t nodes = 0;
  for (const auto& m : moves) {
    osl::NumEffectState next(state);
    next.makeMove(m);
    if (depth == 1) {
      leaf_sink = leaf_sink + static_cast<std::uint64_t>(next.turn());
      ++nodes;
    } else {
      nodes += osl_perft(next, depth - 1);
    }
  }
  return nodes;
}

struct result {
  std::uint64_t nodes = 0;
  double seconds = 0;
  double nps() const {
    return seconds > 0 ? static_cast<double>(nodes) / seconds : 0;
  }
};

// Best of `runs` timings (the machine is shared; the best run is the least disturbed).
template <class F>
result measure(F&& f, int runs) {
  result best;
  for (int i = 0; i < runs; ++i) {
    const auto start = clock_type::now();
    const std::uint64_t nodes = f();
    const double s = std::chrono::duration<double>(clock_type::now() - start).count();
    if (i == 0 || s < best.seconds) {
      best = {nodes, s};
    }
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  int depth = 5;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--make-leaves") == 0) {
      make_leaves = true;
    } else {
      depth = std::atoi(argv[i]);
    }
  }
  if (depth < 1 || depth > 7) {
    fmt::print(stderr, "usage: perft_osl [depth 1..7] [--make-leaves]\n");
    return 2;
  }
  const int runs = 3;
  const position start = position::startpos();
  const osl::NumEffectState osl_start;
  const result ours = measure([&] { return tourney_perft(start, depth); }, runs);
  const result theirs = measure([&] { return osl_perft(osl_start, depth); }, runs);
  const char* method = make_leaves ? "copy-make, every leaf played" : "copy-make, bulk count at the last ply";
  fmt::print("perft start position depth {} ({}; best of {})\n", depth, method, runs);
  fmt::print("{:<8} {:>12} {:>10} {:>14}\n", "library", "nodes", "seconds", "nodes/s");
  fmt::print("{:<8} {:>12} {:>10.3f} {:>14.0f}\n", "tourney", ours.nodes, ours.seconds, ours.nps());
  fmt::print("{:<8} {:>12} {:>10.3f} {:>14.0f}\n", "libosl", theirs.nodes, theirs.seconds, theirs.nps());
  const double ratio = theirs.nps() > 0 ? ours.nps() / theirs.nps() : 0;
  fmt::print("ratio tourney/libosl: {:.2f}x{}\n", ratio,
             ours.nodes == theirs.nodes ? "" : "  (NODE COUNTS DIFFER)");
  fmt::print(
      "{{\"bench\":\"perft_osl\",\"depth\":{},\"method\":\"{}\",\"tourney_nodes\":{},"
      "\"tourney_nps\":{:.0f},\"osl_nodes\":{},\"osl_nps\":{:.0f},\"ratio\":{:.3f}}}\n",
      depth, make_leaves ? "make_leaves" : "bulk", ours.nodes, ours.nps(), theirs.nodes, theirs.nps(),
      ratio);
  return ours.nodes == theirs.nodes ? 0 : 1;
}
