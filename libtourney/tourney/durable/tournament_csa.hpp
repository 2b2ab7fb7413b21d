#pragma once
// Every game of a tournament in one CSA V2.2 file, <folder>/games.csa: each
// game's record as in a one-game file, games separated by a line "/" (the
// CSA V2.2 separator of several games in one file). Appended with the
// journal's group commit (one write per batch, no file created per game) and
// not synced: the journal is the record of truth, and resume rewrites this
// file from it (rewrite_tournament_csa), so a power cut loses nothing.
#include <string>
#include <string_view>

#include "tourney/record/game_record.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::durable {

inline constexpr std::string_view tournament_csa_name = "games.csa";

/// The text that adds one game to the file: its CSA record, after a "/"
/// line unless it is the file's first game. Empty for a game without a full
/// record (one that never started).
[[nodiscard]] std::string tournament_csa_entry(const record::game_record& rec, bool first);

/// The same from the game's journal line.
[[nodiscard]] std::string tournament_csa_entry(std::string_view journal_line, bool first);

/// An open games.csa, appended to (never synced).
class tournament_csa_file {
 public:
  /// Opens (creating) <folder>/games.csa for appending.
  [[nodiscard]] static expected<tournament_csa_file> open(const std::string& folder);
  tournament_csa_file() = default;
  tournament_csa_file(tournament_csa_file&& other) noexcept;
  tournament_csa_file& operator=(tournament_csa_file&& other) noexcept;
  tournament_csa_file(const tournament_csa_file&) = delete;
  tournament_csa_file& operator=(const tournament_csa_file&) = delete;
  ~tournament_csa_file();

  /// The file holds a game already (the next entry needs a "/" first).
  [[nodiscard]] bool has_games() const {
    return has_games_;
  }
  /// Appends entries made by tournament_csa_entry, in one write.
  [[nodiscard]] expected<void> append(std::string_view entries);

 private:
  int fd_ = -1;
  std::string path_;
  bool has_games_ = false;
};

/// Writes <folder>/games.csa anew from the journal (temporary file, fsync,
/// rename): resume calls it, since the file may lag the journal or be cut.
/// Returns how many games it holds.
[[nodiscard]] expected<std::size_t> rewrite_tournament_csa(const std::string& folder);

}  // namespace tourney::durable
