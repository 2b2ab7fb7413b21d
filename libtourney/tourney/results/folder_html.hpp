#pragma once
// `tourney report DIR --html FILE`: the report of one tournament folder as a
// self-contained HTML page (stats/html_report.hpp), with links to the games'
// record files relative to where the page is written.
#include <string>

#include "tourney/util/expected.hpp"

namespace tourney::results {

/// The page for `folder`, to be written at `html_path` (links are relative
/// to its directory; a record file that does not exist gets no link).
/// Errors as read_folder_report's.
expected<std::string> folder_html(const std::string& folder, const std::string& html_path);

}  // namespace tourney::results
