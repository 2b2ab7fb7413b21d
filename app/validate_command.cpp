// tourney validate CONFIG: checks a config without running anything.
#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "log.hpp"
#include "tourney/spec/config.hpp"

namespace tourney::app {

int run_validate(const validate_options& options) {
  auto config = spec::load_config(options.config);
  if (!config) {
    eprint("tourney: invalid config: {}\n", config.error().message);
    return exit_usage;
  }
  const auto& t = config->tournament;
  fmt::print("{}: ok ({} players, {}, {} games per pairing, {} rounds)\n", options.config,
             t.players.size(), t.kind == spec::format::gauntlet ? "gauntlet" : "round robin",
             t.games_per_pairing, t.rounds);
  return exit_ok;
}

}  // namespace tourney::app
