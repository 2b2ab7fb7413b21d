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
  const auto* b = spec.as_builtin();
  if (b == nullptr) {
    return fail(who + ": not a built-in player");
  }
  const bool searches = b->kind == "alphabeta";
  if (!searches && (b->depth != 0 || b->nodes != 0)) {
    if (b->kind == "random" || b->kind == "heuristic" || b->kind == "resign") {
      return fail(who + ": built-in '" + b->kind +
                  "' does not search; depth and nodes apply only to 'alphabeta'");
    }
  }
  if (b->kind == "random") {
    return std::unique_ptr<player>(std::make_unique<random_player>(b->seed));
  }
  if (b->kind == "heuristic") {
    return std::unique_ptr<player>(std::make_unique<heuristic_player>(b->seed));
  }
  if (b->kind == "resign") {
    return std::unique_ptr<player>(std::make_unique<resign_player>());
  }
  if (searches) {
    if (b->depth < 0 || b->depth > alphabeta_player::max_depth) {
      return fail(who + ": alphabeta depth " + std::to_string(b->depth) +
                  " is out of range (0 = default 3, or 1.." +
                  std::to_string(alphabeta_player::max_depth) + ")");
    }
    alphabeta_settings settings;
    settings.depth = b->depth == 0 ? 3 : b->depth;
    settings.nodes = b->nodes;
    settings.seed = b->seed;
    return std::unique_ptr<player>(std::make_unique<alphabeta_player>(settings));
  }
  std::string known;
  for (const auto& name : builtin_player_names()) {
    known += (known.empty() ? "" : ", ") + name;
  }
  return fail(who + ": unknown built-in player '" + b->kind + "' (known: " + known + ")");
}

}  // namespace tourney::players
