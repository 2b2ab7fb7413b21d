#pragma once
// Running statistics of a whole tournament: one pairing_tally per pairing,
// the live SPRT (two-player runs), and the summaries the JSON and the text
// standings are built from. Plain state: the runtime feeds every finished
// game (also the journal's games on resume) and asks whether to stop.
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "tourney/shogi/types.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/stats/counts.hpp"
#include "tourney/stats/ratings.hpp"
#include "tourney/stats/report.hpp"
#include "tourney/stats/sprt.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::stats {

/// A game's outcome for `first` (one of its players), given who played black
/// and the winning colour (nullopt: a draw).
game_outcome outcome_for(int first, int black, std::optional<shogi::color> winner);

class tournament_tally {
 public:
  /// pairings: (first, second) per pairing number (schedule::pairing(k)).
  /// With an SPRT there must be exactly one pairing; its design is checked.
  static expected<tournament_tally> create(std::vector<std::pair<int, int>> pairings,
                                           const std::optional<spec::sprt_spec>& sprt);

  /// A finished game: its pairing and game pair numbers (from the schedule)
  /// and the outcome for the pairing's first player. Errors: pairing out of
  /// range. Re-evaluates the SPRT when the game completes a pair.
  /// games_in_pair: schedule::games_in_pair(pair) (1 for a lone game).
  expected<void> add_game(std::uint64_t pairing, std::uint64_t pair, game_outcome outcome,
                          int games_in_pair = 2);

  /// The latest SPRT status (nullopt without an SPRT).
  const std::optional<sprt_status>& sprt() const {
    return sprt_status_;
  }
  /// Whether the SPRT has reached a verdict (the tournament stops early).
  bool sprt_decided() const {
    return sprt_status_ && sprt_status_->result != sprt_result::continue_testing;
  }

  std::size_t pairing_count() const {
    return tallies_.size();
  }
  const pairing_tally& pairing(std::size_t k) const {
    return tallies_[k];
  }
  /// Games counted so far.
  std::uint64_t games() const;

  std::vector<pairing_summary> summaries() const;
  /// Ratings over all pairings (compute_ratings); player_count players.
  expected<rating_table> ratings(int player_count, rating_anchor anchor) const;

 private:
  tournament_tally() = default;

  std::vector<std::pair<int, int>> pairings_;
  std::vector<pairing_tally> tallies_;
  std::optional<spec::sprt_spec> sprt_settings_;
  std::optional<stats::sprt> sprt_;
  std::optional<sprt_status> sprt_status_;
};

/// The anchor used when the spec says nothing: a gauntlet's agent
/// (players[0]); a round robin's mean.
rating_anchor default_anchor(const spec::tournament_spec& spec);

}  // namespace tourney::stats
