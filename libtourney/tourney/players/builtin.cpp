#include "tourney/players/builtin.hpp"

#include "tourney/players/alphabeta_player.hpp"
#include "tourney/players/heuristic_player.hpp"
#include "tourney/players/random_player.hpp"
#include "tourney/players/resign_player.hpp"

namespace tourney::players {

const std::vector<std::string>& builtin_player_names() {
  static const std::vector<std::string> names = {"random", "heuristic", "alphabeta", "resign"};
  return names;
}

expected<std::unique_ptr<player>> make_builtin_player(const spec::player_spec& spec) {
  const std::string who = "player '" + spec.name + "'";
  if (spec.kind != spec::player_kind::builtin) {
    return fail(who + ": not a built-in player");
  }
  const bool searches = spec.builtin == "alphabeta";
  if (!searches && (spec.depth != 0 || spec.nodes != 0)) {
    if (spec.builtin == "random" || spec.builtin == "heuristic" || spec.builtin == "resign") {
      return fail(who + ": built-in '" + spec.builtin +
                  "' does not search; depth and nodes apply only to 'alphabeta'");
    }
  }
  if (spec.builtin == "random") {
    return std::unique_ptr<player>(std::make_unique<random_player>(spec.seed));
  }
  if (spec.builtin == "heuristic") {
    return std::unique_ptr<player>(std::make_unique<heuristic_player>(spec.seed));
  }
  if (spec.builtin == "resign") {
    return std::unique_ptr<player>(std::make_unique<resign_player>());
  }
  if (searches) {
    if (spec.depth < 0 || spec.depth > alphabeta_player::max_depth) {
      return fail(who + ": alphabeta depth " + std::to_string(spec.depth) +
                  " is out of range (0 = default 3, or 1.." +
                  std::to_string(alphabeta_player::max_depth) + ")");
    }
    alphabeta_settings settings;
    settings.depth = spec.depth == 0 ? 3 : spec.depth;
    settings.nodes = spec.nodes;
    settings.seed = spec.seed;
    return std::unique_ptr<player>(std::make_unique<alphabeta_player>(settings));
  }
  std::string known;
  for (const auto& name : builtin_player_names()) {
    known += (known.empty() ? "" : ", ") + name;
  }
  return fail(who + ": unknown built-in player '" + spec.builtin + "' (known: " + known + ")");
}

}  // namespace tourney::players
