#include "tourney/spec/player_helpers.hpp"

#include <utility>

namespace tourney::spec {

player_spec builtin(std::string kind, std::string name) {
  player_spec p;
  p.name = name.empty() ? kind : std::move(name);
  p.player = builtin_player{std::move(kind)};
  return p;
}

player_spec builtin(std::string kind, int depth, std::string name) {
  auto default_name = kind + "-" + std::to_string(depth);
  player_spec p = builtin(std::move(kind), name.empty() ? std::move(default_name) : std::move(name));
  p.as_builtin()->depth = depth;
  return p;
}

player_spec host(std::string registered, std::string name) {
  player_spec p;
  p.name = name.empty() ? registered : std::move(name);
  p.player = host_player{std::move(registered)};
  return p;
}

player_spec usi_engine(std::string name, std::string command) {
  player_spec p;
  p.name = std::move(name);
  usi_player u;
  u.engine.command = std::move(command);
  p.player = std::move(u);
  return p;
}

}  // namespace tourney::spec
