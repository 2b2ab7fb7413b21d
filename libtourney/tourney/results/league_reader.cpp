#include "tourney/results/league_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "tourney/results/journal_reader.hpp"
#include "tourney/spec/limits.hpp"
#include "tourney/util/json_file.hpp"

namespace tourney::results {

namespace fs = std::filesystem;

namespace {

bool is_tournament_folder(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "tournament.json", ec);
}

// The tournament folders a directory names: itself, or its subfolders.
expected<std::vector<std::string>> tournament_folders(const std::string& directory) {
  std::error_code ec;
  const fs::path dir(directory);
  if (!fs::is_directory(dir, ec)) {
    return fail(fmt::format("{}: not a directory", directory));
  }
  if (is_tournament_folder(dir)) {
    return std::vector<std::string>{dir.lexically_normal().string()};
  }
  std::vector<std::string> out;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec) && is_tournament_folder(it->path())) {
      out.push_back(it->path().lexically_normal().string());
    }
  }
  if (ec) {
    return fail(fmt::format("{}: cannot list: {}", directory, ec.message()));
  }
  if (out.empty()) {
    return fail(fmt::format(
        "{}: not a tournament folder (no tournament.json) and none of its subfolders is one",
        directory));
  }
  return out;
}

}  // namespace

expected<league_games> read_league(const std::vector<std::string>& directories) {
  league_games out;
  std::set<std::string> folders;
  for (const auto& d : directories) {
    auto found = tournament_folders(d);
    if (!found) {
      return tl::unexpected(found.error());
    }
    folders.insert(found->begin(), found->end());
  }
  out.folders.assign(folders.begin(), folders.end());

  struct entry {
    std::string black;
    std::string white;
    game::result result;
  };
  std::vector<entry> games;
  for (const auto& folder : out.folders) {
    // tournament.json must be readable: it says this is a tournament folder.
    auto meta = read_json_file(folder + "/tournament.json", spec::limits::saved_json_bytes,
                               "a saved tournament.json");
    if (!meta) {
      return fail(fmt::format("{}: {}", folder, meta.error().message));
    }
    if (!meta->is_object()) {
      return fail(fmt::format("{}/tournament.json: not a JSON object", folder));
    }
    auto journal = read_journal(folder + "/games.jsonl");
    if (!journal) {
      return tl::unexpected(journal.error());
    }
    out.warnings.insert(out.warnings.end(), journal->warnings.begin(), journal->warnings.end());
    for (const auto& g : journal->games) {
      if (g.result == game::result::error) {
        ++out.error_games;
        continue;
      }
      if (g.black.empty() || g.white.empty() || g.black == g.white) {
        out.warnings.push_back(fmt::format(
            "{}/games.jsonl: game index {} has no two player names (black, white); skipped", folder,
            g.index));
        continue;
      }
      games.push_back({g.black, g.white, g.result});
    }
  }
  std::set<std::string> names;
  for (const auto& g : games) {
    names.insert(g.black);
    names.insert(g.white);
  }
  out.players.assign(names.begin(), names.end());
  std::map<std::string, int> index;
  for (std::size_t i = 0; i < out.players.size(); ++i) {
    index[out.players[i]] = static_cast<int>(i);
  }
  std::map<std::pair<int, int>, stats::colour_results> totals;
  for (const auto& g : games) {
    const int b = index[g.black];
    const int w = index[g.white];
    auto& t = totals[{b, w}];
    t.black = b;
    t.white = w;
    if (g.result == game::result::black_win) {
      ++t.black_wins;
    } else if (g.result == game::result::white_win) {
      ++t.white_wins;
    } else {
      ++t.draws;
    }
    ++out.game_count;
  }
  for (const auto& [key, t] : totals) {
    out.games.push_back(t);
  }
  return out;
}

}  // namespace tourney::results
