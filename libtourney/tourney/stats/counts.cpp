#include "tourney/stats/counts.hpp"

namespace tourney::stats {

namespace {
int half_points(game_outcome outcome) {
  switch (outcome) {
    case game_outcome::loss:
      return 0;
    case game_outcome::draw:
      return 1;
    case game_outcome::win:
      return 2;
  }
  return 1;
}
}  // namespace

void wdl_counts::add(game_outcome outcome) {
  switch (outcome) {
    case game_outcome::win:
      ++wins;
      break;
    case game_outcome::loss:
      ++losses;
      break;
    case game_outcome::draw:
      ++draws;
      break;
  }
}

void pentanomial_counts::add(game_outcome first_game, game_outcome second_game) {
  ++counts[static_cast<std::size_t>(half_points(first_game) + half_points(second_game))];
}

void pairing_tally::add_game(std::uint64_t pair, game_outcome outcome, int games_in_pair) {
  wdl_.add(outcome);
  if (games_in_pair < 2) {
    return;
  }
  auto it = pending_.find(pair);
  if (it == pending_.end()) {
    pending_.emplace(pair, outcome);
    return;
  }
  penta_.add(it->second, outcome);
  pending_.erase(it);
}

}  // namespace tourney::stats
