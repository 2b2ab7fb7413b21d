// tourney run [CONFIG]: plays the tournament a config describes (the embedded
// default without one), shows progress, prints the standings and, alone on
// its last line, the results folder. SIGINT/SIGTERM stop it resumably.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>

#include <fmt/format.h>
#include <poll.h>
#include <unistd.h>

#include "commands.hpp"
#include "log.hpp"
#include "embedded_config.hpp"
#include "progress_printer.hpp"
#include "signals.hpp"
#include "tourney/results/folder_report.hpp"
#include "tourney/runtime.hpp"
#include "tourney/schedule/schedule.hpp"
#include "tourney/results/folder_verdict.hpp"
#include "tourney/stats/gate.hpp"
#include "tourney/storage/atomic_file.hpp"
#include "tourney/spec/config.hpp"
#include "tourney/spec/host_port.hpp"
#include "tourney/storage/parent_of.hpp"
#include "tourney/spec/limits.hpp"
#include "tourney/util/json_file.hpp"

namespace tourney::app {

namespace {

expected<spec::run_config> load_run_config(const run_options& options) {
  if (!options.config.empty()) {
    return spec::load_config(options.config);
  }
  auto j = parse_json_text(embedded_default_config, "<embedded config/default.json>");
  if (!j) {
    return tl::unexpected(j.error());
  }
  return spec::config_from_json(*j);
}

progress_style choose_style(const std::string& flag, spec::progress_mode configured) {
  if (flag == "json") {
    return progress_style::json;
  }
  if (flag == "none") {
    return progress_style::none;
  }
  if (flag == "text") {
    return progress_style::line;
  }
  switch (configured) {
    case spec::progress_mode::json:
      return progress_style::json;
    case spec::progress_mode::none:
      return progress_style::none;
    case spec::progress_mode::text:
      return progress_style::line;
    case spec::progress_mode::automatic:
      break;
  }
  return ::isatty(STDOUT_FILENO) != 0 ? progress_style::line : progress_style::json;
}

// Checks the --gate conditions against the spec before anything runs.
expected<std::vector<stats::gate_condition>> gate_conditions(const run_options& options,
                                                             const spec::tournament_spec& spec) {
  std::vector<stats::gate_condition> out;
  if (!options.gate) {
    if (!options.require.empty()) {
      return fail("--require decides only with --gate");
    }
    return out;
  }
  if (!spec.sprt && options.require.empty()) {
    return fail("--gate needs an SPRT in the config or at least one --require condition");
  }
  std::vector<std::string> names;
  for (const auto& p : spec.players) {
    names.push_back(p.name);
  }
  auto plan = schedule::schedule::create(spec, 1);
  if (!plan) {
    return tl::unexpected(plan.error());
  }
  auto parsed = stats::parse_conditions(options.require);
  if (!parsed) {
    return fail("--require: " + parsed.error().message);
  }
  for (const auto& c : *parsed) {
    if (auto ok = stats::check_condition(c, names, plan->pairings()); !ok) {
      return fail("--require: " + ok.error().message);
    }
  }
  return *parsed;
}

// The verdict of a finished tournament: printed as a JSON line, saved in
// tournament.json ("verdict"), returned as the exit code.
int gate_verdict(const std::string& folder, const std::vector<stats::gate_condition>& conditions) {
  auto decision = results::folder_verdict(folder, conditions);
  if (!decision) {
    eprint("tourney: --gate: {}\n", decision.error().message);
    return exit_failure;
  }
  auto verdict = stats::gate_to_json(*decision);
  const auto meta_path = folder + "/tournament.json";
  auto meta = read_json_file(meta_path, spec::limits::saved_json_bytes, "a saved tournament.json");
  if (meta && meta->is_object()) {
    (*meta)["verdict"] = verdict;
    if (auto written = storage::write_file_atomically(meta_path, meta->dump(2) + "\n"); !written) {
      eprint("tourney: --gate: {}\n", written.error().message);
    }
  } else {
    eprint("tourney: --gate: {}: cannot record the verdict\n", meta_path);
  }
  auto line = verdict;
  line["event"] = "verdict";
  (void)write_out(stdout, line.dump() + "\n");
  switch (decision->verdict) {
    case stats::gate_verdict::pass:
      return exit_gate_pass;
    case stats::gate_verdict::fail:
      return exit_gate_fail;
    case stats::gate_verdict::no_verdict:
      break;
  }
  return exit_gate_no_verdict;
}

}  // namespace

int run_tournament(const run_options& options) {
  // A file-size limit must become an EFBIG write error (a clear message and
  // a saved journal), never a kill.
  std::signal(SIGXFSZ, SIG_IGN);
  const bool resuming = !options.resume.empty();
  if (resuming && !options.config.empty()) {
    eprint("tourney: --resume continues a saved tournament: give no config ({})\n", options.config);
    return exit_usage;
  }
  // Resume: the saved spec rules the tournament; the config only sets how
  // it runs here (its storage is the folder's parent, for retention).
  auto config = resuming ? expected<spec::run_config>(spec::run_config{}) : load_run_config(options);
  if (!config) {
    eprint("tourney: invalid config: {}\n", config.error().message);
    return exit_usage;
  }
  if (resuming) {
    config->storage = storage::parent_of(options.resume);
  }
  if (!options.storage.empty()) {
    config->storage = options.storage;
  }
  if (options.games > 0) {
    config->tournament.games_per_pairing = options.games;
  }
  if (options.concurrency > 0) {
    config->slots = options.concurrency;
  }
  if (!options.workers.empty()) {
    auto workers = spec::parse_host_port_list(options.workers);
    if (!workers) {
      eprint("tourney: --workers {}\n", workers.error().message);
      return exit_usage;
    }
    config->workers = std::move(*workers);
  }
  if (options.local_slots >= 0) {
    config->local_games = options.local_slots > 0;
    config->slots = options.local_slots;
  }
  if (options.tls.enabled()) {
    config->tls = options.tls;
  }
  std::vector<stats::gate_condition> conditions;
  if (options.gate || !options.require.empty()) {
    auto saved = resuming ? results::read_folder_report(options.resume, results::report_detail::standings)
                          : expected<results::folder_report>(results::folder_report{});
    if (!saved) {
      eprint("tourney: cannot resume: {}\n", saved.error().message);
      return exit_failure;
    }
    auto checked = gate_conditions(options, resuming ? saved->spec : config->tournament);
    if (!checked) {
      eprint("tourney: {}\n", checked.error().message);
      return exit_usage;
    }
    conditions = std::move(*checked);
  }

  runtime_options rt_options;
  rt_options.max_concurrent_tournaments = 1;
  rt_options.game_slots = static_cast<std::size_t>(config->slots);
  rt_options.storage_dir = config->storage;
  rt_options.live_report.enabled = options.live_report;
  rt_options.history_limit = static_cast<std::size_t>(config->history_limit);
  rt_options.keep_tournaments = static_cast<std::size_t>(config->keep_tournaments);
  rt_options.keep_days = config->keep_days;
  rt_options.workers = config->workers;
  rt_options.local_games = config->local_games;
  rt_options.tls = config->tls;
  rt_options.game_record_files = options.game_files;
  rt_options.slot_wait_limit = std::chrono::milliseconds(static_cast<std::int64_t>(config->slot_wait_limit_s * 1000));
  runtime rt(rt_options);

  interrupt_signals signals;
  auto poller = rt.make_poller();
  auto id = resuming ? rt.resume_from(options.resume) : rt.start(config->tournament, config->tournament.name, 0);
  if (!id) {
    eprint("tourney: cannot {}: {}\n", resuming ? "resume" : "start", id.error().message);
    if (id.error().kind == error_kind::in_use) {
      return exit_usage;
    }
    return resuming ? exit_failure : exit_usage;
  }
  progress_printer printer(choose_style(options.progress, config->progress), stdout);
  log(log_level::info, "started tournament '{}' ({}) with {} players, {} games per pairing, storage {}",
      config->tournament.name, *id, config->tournament.players.size(),
      config->tournament.games_per_pairing, config->storage);

  bool interrupted = false;
  std::optional<progress_snapshot> final_state;
  while (!final_state) {
    pollfd fds[2] = {{poller.fd(), POLLIN, 0}, {signals.fd(), POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0 && errno != EINTR) {
      eprint("tourney: poll: {}\n", std::strerror(errno));
      break;
    }
    if (signals.received() != 0 && !interrupted) {
      interrupted = true;
      printer.finish();
      eprint("tourney: {} received: stopping games in flight and saving "
                         "(press Ctrl-C again to exit at once)\n",
                 strsignal(signals.received()));
      // Refused only when the tournament has just ended: its terminal event follows.
      if (auto c = rt.cancel(*id); !c) {
        log(log_level::debug, "cancel: {}", c.reason);
      }
    }
    for (auto& event : poller.poll()) {
      if (event.snapshot.tournament_id != *id) {
        continue;
      }
      if (!printer.show(event) && !interrupted) {
        // Whoever read the progress is gone (`| head -1`): stop as on SIGHUP.
        interrupted = true;
        eprint("tourney: standard output closed: stopping games in flight and saving\n");
        if (auto c = rt.cancel(*id); !c) {
          log(log_level::debug, "cancel: {}", c.reason);
        }
      }
      log(log_level::debug, "event {} status {} {}/{} games", static_cast<int>(event.kind),
          rt::to_string(event.snapshot.status), event.snapshot.completed_games,
          event.snapshot.total_games);
      if (event.kind == event_kind::terminal) {
        final_state = event.snapshot;
      }
    }
  }
  printer.finish();
  log(log_level::info, "tournament {} ended: {}", *id,
      final_state ? rt::to_string(final_state->status) : std::string_view("unknown"));
  rt.shutdown(shutdown_mode::immediate);
  if (!final_state) {
    return exit_failure;
  }
  const auto& s = *final_state;
  // The last line names the results folder only when there is one (a
  // tournament that failed before its first save has none).
  std::error_code ec;
  const bool saved = std::filesystem::is_directory(s.folder, ec);
  if (auto report = results::read_folder_report(s.folder, results::report_detail::standings)) {
    (void)write_out(stdout, "\n" + report->standings_text);
  }
  if (interrupted) {
    eprint("tourney: interrupted after {} of {} games; every finished game is saved.\n",
               s.completed_games, s.total_games);
    if (saved) {
      eprint("resume with: tourney run --resume {}\n", s.folder);
      (void)write_out(stdout, s.folder + "\n");
    }
    return exit_interrupted;
  }
  if (s.status == rt::tournament_status::failed) {
    eprint("tourney: tournament failed: {}\n", s.error_message);
    if (saved) {
      (void)write_out(stdout, s.folder + "\n");
    } else {
      eprint("tourney: nothing was saved ({} was not created)\n", s.folder);
    }
    return exit_failure;
  }
  const int code = options.gate ? gate_verdict(s.folder, conditions) : exit_ok;
  (void)write_out(stdout, s.folder + "\n");
  return code;
}

}  // namespace tourney::app
