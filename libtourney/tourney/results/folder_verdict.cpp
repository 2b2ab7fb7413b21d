#include "tourney/results/folder_verdict.hpp"

#include <fmt/format.h>

#include "tourney/results/folder_report.hpp"
#include "tourney/stats/report.hpp"

namespace tourney::results {

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
  return stats::decide_gate(names, pairs, conditions);
}

}  // namespace tourney::results
