#include "tourney/durable/saved_tournament.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "tourney/runtime/ids.hpp"
#include "tourney/spec/json.hpp"
#include "tourney/spec/limits.hpp"
#include "tourney/util/json_file.hpp"

namespace tourney::durable {

expected<saved_tournament> read_saved_tournament(const std::string& folder) {
  saved_tournament out;
  out.folder = folder;
  const auto meta_path = folder + "/tournament.json";
  struct stat dir_info {};
  if (::stat(folder.c_str(), &dir_info) != 0) {
    return fail(fmt::format("{}: cannot resume: {}", folder, std::strerror(errno)));
  }
  if (!S_ISDIR(dir_info.st_mode)) {
    return fail(fmt::format("{}: cannot resume: not a directory", folder));
  }
  auto meta = read_json_file(meta_path, spec::limits::saved_json_bytes, "a saved tournament.json");
  if (!meta) {
    return fail(fmt::format("{}: cannot resume: {}", folder, meta.error().message));
  }
  if (!meta->is_object()) {
    return fail(fmt::format("{}: not a JSON object", meta_path));
  }
  int version = 1;
  if (auto v = meta->find("format_version"); v != meta->end()) {
    if (!v->is_number_integer()) {
      return fail(fmt::format("{}: \"format_version\" must be an integer", meta_path));
    }
    version = v->get<int>();
  }
  if (version > folder_format_version) {
    return fail(fmt::format("{}: format version {} is newer than this tourney reads ({}); resume it with a "
                            "newer tourney",
                            meta_path, version, folder_format_version));
  }
  auto id = meta->find("tournament_id");
  if (id == meta->end() || !id->is_string() || id->get<std::string>().size() < 8) {
    return fail(fmt::format("{}: missing or bad \"tournament_id\"", meta_path));
  }
  out.id = id->get<std::string>();
  if (auto n = meta->find("name"); n != meta->end() && n->is_string()) {
    out.name = n->get<std::string>();
  }
  if (auto s = meta->find("status"); s != meta->end() && s->is_string()) {
    out.status = s->get<std::string>();
  }
  auto spec_json = meta->find("spec");
  if (spec_json == meta->end()) {
    return fail(fmt::format("{}: no \"spec\" key: cannot rebuild the schedule", meta_path));
  }
  auto spec = spec::spec_from_json(*spec_json, "spec");
  if (!spec) {
    return fail(fmt::format("{}: {}", meta_path, spec.error().message));
  }
  out.spec = std::move(*spec);
  if (version < 2) {
    for (std::size_t i = 0; i < out.spec.players.size(); ++i) {
      const auto& p = out.spec.players[i];
      if (p.kind() != spec::player_kind::builtin) {
        return fail(fmt::format("{}: cannot resume: written by a tourney that did not save a {} player's own "
                                "nodes, depth and seed (spec.players[{}] '{}'), so the rest of the games could "
                                "differ from those already played; start the tournament anew",
                                meta_path, p.kind() == spec::player_kind::usi ? "USI" : "host", i, p.name));
      }
    }
  }
  if (out.name.empty()) {
    out.name = out.spec.name;
  }

  const auto journal_path = folder + "/games.jsonl";
  auto journal = results::read_journal(journal_path);
  if (!journal) {
    return tl::unexpected(journal.error());
  }
  struct stat info {};
  if (::stat(journal_path.c_str(), &info) == 0) {
    out.journal_bytes = static_cast<std::uint64_t>(info.st_size);
  }
  out.journal_valid_bytes = journal->valid_bytes;
  out.warnings = std::move(journal->warnings);
  for (auto& g : journal->games) {
    // A game id names its tournament: a journal copied from elsewhere is
    // refused rather than merged.
    if (!g.game_id.empty() && g.game_id != rt::game_id_for(out.id, g.index)) {
      return fail(fmt::format("{}: game {} (index {}) belongs to another tournament than {} (expected id {})",
                              journal_path, g.game_id, g.index, out.id, rt::game_id_for(out.id, g.index)));
    }
    out.finished.push_back(std::move(g));
  }
  return out;
}

expected<void> cut_journal_tail(const saved_tournament& saved) {
  if (saved.journal_bytes <= saved.journal_valid_bytes) {
    return {};
  }
  const auto path = saved.folder + "/games.jsonl";
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    return fail(fmt::format("{}: open: {}", path, std::strerror(errno)));
  }
  if (::ftruncate(fd, static_cast<off_t>(saved.journal_valid_bytes)) != 0 || ::fsync(fd) != 0) {
    auto e = fail(fmt::format("{}: cutting the truncated last line: {}", path, std::strerror(errno)));
    ::close(fd);
    return e;
  }
  ::close(fd);
  return {};
}

}  // namespace tourney::durable
