#pragma once
// Reading JSON documents from files and strings with errors that give the
// file, line and column of a syntax error. A key given twice in one object is
// an error naming its field path and both lines (nlohmann would keep the last
// silently); so is nesting deeper than 64 levels.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tourney/util/expected.hpp"

namespace tourney {

/// Parses text (comments allowed); `origin` names the source in errors
/// ("config.json:3:14: JSON syntax error: ...", "config.json:7: players[1].name:
/// duplicate key (first on line 5)").
expected<nlohmann::json> parse_json_text(std::string_view text, std::string_view origin);

/// Reads and parses a file of at most max_bytes; a missing, unreadable or
/// larger file is an error naming it (and the limit, with `what` the kind of
/// file: "a config file").
expected<nlohmann::json> read_json_file(const std::string& path, std::size_t max_bytes,
                                        std::string_view what);

}  // namespace tourney
