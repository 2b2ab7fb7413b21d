#pragma once
// Tournament ids: 32 hex digits, unique within a process. The first 8 (which
// name the folder) are a bijection of a counter, so they never repeat among
// 2^32 tournaments of one runtime; the rest are random, so runtimes sharing a
// storage directory do not collide in practice.
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace tourney::rt {

/// A game's id: "<first 8 characters of the tournament id>-<index, 5
/// digits>". The one place the format is written: the journal, record file
/// names and resume (which matches journal lines to the schedule) all use it.
std::string game_id_for(std::string_view tournament_id, std::uint64_t index);

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
