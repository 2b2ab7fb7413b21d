#include "tourney/util/json_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace tourney {

namespace {

/// 1-based line and column of a 1-based byte offset (nlohmann's parse_error::byte).
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t byte) {
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

expected<nlohmann::json> parse_json_text(std::string_view text, std::string_view origin) {
  try {
    return nlohmann::json::parse(text.begin(), text.end(), nullptr, true, true);
  } catch (const nlohmann::json::parse_error& e) {
    auto [line, column] = line_column(text, e.byte);
    // e.what() reads "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    std::string what = e.what();
    auto colon = what.find(": ");
    std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
    return fail(fmt::format("{}:{}:{}: JSON syntax error: {}", origin, line, column, reason));
  } catch (const std::exception& e) {
    return fail(fmt::format("{}: cannot parse JSON: {}", origin, e.what()));
  }
}

expected<nlohmann::json> read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return fail(fmt::format("{}: read error", path));
  }
  return parse_json_text(buffer.str(), path);
}

}  // namespace tourney
