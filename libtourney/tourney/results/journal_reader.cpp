#include "tourney/results/journal_reader.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tourney::results {

namespace {

expected<journal_entry> parse_entry(const std::string& line) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const std::exception& e) {
    return fail(fmt::format("not JSON ({})", e.what()));
  }
  if (!j.is_object()) {
    return fail("not a JSON object");
  }
  journal_entry e;
  auto index = j.find("index");
  if (index == j.end() || !index->is_number_unsigned()) {
    return fail("missing or bad \"index\"");
  }
  e.index = index->get<std::uint64_t>();
  auto result = j.find("result");
  if (result == j.end() || !result->is_string()) {
    return fail("missing or bad \"result\"");
  }
  auto r = game::result_from_string(result->get<std::string>());
  if (!r) {
    return tl::unexpected(r.error());
  }
  e.result = *r;
  if (auto id = j.find("game_id"); id != j.end() && id->is_string()) {
    e.game_id = id->get<std::string>();
  }
  if (auto reason = j.find("reason"); reason != j.end() && reason->is_string()) {
    e.reason = reason->get<std::string>();
  }
  if (auto black = j.find("black"); black != j.end() && black->is_string()) {
    e.black = black->get<std::string>();
  }
  if (auto white = j.find("white"); white != j.end() && white->is_string()) {
    e.white = white->get<std::string>();
  }
  if (auto plies = j.find("plies"); plies != j.end() && plies->is_number_integer()) {
    e.plies = plies->get<int>();
  }
  return e;
}

}  // namespace

expected<journal_contents> read_journal(const std::string& path) {
  journal_contents out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) {
      return out;
    }
    return fail(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::set<std::uint64_t> seen;
  std::size_t begin = 0;
  std::size_t line_number = 0;
  while (begin < text.size()) {
    ++line_number;
    auto end = text.find('\n', begin);
    if (end == std::string::npos) {
      // No newline: the append was cut short; the game is not counted.
      out.warnings.push_back(fmt::format("{}:{}: truncated last line ignored ({} bytes)", path,
                                         line_number, text.size() - begin));
      break;
    }
    std::string line = text.substr(begin, end - begin);
    begin = end + 1;
    out.valid_bytes = begin;
    if (line.empty()) {
      continue;
    }
    auto entry = parse_entry(line);
    if (!entry) {
      out.warnings.push_back(
          fmt::format("{}:{}: damaged line skipped: {}", path, line_number, entry.error().message));
      continue;
    }
    if (!seen.insert(entry->index).second) {
      out.warnings.push_back(fmt::format("{}:{}: game index {} appears again; counted once", path,
                                         line_number, entry->index));
      continue;
    }
    out.games.push_back(std::move(*entry));
  }
  return out;
}

}  // namespace tourney::results
