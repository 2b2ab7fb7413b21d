#pragma once
// What is known about one pairing of a tournament: its counts from the first
// player's view and, for an SPRT run, the test's last state. No JSON here
// (report.hpp reads and writes it), so verdict.hpp can stay public.
#include <optional>

#include "tourney/spec/tournament_spec.hpp"
#include "tourney/stats/counts.hpp"
#include "tourney/stats/sprt.hpp"

namespace tourney::stats {

struct pairing_summary {
  int first = 0;  // index into the tournament's players
  int second = 1;
  wdl_counts wdl;  // first player's view
  pentanomial_counts pentanomial;
  std::optional<spec::sprt_spec> sprt_settings;  // set for an SPRT run
  std::optional<sprt_status> sprt;               // last evaluation
};

}  // namespace tourney::stats
