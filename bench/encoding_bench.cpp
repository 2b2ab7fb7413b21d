// Cost per position of the network encodings (docs/encodings.md), as the
// runtime would pay it for a batch: positions from random games, each with
// its game so far; times write_input, write_legal_mask and the action of
// every legal move, per layout.
//   build/bench/encoding_bench [positions=4000] [max_plies=200]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "tourney/encoding/encoding.hpp"

namespace {

struct sample {
  tourney::shogi::position pos;
  std::vector<tourney::shogi::move> history;
};

double ns_per(std::chrono::steady_clock::duration d, std::size_t n) {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count()) /
         static_cast<double>(n);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tourney;
  const std::size_t count = argc > 1 ? static_cast<std::size_t>(std::atol(argv[1])) : 4000;
  const int max_plies = argc > 2 ? std::atoi(argv[2]) : 200;
  std::mt19937_64 rng(42);
  std::vector<sample> samples;
  samples.reserve(count);
  while (samples.size() < count) {
    sample s{shogi::position::startpos(), {}};
    const int plies = static_cast<int>(rng() % static_cast<std::uint64_t>(max_plies + 1));
    for (int i = 0; i < plies; ++i) {
      const auto moves = s.pos.legal_moves();
      if (moves.empty()) {
        break;
      }
      const auto m = moves[rng() % moves.size()];
      s.pos.play(m);
      s.history.push_back(m);
    }
    samples.push_back(std::move(s));
  }
  double plies = 0;
  for (const auto& s : samples) {
    plies += static_cast<double>(s.history.size());
  }
  std::printf("positions %zu, mean plies of history %.1f\n", count,
              plies / static_cast<double>(count));
  const auto start = shogi::position::startpos();
  std::uint64_t sink = 0;
  for (auto l : {encoding::layout::dlshogi, encoding::layout::alphazero}) {
    const auto shape = encoding::shape(l);
    const std::size_t floats = static_cast<std::size_t>(shape.planes) * 81;
    const std::size_t bytes = static_cast<std::size_t>(shape.actions);
    std::vector<float> input(count * floats);
    std::vector<std::uint8_t> mask(count * bytes);
    auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < count; ++i) {
      if (!encoding::write_input(l, start, samples[i].history, samples[i].pos,
                                 {input.data() + i * floats, floats})) {
        return 1;
      }
    }
    const auto input_time = std::chrono::steady_clock::now() - t0;
    t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < count; ++i) {
      if (!encoding::write_legal_mask(l, samples[i].pos, {mask.data() + i * bytes, bytes})) {
        return 1;
      }
    }
    const auto mask_time = std::chrono::steady_clock::now() - t0;
    std::size_t moves = 0;
    t0 = std::chrono::steady_clock::now();
    for (const auto& s : samples) {
      for (const auto m : s.pos.legal_moves()) {
        sink += *encoding::action_index(l, s.pos, m);
        ++moves;
      }
    }
    const auto index_time = std::chrono::steady_clock::now() - t0;
    std::printf(
        "%s: write_input_ns_per_position %.0f, write_legal_mask_ns_per_position %.0f, "
        "legal_moves_and_action_index_ns_per_move %.1f\n",
        encoding::to_string(l), ns_per(input_time, count), ns_per(mask_time, count),
        ns_per(index_time, moves));
  }
  return sink == 0 ? 2 : 0;
}
