#pragma once
// What the README's and the headers' embedding examples take as given (the
// host's own policy and logger); tests/CMakeLists.txt wraps each example in a
// function after this and builds it, so an example that stops compiling
// fails the build.
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include "caf/actor_system.hpp"
#include "caf/actor_system_config.hpp"

#include "tourney/runtime.hpp"
#include "tourney/runtime_caf.hpp"
#include "tourney/worker.hpp"
#include "tourney/spec/player_helpers.hpp"

namespace doc_example {

class my_policy : public tourney::players::player {
 public:
  tourney::players::decision decide(const tourney::players::move_request& request) override {
    auto moves = request.position.legal_moves();
    return tourney::players::decision::play(moves[0]);
  }
};

inline void log(const tourney::progress_snapshot&) {}

/// The host's network: one forward pass over n positions, the best legal action of each.
inline std::vector<std::uint32_t> my_network(const std::vector<float>& inputs,
                                             const std::vector<std::uint8_t>& legal,
                                             std::size_t n) {
  (void)inputs;
  std::vector<std::uint32_t> best(n, 0);
  const std::size_t actions = legal.size() / (n == 0 ? 1 : n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t a = 0; a < actions; ++a) {
      if (legal[i * actions + a] != 0) {
        best[i] = static_cast<std::uint32_t>(a);
        break;
      }
    }
  }
  return best;
}

inline tourney::spec::tournament_spec spec;

}  // namespace doc_example
