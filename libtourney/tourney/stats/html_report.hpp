#pragma once
// Self-contained HTML reports (`tourney ratings --html`, `tourney report
// --html`): one file, inline CSS and SVG, nothing fetched and no script;
// readable on a phone (viewport, scrolling tables) and in a terminal browser
// (every number is in a table; the charts repeat them). Pure: no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tourney/stats/league.hpp"
#include "tourney/stats/league_report.hpp"
#include "tourney/stats/ratings.hpp"
#include "tourney/stats/report.hpp"

namespace tourney::stats {

/// A league: the rating of each checkpoint over training (the sequence, or
/// every finite player in name order without one) with its 95% band, the
/// table, and the crosstable as a heat map.
std::string league_html(const league_input& input, const league_ratings& ratings,
                        const league_context& context);

/// One game of a tournament, for the list of games and their record files.
struct html_game {
  std::string game_id;
  std::string black;
  std::string white;
  std::string result;  // black_win, white_win, draw, error
  std::string reason;
  int plies = 0;
  std::string kif_href;  // relative links; empty when the file is missing
  std::string csa_href;
};

struct tournament_html_input {
  std::string title;
  std::string status;
  std::uint64_t finished_games = 0;
  std::uint64_t total_games = 0;
  std::vector<std::string> names;
  std::vector<pairing_summary> pairs;
  std::optional<rating_table> ratings;
  /// The SPRT's LLR after each completed game pair, in journal order.
  std::vector<double> sprt_llr;
  std::vector<html_game> games;
};

/// One tournament: standings, per-pairing Elo, LOS and pentanomial counts,
/// the SPRT's progress, the crosstable heat map, every game with links to
/// its KIF and CSA files.
std::string tournament_html(const tournament_html_input& input);

}  // namespace tourney::stats
