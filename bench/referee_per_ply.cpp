// Referee cost per ply: random-vs-random games through game::referee, timing
// only the referee's apply() (legality check, play, repetition, mate/no-move
// detection, adjudication), not the players.
//   build/bench/referee_per_ply [games=200] [max_plies=512]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "tourney/game/referee.hpp"
#include "tourney/players/random_player.hpp"

int main(int argc, char** argv) {
  using namespace tourney;
  const int games = argc > 1 ? std::atoi(argv[1]) : 200;
  const int max_plies = argc > 2 ? std::atoi(argv[2]) : 512;
  game::referee_settings settings;
  settings.adjudication.max_plies = max_plies;
  players::random_player black(1);
  players::random_player white(2);
  std::atomic<bool> stop{false};
  std::chrono::nanoseconds referee_time{0};
  long long plies = 0;
  int decisive = 0;
  const auto wall_start = std::chrono::steady_clock::now();
  for (int g = 0; g < games; ++g) {
    game::referee r(shogi::position::startpos(), {}, settings);
    black.new_game(static_cast<std::uint64_t>(g));
    white.new_game(static_cast<std::uint64_t>(g));
    while (r.needs_move()) {
      const auto side = r.side_to_move();
      const auto limits = r.limits();
      players::move_request request{r.start_position(), r.history(), r.position(), limits, stop};
      auto d = (side == shogi::color::black ? black : white).decide(request);
      const auto t0 = std::chrono::steady_clock::now();
      r.apply(side, std::move(d), std::chrono::milliseconds{0});
      referee_time += std::chrono::steady_clock::now() - t0;
      ++plies;
    }
    if (r.end()->winner()) {
      ++decisive;
    }
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  std::printf("games %d, plies %lld, decisive %d, wall %.2f s\n", games, plies, decisive, wall);
  std::printf(
      "referee apply: %.2f us per ply\n",
      std::chrono::duration<double, std::micro>(referee_time).count() / static_cast<double>(plies));
  std::printf(
      "{\"games\":%d,\"plies\":%lld,\"referee_us_per_ply\":%.3f}\n", games, plies,
      std::chrono::duration<double, std::micro>(referee_time).count() / static_cast<double>(plies));
  return 0;
}
