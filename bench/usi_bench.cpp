// Runs the USI benchmark and prints its JSON object on the last line.
//   usi_bench [--games N] [--nodes N] [--depth N] [--concurrency N] [--threads N] [--engine CMD] [--storage DIR]
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "tourney/bench/usi_bench.hpp"

int main(int argc, char** argv) {
  tourney::bench::usi_bench_options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--games") == 0) {
      o.games = std::atoi(argv[i + 1]);
    } else if (std::strcmp(argv[i], "--nodes") == 0) {
      o.nodes = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (std::strcmp(argv[i], "--depth") == 0) {
      o.depth = std::atoi(argv[i + 1]);
    } else if (std::strcmp(argv[i], "--concurrency") == 0) {
      o.concurrency = std::atoi(argv[i + 1]);
    } else if (std::strcmp(argv[i], "--threads") == 0) {
      o.scheduler_threads = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (std::strcmp(argv[i], "--engine") == 0) {
      o.engine = argv[i + 1];
    } else if (std::strcmp(argv[i], "--storage") == 0) {
      o.storage_dir = argv[i + 1];
    } else {
      std::cerr << "usage: usi_bench [--games N] [--nodes N] [--depth N] [--concurrency N] [--threads N] [--engine CMD] [--storage DIR]\n";
      return 2;
    }
  }
  std::cout << tourney::bench::run_usi_bench(o).dump() << std::endl;
  return 0;
}
