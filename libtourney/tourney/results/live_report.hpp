#pragma once
// The report a running tournament keeps in its folder (runtime_options::
// live_report, `tourney run --live-report`): <folder>/report.html, the page
// `tourney report DIR --html` makes, rewritten from the folder's files.
#include <string>

#include "tourney/util/expected.hpp"

namespace tourney::results {

/// The live report's file name inside the tournament folder.
inline constexpr const char* live_report_file = "report.html";

enum class report_durability {
  atomic,   // temporary file + rename: a reader never sees half a page
  durable,  // and fsynced (the final page)
};

/// Writes <folder>/report.html from tournament.json and games.jsonl (the
/// games already durable; record links only for files already written).
[[nodiscard]] expected<void> write_live_report(const std::string& folder, report_durability durability);

}  // namespace tourney::results
