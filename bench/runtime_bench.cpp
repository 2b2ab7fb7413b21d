// Runs the runtime benchmark and prints its JSON object on the last line.
//   runtime_bench [--series N] [--repetitions N] [--storage DIR]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "tourney/bench/runtime_bench.hpp"

int main(int argc, char** argv) {
  tourney::bench::runtime_bench_options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--series") == 0) {
      o.series = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (std::strcmp(argv[i], "--repetitions") == 0) {
      o.repetitions = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (std::strcmp(argv[i], "--storage") == 0) {
      o.storage_dir = argv[i + 1];
    } else {
      std::cerr << "usage: runtime_bench [--series N] [--repetitions N] [--storage DIR]\n";
      return 2;
    }
  }
  std::cout << tourney::bench::run_runtime_bench(o).dump() << std::endl;
  return 0;
}
