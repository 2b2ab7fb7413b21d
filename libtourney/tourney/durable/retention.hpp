#pragma once
// History retention on disk: old tournament folders under the storage
// directory are removed by count (keep the newest N) or by age (older than D
// days). A folder counts as a tournament folder only if it holds a
// tournament.json with a tournament_id. Never removed: a tournament the
// caller names as active (running, queued or being resumed here), and one
// whose tournament.json says "running" or "paused" (possibly live in another
// process, or a crash waiting for resume).
#include <chrono>
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "tourney/util/expected.hpp"

namespace tourney::durable {

struct retention_policy {
  std::size_t keep_tournaments = 0;  // 0: no limit by count
  int keep_days = 0;                 // 0: no limit by age
  bool enabled() const {
    return keep_tournaments > 0 || keep_days > 0;
  }
};

struct stored_tournament {
  std::string folder;  // full path
  std::string id;
  std::string status;
  std::chrono::system_clock::time_point modified;  // tournament.json mtime
};

/// Which folders the policy removes (pure: unit-tested without files).
/// Newest first by `modified`; protected ones are kept and not counted
/// against keep_tournaments.
std::vector<std::string> folders_to_prune(std::vector<stored_tournament> stored, const retention_policy& policy,
                                          const std::set<std::string>& active_ids,
                                          std::chrono::system_clock::time_point now);

/// Lists the tournament folders in `storage_dir` (missing dir: none).
std::vector<stored_tournament> list_stored_tournaments(const std::string& storage_dir);

/// Applies the policy; returns the removed folders. Errors name the folder.
expected<std::vector<std::string>> prune_tournaments(const std::string& storage_dir, const retention_policy& policy,
                                                     const std::set<std::string>& active_ids);

}  // namespace tourney::durable
