// tourney report DIR [--json] [--html FILE]: the standings of a tournament folder.
#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "log.hpp"
#include "tourney/results/folder_html.hpp"
#include "tourney/results/folder_report.hpp"
#include "tourney/storage/atomic_file.hpp"

namespace tourney::app {

int run_report(const report_options& options) {
  auto report = results::read_folder_report(
      options.folder, options.json ? results::report_detail::standings_and_statistics : results::report_detail::standings);
  if (!report) {
    eprint("tourney report: {}\n", report.error().message);
    return exit_usage;
  }
  for (const auto& w : report->warnings) {
    eprint("warning: {}\n", w);
  }
  if (!options.html.empty()) {
    auto page = results::folder_html(options.folder, options.html);
    if (!page) {
      eprint("tourney report: {}\n", page.error().message);
      return exit_usage;
    }
    if (auto written = storage::write_file_atomically(options.html, *page); !written) {
      eprint("tourney report: --html: {}\n", written.error().message);
      return exit_failure;
    }
  }
  if (options.json) {
    nlohmann::json j{{"folder", report->folder},
                     {"name", report->spec.name},
                     {"status", report->status},
                     {"total_games", report->total_games},
                     {"finished_games", report->finished_games},
                     {"statistics", report->statistics}};
    fmt::print("{}\n", j.dump(2));
    return exit_ok;
  }
  fmt::print("{} ({}): {} of {} games finished\n\n{}", report->spec.name,
             report->status.empty() ? "unknown status" : report->status, report->finished_games,
             report->total_games, report->standings_text);
  return exit_ok;
}

}  // namespace tourney::app
