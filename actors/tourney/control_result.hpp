#pragma once
// The answer to pause, resume and cancel, from the runtime's API down to the
// tournament actor that decides it (one type all the way).
#include <string>

namespace tourney {

/// Whether pause/resume/cancel took effect, and if not, why.
struct [[nodiscard]] control_result {
  bool done = false;
  std::string reason;
  explicit operator bool() const {
    return done;
  }
};

}  // namespace tourney
