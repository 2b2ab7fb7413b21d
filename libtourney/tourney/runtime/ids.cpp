#include "tourney/runtime/ids.hpp"

#include <fmt/format.h>

namespace tourney::rt {

namespace {

// An invertible 32-bit mix (xor-shift and odd multiplications are bijective).
std::uint32_t permute(std::uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

}  // namespace

std::string game_id_for(std::string_view tournament_id, std::uint64_t index) {
  return fmt::format("{}-{:05}", tournament_id.substr(0, 8), index);
}

id_generator::id_generator(std::uint64_t seed) {
  if (seed == 0) {
    std::random_device rd;
    seed = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
  }
  rng_.seed(seed);
  salt_ = static_cast<std::uint32_t>(rng_());
}

std::string id_generator::next() {
  const std::uint32_t head = permute(counter_++ ^ salt_);
  const std::uint64_t a = rng_();
  const std::uint32_t b = static_cast<std::uint32_t>(rng_());
  return fmt::format("{:08x}{:016x}{:08x}", head, a, b);
}

}  // namespace tourney::rt
