#include "tourney/detail/game/default_referee.hpp"

#include "tourney/runtime/rules_referee.hpp"

namespace tourney::detail {

rt::referee_factory default_referee_factory() {
  return rt::make_rules_referee;
}

}  // namespace tourney::detail
