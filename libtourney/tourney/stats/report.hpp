#pragma once
// The statistics of a tournament as tournament.json's `statistics` object and
// as the text standings the app prints and `tourney report` re-prints.
//
// Stable JSON (issue 6): statistics.pairs[] = {players: [first, second],
// wins, losses, draws, elo, elo_error95, los, pentanomial: [LL, LD, DD+WL,
// WD, WW], sprt?: {llr, lower, upper, result: "H0" | "H1" | "continue"}}; the
// numbers are from the first player's view. Extra fields are additive. A value
// that does not exist (no games, infinite Elo) is null, never NaN.
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tourney/spec/tournament_spec.hpp"
#include "tourney/stats/counts.hpp"
#include "tourney/stats/pairing_summary.hpp"
#include "tourney/stats/ratings.hpp"
#include "tourney/stats/sprt.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::stats {

/// Games of every pairing, for compute_ratings and the crosstable.
std::vector<head_to_head> head_to_heads(const std::vector<pairing_summary>& pairs);

/// One statistics.pairs entry. names are the tournament's players.
nlohmann::json pair_to_json(const std::vector<std::string>& names, const pairing_summary& pair);

/// Reads a statistics.pairs entry back (for `tourney report`): players are
/// looked up in names; counts must be non-negative integers. The error names
/// the field.
expected<pairing_summary> pair_from_json(const std::vector<std::string>& names,
                                         const nlohmann::json& entry);

/// {anchor, complete, players: [{name, games, points, elo, error95, bound}]}.
nlohmann::json ratings_to_json(const std::vector<std::string>& names, const rating_table& table);

/// {players: [...], cells: [[null | {wins, losses, draws, games, points}]]},
/// cells[i][j] from player i's view; null where they did not meet.
nlohmann::json crosstable_to_json(const std::vector<std::string>& names,
                                  const std::vector<head_to_head>& games);

/// The whole `statistics` object: {pairs, ratings?, crosstable}.
nlohmann::json statistics_to_json(const std::vector<std::string>& names,
                                  const std::vector<pairing_summary>& pairs,
                                  const std::optional<rating_table>& ratings);

/// Text: the standings (by rating when there is one, else by score), every
/// pairing's results and statistics, the crosstable.
std::string standings_text(const std::vector<std::string>& names,
                           const std::vector<pairing_summary>& pairs,
                           const std::optional<rating_table>& ratings);

/// Re-renders the standings from a saved `statistics` object (for `tourney
/// report`): the pairs are read back with pair_from_json and the ratings,
/// when the object has them, recomputed with the saved anchor. Errors name
/// the entry ("statistics.pairs[2]: ...").
expected<std::string> standings_text_from_json(const std::vector<std::string>& names,
                                               const nlohmann::json& statistics);

/// The crosstable alone: points of the row player against the column player.
std::string crosstable_text(const std::vector<std::string>& names,
                            const std::vector<head_to_head>& games);

}  // namespace tourney::stats
