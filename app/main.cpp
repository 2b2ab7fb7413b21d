// The tourney command-line app: subcommands run, validate, report, perft,
// bench and worker. Exit codes: 0 finished, 1 failure, 2 bad config or
// usage, 130 interrupted (resumable).
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "log.hpp"

namespace {

constexpr const char* exit_codes_help =
    "Exit codes: 0 finished, 1 failure, 2 bad config or usage, 130 interrupted (resumable); "
    "run --gate: 10 pass, 11 fail, 12 no verdict.";

}  // namespace

int main(int argc, char** argv) {
  using namespace tourney::app;
  CLI::App app{"tourney: an actor-model tournament runtime for game-playing agents (shogi)"};
  app.set_version_flag("--version", std::string("tourney ") + TOURNEY_VERSION);
  app.footer(exit_codes_help);
  app.require_subcommand(1);
  std::string log_level_name = "warn";
  app.add_option("--log-level", log_level_name, "Diagnostics on stderr: error, warn, info, debug")
      ->check(CLI::IsMember({"error", "warn", "info", "debug"}));

  run_options run;
  auto* run_cmd = app.add_subcommand("run", "Play the tournament a config describes");
  run_cmd->add_option("config", run.config, "Config file (JSON); default: the embedded default");
  run_cmd->add_option("--resume", run.resume,
                      "Continue the tournament saved in this results folder (its tournament.json and "
                      "games.jsonl); no config")
      ->check(CLI::ExistingDirectory);
  run_cmd->add_option("--storage", run.storage, "Results directory (overrides the config)");
  run_cmd->add_option("--games", run.games, "Games per pairing (overrides the config)")
      ->check(CLI::Range(1, 1000000));
  run_cmd->add_option("--concurrency", run.concurrency, "Games played at once (game slots)")
      ->check(CLI::Range(1, 4096));
  run_cmd->add_option("--progress", run.progress, "auto, text, json or none")
      ->check(CLI::IsMember({"auto", "text", "json", "none"}));
  run_cmd->add_option("--workers", run.workers,
                      "Worker nodes HOST:PORT[,HOST:PORT...] (tourney worker); overrides the config");
  run_cmd->add_option("--local-slots", run.local_slots,
                      "Game slots in this process; 0 = every game on the workers")
      ->check(CLI::Range(0, 4096));
  run_cmd->add_option("--tls-cert", run.tls.certificate, "This node's certificate (PEM) for mutual TLS");
  run_cmd->add_option("--tls-key", run.tls.key, "This node's private key (PEM)");
  run_cmd->add_option("--tls-ca", run.tls.ca, "The CA certificate (PEM) that signs every node's certificate");
  run_cmd->add_flag("--game-files", run.game_files,
                    "Also write each game as games/<game_id>.csa and .kifu (else: games.csa holds all; "
                    "tourney export writes them later)");
  run_cmd->add_flag("--gate", run.gate,
                    "Exit with the verdict: 10 pass (SPRT H1 accepted, every --require holds), 11 "
                    "fail (H0 accepted or a --require fails), 12 no verdict (the games ran out)");
  run_cmd->add_option("--require", run.require,
                      "A condition for --gate (repeatable): elo(A) > X, elo(A vs B) >= X (the 95% "
                      "interval's end), los(A vs B) > 0.95")
      ->allow_extra_args(false);  // one value per --require: a config after it is the config
  run_cmd->add_flag("--live-report", run.live_report,
                    "Keep <folder>/report.html (the page of `tourney report DIR --html`) rewritten "
                    "as games finish (at most once a second), and write it once more at the end");
  run_cmd->footer(
      "Prints the results folder alone on its last line. SIGINT or SIGTERM stops games in flight, "
      "saves and exits with 130; a second SIGINT exits at once.");

  perft_options perft;
  auto* perft_cmd = app.add_subcommand("perft", "Count the leaf nodes of the legal move tree");
  perft_cmd->add_option("depth", perft.depth, "Depth in plies")->required();
  perft_cmd->add_option("sfen", perft.sfen, "Position (default: the start position)");
  perft_cmd->add_flag("--divide", perft.divide, "Print the count below each legal move first");

  validate_options validate;
  auto* validate_cmd = app.add_subcommand("validate", "Check a config file without running it");
  validate_cmd->add_option("config", validate.config, "Config file (JSON)")->required();

  bench_options bench;
  auto* bench_cmd = app.add_subcommand(
      "bench", "Run a benchmark; prints one JSON object on its last line");
  bench_cmd->add_option("which", bench.which, "runtime, usi, remote, batch, perft or ratings")
      ->required()
      ->check(CLI::IsMember({"runtime", "usi", "remote", "batch", "perft", "ratings"}));
  auto* games_opt = bench_cmd->add_option("--games", bench.games,
                                          "usi: games in the batch; remote: games per run; batch: games at once; "
                                          "ratings: games fitted")
      ->check(CLI::Range(2, 100000));
  bench_cmd->add_option("--nodes", bench.nodes, "usi: nodes per move");
  bench_cmd->add_option("--max-plies", bench.max_plies, "batch: plies per game")->check(CLI::Range(2, 1000));
  bench_cmd->add_option("--series", bench.series, "runtime: tournaments in the memory series");
  bench_cmd->add_option("--repetitions", bench.repetitions,
                        "runtime: repetitions of the latency measurements");
  bench_cmd->add_flag("--end-to-end-only", bench.end_to_end_only,
                      "runtime: only the end-to-end cases beside their durable floors");
  bench_cmd->add_flag("--competing-writer", bench.competing_writer,
                      "runtime: meanwhile a thread writes and fdatasyncs to the same disk");
  auto* depth_opt = bench_cmd->add_option("--depth", bench.depth, "perft: depth; usi: fixed depth per move instead of --nodes")
                        ->check(CLI::Range(1, 7));

  worker_command_options worker;
  auto* worker_cmd = app.add_subcommand("worker", "Offer game slots to coordinators (tourney run --workers)");
  worker_cmd->add_option("--listen", worker.listen, "HOST:PORT to listen on (port 0: any free port)")
      ->required();
  worker_cmd->add_option("--slots", worker.slots, "Games played here at once (default: the config's, or 1)")
      ->check(CLI::Range(1, 4096));
  worker_cmd->add_option("--config", worker.config,
                         "Worker config (JSON): this node's players by name, storage, slots, tls")
      ->check(CLI::ExistingFile);
  worker_cmd->add_option("--storage", worker.storage, "Folder for engine logs (overrides the config)");
  worker_cmd->add_option("--tls-cert", worker.tls.certificate, "This node's certificate (PEM) for mutual TLS");
  worker_cmd->add_option("--tls-key", worker.tls.key, "This node's private key (PEM)");
  worker_cmd->add_option("--tls-ca", worker.tls.ca, "The CA certificate (PEM) that signs every node's certificate");
  worker_cmd->add_flag("--insecure-plaintext", worker.insecure_plaintext,
                       "Allow plaintext on an address other than loopback (anyone reaching the port may play "
                       "games here; use TLS on real networks)");
  worker_cmd->add_option("--handshake-timeout", worker.handshake_timeout_s,
                         "Seconds a peer has to finish its handshake before it is closed (default: the config's, "
                         "or 5)")
      ->check(CLI::Range(0.1, 3600.0));
  worker_cmd->footer("Prints 'listening on HOST:PORT' on stdout once ready. SIGINT or SIGTERM stop it.");

  report_options report;
  export_options export_opts;
  auto* export_cmd = app.add_subcommand(
      "export", "Write each journaled game of a results folder as games/<game_id>.csa and .kifu");
  export_cmd->add_option("dir", export_opts.folder, "The tournament's results folder")->required();

  auto* report_cmd =
      app.add_subcommand("report", "Print the standings of a finished or interrupted tournament");
  report_cmd->add_option("dir", report.folder, "The tournament's results folder")->required();
  report_cmd->add_flag("--json", report.json, "Machine-readable output");
  report_cmd->add_option("--html", report.html,
                         "Also write a self-contained HTML report (inline SVG and CSS) to this file");

  ratings_options ratings;
  auto* ratings_cmd = app.add_subcommand(
      "ratings", "One rating list over every finished game of many tournaments (players by name)");
  ratings_cmd
      ->add_option("dirs", ratings.directories,
                   "Tournament folders, or storage folders holding them")
      ->required();
  ratings_cmd->add_option("--anchor", ratings.anchors,
                          "NAME=ELO fixes a player; NAME=ELO+-SD is a Gaussian prior (repeatable); "
                          "default: mean 0")
      ->allow_extra_args(false);  // one value per --anchor: the folders are not anchors
  ratings_cmd
      ->add_option("--sequential-prior", ratings.sequential_sd,
                   "SD in Elo: consecutive checkpoints (ordered by the last number in their names) "
                   "are at most about SD apart, so a checkpoint with few games borrows strength "
                   "from its neighbours")
      ->check(CLI::Range(0.001, 100000.0));
  ratings_cmd->add_flag("--json", ratings.json, "Machine-readable output");
  ratings_cmd->add_option("--html", ratings.html,
                          "Also write a self-contained HTML report (inline SVG and CSS) to this file");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_usage;
  }

  current_log_level() = parse_log_level(log_level_name).value_or(log_level::warn);
  if (*run_cmd) {
    return run_tournament(run);
  }
  if (*perft_cmd) {
    return run_perft(perft);
  }
  if (*bench_cmd) {
    bench.games_set = games_opt->count() > 0;
    bench.depth_set = depth_opt->count() > 0;
    return run_bench(bench);
  }
  if (*report_cmd) {
    return run_report(report);
  }
  if (*export_cmd) {
    return run_export(export_opts);
  }
  if (*ratings_cmd) {
    return run_ratings(ratings);
  }
  if (*worker_cmd) {
    return run_worker(worker);
  }
  if (*validate_cmd) {
    return run_validate(validate);
  }
  return exit_usage;
}
