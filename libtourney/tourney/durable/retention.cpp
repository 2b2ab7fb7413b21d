#include "tourney/durable/retention.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "tourney/spec/limits.hpp"
#include "tourney/util/json_file.hpp"

namespace tourney::durable {

namespace fs = std::filesystem;

namespace {

bool may_be_live(const std::string& status) {
  return status == "running" || status == "paused" || status == "created";
}

}  // namespace

std::vector<std::string> folders_to_prune(std::vector<stored_tournament> stored, const retention_policy& policy,
                                          const std::set<std::string>& active_ids,
                                          std::chrono::system_clock::time_point now) {
  std::vector<std::string> out;
  if (!policy.enabled()) {
    return out;
  }
  std::stable_sort(stored.begin(), stored.end(),
                   [](const stored_tournament& a, const stored_tournament& b) { return a.modified > b.modified; });
  const auto max_age = std::chrono::hours(24) * policy.keep_days;
  std::size_t kept = 0;
  for (const auto& t : stored) {
    if (active_ids.count(t.id) != 0 || may_be_live(t.status)) {
      continue;
    }
    const bool too_many = policy.keep_tournaments > 0 && kept >= policy.keep_tournaments;
    const bool too_old = policy.keep_days > 0 && now - t.modified > max_age;
    if (too_many || too_old) {
      out.push_back(t.folder);
    } else {
      ++kept;
    }
  }
  return out;
}

std::vector<stored_tournament> list_stored_tournaments(const std::string& storage_dir) {
  std::vector<stored_tournament> out;
  std::error_code ec;
  for (fs::directory_iterator it(storage_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e2;
    if (!it->is_directory(e2) || it->is_symlink(e2)) {
      continue;
    }
    const auto meta_path = it->path() / "tournament.json";
    auto meta = read_json_file(meta_path.string(), spec::limits::saved_json_bytes,
                               "a saved tournament.json");
    if (!meta || !meta->is_object()) {
      continue;
    }
    auto id = meta->find("tournament_id");
    if (id == meta->end() || !id->is_string()) {
      continue;
    }
    stored_tournament t;
    t.folder = it->path().string();
    t.id = id->get<std::string>();
    if (auto s = meta->find("status"); s != meta->end() && s->is_string()) {
      t.status = s->get<std::string>();
    }
    auto mtime = fs::last_write_time(meta_path, e2);
    if (e2) {
      continue;
    }
    // file_time_type and system_clock share the epoch on libstdc++ (C++17
    // has no clock_cast); the difference is only the clock's offset.
    t.modified = std::chrono::system_clock::now() +
                 std::chrono::duration_cast<std::chrono::system_clock::duration>(
                     mtime - fs::file_time_type::clock::now());
    out.push_back(std::move(t));
  }
  return out;
}

expected<std::vector<std::string>> prune_tournaments(const std::string& storage_dir, const retention_policy& policy,
                                                     const std::set<std::string>& active_ids) {
  std::vector<std::string> removed;
  if (!policy.enabled()) {
    return removed;
  }
  auto doomed = folders_to_prune(list_stored_tournaments(storage_dir), policy, active_ids,
                                 std::chrono::system_clock::now());
  for (const auto& folder : doomed) {
    std::error_code ec;
    fs::remove_all(folder, ec);
    if (ec) {
      return fail(fmt::format("{}: cannot remove old tournament: {}", folder, ec.message()));
    }
    removed.push_back(folder);
  }
  return removed;
}

}  // namespace tourney::durable
