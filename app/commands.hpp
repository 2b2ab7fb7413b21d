#pragma once
// The app's subcommands. Each returns the process exit code.
#include <cstddef>
#include <string>

namespace tourney::app {

/// Documented exit codes (README, `tourney --help`).
enum exit_code : int {
  exit_ok = 0,
  exit_failure = 1,      // the tournament failed or an operation could not be done
  exit_usage = 2,        // bad config, bad arguments
  exit_interrupted = 130,  // SIGINT/SIGTERM: saved, resumable
};

struct perft_options {
  int depth = 1;
  std::string sfen;  // empty: start position
  bool divide = false;
};
int run_perft(const perft_options& options);

struct validate_options {
  std::string config;
};
int run_validate(const validate_options& options);

struct run_options {
  std::string config;  // empty: the embedded default
  std::string resume;  // a results folder to continue
  std::string storage;
  int games = 0;        // games per pairing override
  int concurrency = 0;  // game slots override
  std::string progress;  // auto (default), text, json, none
};
int run_tournament(const run_options& options);

struct bench_options {
  std::string which;  // runtime, perft (usi once engines are players)
  std::size_t series = 2000;
  std::size_t repetitions = 15;
  int depth = 5;
};
int run_bench(const bench_options& options);

struct report_options {
  std::string folder;
  bool json = false;
};
int run_report(const report_options& options);

}  // namespace tourney::app
