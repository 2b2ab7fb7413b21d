#pragma once
// Tournament ids: 32 hex digits, unique within a process. The first 8 (which
// name the folder) are a bijection of a counter, so they never repeat among
// 2^32 tournaments of one runtime; the rest are random, so runtimes sharing a
// storage directory do not collide in practice.
#include <cstdint>
#include <random>
#include <string>

namespace tourney::rt {

class id_generator {
 public:
  /// seed 0: seeded from std::random_device.
  explicit id_generator(std::uint64_t seed = 0);
  std::string next();

 private:
  std::uint32_t counter_ = 0;
  std::uint32_t salt_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace tourney::rt
