#include "tourney/durable/game_files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/stat.h>

#include <fmt/format.h>

#include "tourney/record/csa.hpp"
#include "tourney/record/json.hpp"
#include "tourney/record/kif.hpp"
#include "tourney/storage/names.hpp"

namespace tourney::durable {

namespace {

expected<void> write_text(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return fail(fmt::format("{}: open: {}", path, std::strerror(errno)));
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const int saved = errno;
  const bool closed = std::fclose(f) == 0;
  if (!written || !closed) {
    return fail(fmt::format("{}: write: {}", path, std::strerror(written ? errno : saved)));
  }
  return {};
}

}  // namespace

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
