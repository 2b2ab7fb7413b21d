#pragma once
// The seed of a test that draws its own random numbers: TOURNEY_TEST_SEED
// when set (to replay a failure), else a fresh one. The caller puts the
// seed in the failure context, so a failing run names the value to replay:
//   const auto seed = tourney::test::random_seed();
//   BOOST_TEST_INFO_SCOPE(tourney::test::seed_context(seed));
// (RapidCheck properties replay with RC_PARAMS="seed=N" instead.)
#include <cerrno>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>

namespace tourney::test {

inline unsigned random_seed() {
  const char* given = std::getenv("TOURNEY_TEST_SEED");
  if (given == nullptr || *given == '\0') {
    return std::random_device{}();
  }
  char* end = nullptr;
  errno = 0;
  const unsigned long value = std::strtoul(given, &end, 10);
  if (*end != '\0' || errno != 0 || value > 0xffffffffUL || *given == '-') {
    throw std::invalid_argument(std::string("TOURNEY_TEST_SEED='") + given +
                                "': not a seed (a decimal number below 2^32)");
  }
  return static_cast<unsigned>(value);
}

inline std::string seed_context(unsigned seed) {
  return "random seed " + std::to_string(seed) + " (replay: TOURNEY_TEST_SEED=" + std::to_string(seed) + ")";
}

}  // namespace tourney::test
