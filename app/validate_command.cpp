// tourney validate CONFIG: checks a config without running anything: the
// same checks as `tourney run` (schedule::check_tournament, which runtime
// start uses), openings file included.
#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "log.hpp"
#include "tourney/schedule/check.hpp"
#include "tourney/spec/config.hpp"

namespace tourney::app {

int run_validate(const validate_options& options) {
  auto config = spec::load_config(options.config);
  if (!config) {
    eprint("tourney: invalid config: {}\n", config.error().message);
    return exit_usage;
  }
  const auto& t = config->tournament;
  auto openings = schedule::check_tournament(t);
  if (!openings) {
    eprint("tourney: invalid config: {}: {}\n", options.config,
               openings.error().message);
    return exit_usage;
  }
  fmt::print("{}: ok ({} players, {}, {} games per pairing, {} rounds, {} openings)\n",
             options.config, t.players.size(),
             t.kind == spec::format::gauntlet ? "gauntlet" : "round robin", t.games_per_pairing,
             t.rounds, openings->size());
  return exit_ok;
}

}  // namespace tourney::app
