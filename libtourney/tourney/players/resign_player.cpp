#include "tourney/players/resign_player.hpp"

namespace tourney::players {

decision resign_player::decide(const move_request& request) {
  (void)request;
  return decision::resign();
}

}  // namespace tourney::players
