#pragma once
// The app's subcommands. Each returns the process exit code.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tourney/spec/tls_options.hpp"

namespace tourney::app {

/// Documented exit codes (README, `tourney --help`).
enum exit_code : int {
  exit_ok = 0,
  exit_failure = 1,      // the tournament failed or an operation could not be done
  exit_usage = 2,        // bad config, bad arguments
  exit_interrupted = 130,  // SIGINT/SIGTERM: saved, resumable
  // tourney run --gate, a tournament that finished:
  exit_gate_pass = 10,        // SPRT accepted H1 and every --require holds
  exit_gate_fail = 11,        // SPRT accepted H0 or a --require fails
  exit_gate_no_verdict = 12,  // the games ran out before a decision
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
  std::string workers;   // HOST:PORT[,HOST:PORT...] (overrides the config)
  int local_slots = -1;  // game slots here (0: workers only); -1 = the config's
  spec::tls_options tls;
  bool gate = false;                  // exit with the verdict (exit_gate_*)
  std::vector<std::string> require;   // conditions (stats/verdict.hpp)
  bool game_files = false;            // each game's .csa and .kifu files too
  bool live_report = false;           // keep <folder>/report.html rewritten as games finish
};
int run_tournament(const run_options& options);

struct export_options {
  std::string folder;
};
int run_export(const export_options& options);

struct bench_options {
  std::string which;  // runtime, perft (usi once engines are players)
  std::size_t series = 2000;
  std::size_t repetitions = 15;
  int depth = 5;               // perft: depth; usi (when set): depth per move
  bool depth_set = false;
  int games = 20;              // usi: games in the batch (remote: games per run)
  bool games_set = false;
  std::uint64_t nodes = 1000;  // usi: fixed node count per move
  int max_plies = 40;          // batch: plies per game (a draw at the limit)
  bool end_to_end_only = false;   // runtime: only the end-to-end cases and their floors
  bool competing_writer = false;  // runtime: a writer syncing to the same disk meanwhile
};
int run_bench(const bench_options& options);

struct worker_command_options {
  std::string listen = "127.0.0.1:0";
  int slots = 0;  // 0: the config's, else 1
  std::string config;
  std::string storage;
  spec::tls_options tls;
  bool insecure_plaintext = false;  // or the config's
  double handshake_timeout_s = 0;   // 0: the config's, else 5
};
int run_worker(const worker_command_options& options);

struct report_options {
  std::string folder;
  bool json = false;
  std::string html;  // write the HTML report here
};
int run_report(const report_options& options);

struct ratings_options {
  std::vector<std::string> directories;  // tournament folders or storage roots
  std::vector<std::string> anchors;      // NAME=ELO or NAME=ELO+-SD
  double sequential_sd = 0.0;            // 0: no sequential prior
  bool json = false;
  std::string html;  // write the HTML report here
};
int run_ratings(const ratings_options& options);

}  // namespace tourney::app
