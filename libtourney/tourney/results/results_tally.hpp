#pragma once
// The statistics of one tournament, fed with finished games by schedule
// index: per-pairing W/L/D and pentanomial pairs, the SPRT state, and for
// three or more players the maximum-likelihood ratings. Used live by the
// runtime and offline by `tourney report` (from games.jsonl), so both print
// the same numbers. Adding a game twice is ignored (idempotent ingestion).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tourney/game/outcome.hpp"
#include "tourney/schedule/index_set.hpp"
#include "tourney/schedule/schedule.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/stats/ratings.hpp"
#include "tourney/stats/report.hpp"
#include "tourney/stats/sprt.hpp"
#include "tourney/stats/tournament_tally.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::results {

class results_tally {
 public:
  static expected<results_tally> create(const spec::tournament_spec& spec,
                                        const schedule::schedule& games);

  /// Counts game `index` (a schedule index). False when the index is out of
  /// range or already counted. Error games count as errors, not in Elo.
  bool add(std::uint64_t index, game::result result);

  std::uint64_t counted() const {
    return counted_;
  }
  std::uint64_t errors() const {
    return errors_;
  }

  /// One summary per pairing, SPRT evaluated for an SPRT run.
  std::vector<stats::pairing_summary> pairings() const;
  /// Whether an SPRT run has reached a verdict (the tournament stops early).
  bool sprt_decided() const {
    return tally_.sprt_decided();
  }
  /// The SPRT state of a two-player SPRT run (nothing otherwise).
  std::optional<stats::sprt_status> sprt_state() const;
  /// Ratings of every player (round robin or three or more players).
  std::optional<stats::rating_table> ratings() const;

  /// tournament.json "statistics" (statistics.pairs, ratings, crosstable).
  nlohmann::json statistics_json() const;
  /// The standings table and crosstable as text.
  std::string standings_text() const;

 private:
  results_tally(const spec::tournament_spec& spec, const schedule::schedule& games,
                stats::tournament_tally tally);

  std::vector<std::string> names_;
  stats::rating_anchor anchor_;
  schedule::schedule games_;
  stats::tournament_tally tally_;
  schedule::index_set seen_;  // ingestion is idempotent; flat in the schedule's size
  std::uint64_t counted_ = 0;
  std::uint64_t errors_ = 0;
};

}  // namespace tourney::results
