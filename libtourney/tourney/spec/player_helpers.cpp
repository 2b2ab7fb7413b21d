#include "tourney/spec/player_helpers.hpp"

#include <utility>

namespace tourney::spec {

player_spec builtin(std::string kind, std::string name) {
  player_spec p;
  p.kind = player_kind::builtin;
  p.name = name.empty() ? kind : std::move(name);
  p.builtin = std::move(kind);
  return p;
}

player_spec host(std::string registered, std::string name) {
  player_spec p;
  p.kind = player_kind::host;
  p.name = name.empty() ? registered : std::move(name);
  p.host_name = std::move(registered);
  return p;
}

player_spec usi(std::string name, std::string command) {
  player_spec p;
  p.kind = player_kind::usi;
  p.name = std::move(name);
  p.usi.command = std::move(command);
  return p;
}

}  // namespace tourney::spec
