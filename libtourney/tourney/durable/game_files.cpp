#include "tourney/durable/game_files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>

#include "tourney/record/csa.hpp"
#include "tourney/record/json.hpp"
#include "tourney/record/kif.hpp"
#include "tourney/storage/names.hpp"

namespace tourney::durable {

namespace {

constexpr const char* temp_suffix = ".tmp";

// Whole or absent: written beside the target and renamed over it, so a full
// disk or a kill never leaves a cut file (not synced: the journal is the
// record of truth and repair_game_files rewrites what a power cut lost).
expected<void> write_text(const std::string& path, const std::string& text) {
  const auto temp = path + temp_suffix;
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) {
    return fail(fmt::format("{}: open: {}", temp, std::strerror(errno)));
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const int saved = errno;
  const bool closed = std::fclose(f) == 0;
  if (!written || !closed) {
    const int why = written ? errno : saved;
    std::remove(temp.c_str());
    return fail(fmt::format("{}: write: {}", path, std::strerror(why)));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int why = errno;
    std::remove(temp.c_str());
    return fail(fmt::format("{}: rename: {}", path, std::strerror(why)));
  }
  return {};
}

// The "game_id" of a journal line without parsing it (record::to_json and a
// worker's line write it unspaced; an id holds no quote), or "" when absent:
// a repair parses only the lines of games whose files need rewriting.
std::string_view journal_game_id(std::string_view line) {
  static constexpr std::string_view key = "\"game_id\":\"";
  const auto at = line.find(key);
  if (at == std::string_view::npos) {
    return {};
  }
  const auto from = at + key.size();
  const auto to = line.find('"', from);
  return to == std::string_view::npos ? std::string_view() : line.substr(from, to - from);
}

// A record file is whole when its last line is the result comment every
// format ends with ("'tourney result=..." in CSA, "#tourney result=..." in
// KIF) and ends with a newline: a cut file is a prefix, which does not.
bool is_whole(const std::string& path, char comment) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return false;
  }
  char tail[4096];
  std::size_t n = 0;
  if (std::fseek(f, 0, SEEK_END) == 0) {
    const long size = std::ftell(f);
    const long from = size > static_cast<long>(sizeof tail) ? size - static_cast<long>(sizeof tail) : 0;
    if (size > 0 && std::fseek(f, from, SEEK_SET) == 0) {
      n = std::fread(tail, 1, sizeof tail, f);
    }
  }
  std::fclose(f);
  if (n < 2 || tail[n - 1] != '\n') {
    return false;
  }
  const std::string_view text(tail, n - 1);
  const auto start = text.rfind('\n');
  const auto last = start == std::string_view::npos ? text : text.substr(start + 1);
  const std::string marker = std::string(1, comment) + "tourney result=";
  return last.substr(0, marker.size()) == marker;
}

}  // namespace

expected<std::size_t> repair_game_files(const std::string& folder, const std::vector<std::string>& game_ids) {
  const auto dir = folder + "/games";
  // Temporary files of writes a crash interrupted.
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, temp_suffix) == 0) {
      std::filesystem::remove(it->path(), ec);
    }
  }
  std::set<std::string> broken;
  for (const auto& id : game_ids) {
    const auto base = dir + "/" + storage::sanitize_name(id);
    if (!is_whole(base + ".csa", '\'') || !is_whole(base + ".kifu", '#')) {
      broken.insert(id);
    }
  }
  if (broken.empty()) {
    return std::size_t{0};
  }
  // Rewritten from their journal lines: only the lines of broken games are parsed.
  const auto journal = folder + "/games.jsonl";
  std::ifstream in(journal, std::ios::binary);
  if (!in) {
    return fail(fmt::format("{}: cannot read to repair record files: {}", journal, std::strerror(errno)));
  }
  std::size_t repaired = 0;
  std::string line;
  while (!broken.empty() && std::getline(in, line)) {
    auto it = broken.find(std::string(journal_game_id(line)));
    if (it == broken.end()) {
      continue;
    }
    auto parsed = record::parse_json_line(line);
    if (parsed && parsed->game_id == *it) {
      if (!parsed->start_sfen.empty()) {
        TOURNEY_TRY(write_game_files(folder, *parsed));
        ++repaired;
      }
      broken.erase(it);
    }
  }
  return repaired;
}

expected<std::size_t> repair_all_game_files(const std::string& folder) {
  const auto journal = folder + "/games.jsonl";
  std::ifstream in(journal, std::ios::binary);
  if (!in) {
    return fail(fmt::format("{}: cannot read to repair record files: {}", journal, std::strerror(errno)));
  }
  std::vector<std::string> ids;
  std::string line;
  while (std::getline(in, line)) {
    if (auto id = journal_game_id(line); !id.empty()) {
      ids.emplace_back(id);
    }
  }
  return repair_game_files(folder, ids);
}

expected<void> write_game_files(const std::string& folder, std::string_view journal_line) {
  auto rec = record::parse_json_line(journal_line);
  if (!rec) {
    return {};
  }
  return write_game_files(folder, *rec);
}

expected<void> write_game_files(const std::string& folder, const record::game_record& rec) {
  if (rec.game_id.empty()) {
    return {};
  }
  const auto dir = folder + "/games";
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return fail(fmt::format("{}: mkdir: {}", dir, std::strerror(errno)));
  }
  const auto base = dir + "/" + storage::sanitize_name(rec.game_id);
  if (auto csa = record::to_csa(rec); csa) {
    if (auto ok = write_text(base + ".csa", *csa); !ok) {
      return ok;
    }
  }
  if (auto kif = record::to_kif(rec); kif) {
    if (auto ok = write_text(base + ".kifu", *kif); !ok) {
      return ok;
    }
  }
  return {};
}

}  // namespace tourney::durable
