#pragma once
// Runs the built `tourney` app (TOURNEY_APP_PATH) with `args` and waits for it
// (a far deadline: it is a backstop, not a synchronisation).
#include <chrono>
#include <string>
#include <vector>

#include "support/process_runner.hpp"

namespace tourney::test {

inline process_result tourney_cli(std::vector<std::string> args) {
  args.insert(args.begin(), TOURNEY_APP_PATH);
  return run_process(args, std::chrono::milliseconds(300000));
}

}  // namespace tourney::test
