#include "tourney/results/folder_verdict.hpp"

#include <fmt/format.h>

#include "tourney/results/folder_report.hpp"
#include "tourney/results/journal_reader.hpp"
#include "tourney/schedule/openings.hpp"
#include "tourney/stats/report.hpp"

namespace tourney::results {

namespace {

std::optional<stats::sprt_status> first_sprt_decision(const folder_report& report) {
  std::uint64_t openings_count = 1;
  if (!report.spec.openings.file.empty()) {
    if (auto openings = schedule::load_openings(report.spec.openings)) {
      openings_count = openings->size();
    }
  }
  auto plan = schedule::schedule::create(report.spec, openings_count);
  if (!plan) {
    return std::nullopt;
  }
  auto tally = results_tally::create(report.spec, *plan);
  auto journal = read_journal(report.folder + "/games.jsonl");
  if (!tally || !journal) {
    return std::nullopt;
  }
  for (const auto& g : journal->games) {
    if (tally->add(g.index, g.result)) {
      if (auto s = tally->sprt_state(); s && s->result != stats::sprt_result::continue_testing) {
        return s;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

expected<stats::gate_decision> folder_verdict(const std::string& folder,
                                              const std::vector<stats::gate_condition>& conditions) {
  auto report = read_folder_report(folder, report_detail::standings_and_statistics);
  if (!report) {
    return tl::unexpected(report.error());
  }
  std::vector<std::string> names;
  for (const auto& p : report->spec.players) {
    names.push_back(p.name);
  }
  std::vector<stats::pairing_summary> pairs;
  const auto& list = report->statistics["pairs"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto pair = stats::pair_from_json(names, list[i]);
    if (!pair) {
      return fail(fmt::format("{}: statistics.pairs[{}]: {}", folder, i, pair.error().message));
    }
    pairs.push_back(*pair);
  }
  // An SPRT run stops dispatching at its first decision, but the games then
  // in flight still count, and they can move the LLR back between the bounds:
  // the SPRT's verdict is the status at that first decision, found by
  // replaying the journal in the order the games were counted.
  if (report->spec.sprt) {
    if (auto decided = first_sprt_decision(*report)) {
      for (auto& p : pairs) {
        if (p.sprt) {
          p.sprt = *decided;
        }
      }
    }
  }
  return stats::decide_gate(names, pairs, conditions);
}

}  // namespace tourney::results
