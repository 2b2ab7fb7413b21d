#pragma once
// Runs a program as a user would (argv, no shell), captures stdout/stderr
// and the exit status, with a deadline instead of sleeps: the runner polls
// the pipes and kills the child when the deadline passes.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tourney::test {

struct process_result {
  int exit_code = -1;    // valid when exited
  int term_signal = 0;   // non-zero when killed by a signal
  bool timed_out = false;
  std::string out;
  std::string err;
  /// The last non-empty line of stdout.
  std::string last_line() const;
};

struct run_options {
  std::vector<std::string> argv;
  std::string working_dir;  // empty: inherit
  std::string stdin_text;
  std::chrono::milliseconds deadline{120000};
  /// Called with each chunk of stdout as it arrives; returning true sends
  /// `signal_on_trigger` to the child once (e.g. SIGINT after N games).
  std::function<bool(const std::string& out_so_far)> trigger;
  int signal_on_trigger = 0;
  /// Further signals sent right after the first, in order (GNU timeout sends
  /// SIGTERM twice).
  std::vector<int> more_signals_on_trigger;
  /// Close our end of the child's stdout at the trigger, as `| head -1` does.
  bool close_stdout_on_trigger = false;
  /// Called once with the child's pid right after it started.
  std::function<void(int pid)> on_start;
};

process_result run_process(const run_options& options);

/// run_process with only the arguments and a deadline.
process_result run_process(std::vector<std::string> argv, std::chrono::milliseconds deadline);

}  // namespace tourney::test
