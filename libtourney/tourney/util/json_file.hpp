#pragma once
// Reading JSON documents from files and strings with errors that give the
// file, line and column of a syntax error.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tourney/util/expected.hpp"

namespace tourney {

/// Parses text (comments allowed); `origin` names the source in errors
/// ("config.json:3:14: syntax error: ...").
expected<nlohmann::json> parse_json_text(std::string_view text, std::string_view origin);

/// Reads and parses a file; a missing or unreadable file is an error naming it.
expected<nlohmann::json> read_json_file(const std::string& path);

}  // namespace tourney
