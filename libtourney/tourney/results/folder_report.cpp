#include "tourney/results/folder_report.hpp"

#include <fmt/format.h>

#include "tourney/results/journal_reader.hpp"
#include "tourney/schedule/openings.hpp"
#include "tourney/spec/json.hpp"
#include "tourney/spec/limits.hpp"
#include "tourney/util/json_file.hpp"

namespace tourney::results {

expected<folder_report> read_folder_report(const std::string& folder, report_detail detail) {
  folder_report out;
  out.folder = folder;
  auto meta_path = folder + "/tournament.json";
  auto meta = read_json_file(meta_path, spec::limits::saved_json_bytes, "a saved tournament.json");
  if (!meta) {
    return fail(fmt::format("{} is not a tournament folder: {}", folder, meta.error().message));
  }
  if (!meta->is_object() || !meta->contains("spec")) {
    return fail(fmt::format("{}: no \"spec\" key (not written by this version of tourney?)",
                            meta_path));
  }
  auto spec = spec::spec_from_json((*meta)["spec"], "spec");
  if (!spec) {
    return fail(fmt::format("{}: {}", meta_path, spec.error().message));
  }
  out.spec = *spec;
  if (auto s = meta->find("status"); s != meta->end() && s->is_string()) {
    out.status = s->get<std::string>();
  }
  std::uint64_t openings_count = 1;
  if (!out.spec.openings.file.empty()) {
    auto openings = schedule::load_openings(out.spec.openings);
    if (!openings) {
      return fail(fmt::format("{}: openings: {}", meta_path, openings.error().message));
    }
    openings_count = openings->size();
  }
  auto games = schedule::schedule::create(out.spec, openings_count);
  if (!games) {
    return fail(fmt::format("{}: {}", meta_path, games.error().message));
  }
  out.total_games = games->size();
  auto tally = results_tally::create(out.spec, *games);
  if (!tally) {
    return fail(fmt::format("{}: {}", meta_path, tally.error().message));
  }
  auto journal = read_journal(folder + "/games.jsonl");
  if (!journal) {
    return tl::unexpected(journal.error());
  }
  out.warnings = journal->warnings;
  for (const auto& g : journal->games) {
    if (!tally->add(g.index, g.result)) {
      out.warnings.push_back(fmt::format("{}/games.jsonl: game index {} is outside the schedule "
                                         "of {} games; ignored",
                                         folder, g.index, games->size()));
    }
  }
  out.finished_games = tally->counted();
  out.standings_text = tally->standings_text();
  if (detail == report_detail::standings_and_statistics) {
    out.statistics = tally->statistics_json();
  }
  return out;
}

}  // namespace tourney::results
