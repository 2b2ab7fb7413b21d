#pragma once
// What the README's and runtime.hpp's embedding examples take as given (the
// host's own policy and logger); tests/CMakeLists.txt wraps each example in a
// function after this and builds it, so an example that stops compiling
// fails the build.
#include <chrono>
#include <memory>

#include "tourney/runtime.hpp"
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

inline tourney::spec::tournament_spec spec;

}  // namespace doc_example
