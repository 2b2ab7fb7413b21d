#include "tourney/bench/relay_latency.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <unordered_map>

namespace tourney::bench {

namespace {

struct stamp_pair {
  int outs = 0;
  int ins = 0;
  std::int64_t out_ns = 0;
  std::int64_t in_ns = 0;
};

}  // namespace

std::vector<double> relay_gaps_us(const std::string& dir) {
  namespace fs = std::filesystem;
  std::unordered_map<std::string, stamp_pair> by_key;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().rfind("stamps.", 0) != 0) {
      continue;
    }
    std::ifstream in(entry.path());
    char kind = 0;
    std::string key;
    std::int64_t ns = 0;
    while (in >> kind >> key >> ns) {
      auto& p = by_key[key];
      if (kind == 'o') {
        ++p.outs;
        p.out_ns = ns;
      } else if (kind == 'i') {
        ++p.ins;
        p.in_ns = ns;
      }
    }
  }
  std::vector<double> gaps;
  for (const auto& [key, p] : by_key) {
    if (p.outs == 1 && p.ins == 1 && p.in_ns >= p.out_ns) {
      gaps.push_back(static_cast<double>(p.in_ns - p.out_ns) / 1e3);
    }
  }
  return gaps;
}

double quantile(std::vector<double> xs, double q) {
  if (xs.empty()) {
    return 0.0;
  }
  std::sort(xs.begin(), xs.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(xs.size())));
  return xs[std::min(xs.size() - 1, rank == 0 ? 0 : rank - 1)];
}

std::string find_instant_engine(const std::string& configured) {
  namespace fs = std::filesystem;
  if (!configured.empty()) {
    return configured;
  }
  std::error_code ec;
  const auto self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) {
    return {};
  }
  for (const auto& candidate : {self.parent_path() / "instant_engine",
                                self.parent_path().parent_path() / "bench" / "instant_engine"}) {
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
  }
  return {};
}

}  // namespace tourney::bench
