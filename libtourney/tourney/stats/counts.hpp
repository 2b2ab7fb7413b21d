#pragma once
// Result counts of one pairing: games (win/loss/draw) and game pairs
// (pentanomial), always from the point of view of the pairing's first player.
#include <array>
#include <cstdint>
#include <map>

namespace tourney::stats {

/// The result of one game for the first player of a pairing.
enum class game_outcome { loss, draw, win };

/// Games won, lost and drawn by the first player.
struct wdl_counts {
  std::uint64_t wins = 0;
  std::uint64_t losses = 0;
  std::uint64_t draws = 0;

  std::uint64_t games() const {
    return wins + losses + draws;
  }
  /// Wins plus half the draws.
  double points() const {
    return static_cast<double>(wins) + 0.5 * static_cast<double>(draws);
  }
  void add(game_outcome outcome);
  /// The same games seen from the second player.
  wdl_counts mirrored() const {
    return {losses, wins, draws};
  }
  friend bool operator==(const wdl_counts& a, const wdl_counts& b) {
    return a.wins == b.wins && a.losses == b.losses && a.draws == b.draws;
  }
  friend bool operator!=(const wdl_counts& a, const wdl_counts& b) {
    return !(a == b);
  }
};

/// Game pairs (the two games of one opening, colours swapped) by the first
/// player's pair score: index 0 = LL (0 points), 1 = LD (0.5), 2 = DD or WL
/// (1), 3 = WD (1.5), 4 = WW (2). The order fishtest and fastchess use.
struct pentanomial_counts {
  std::array<std::uint64_t, 5> counts{};

  std::uint64_t pairs() const {
    return counts[0] + counts[1] + counts[2] + counts[3] + counts[4];
  }
  void add(game_outcome first_game, game_outcome second_game);
  pentanomial_counts mirrored() const {
    return {{counts[4], counts[3], counts[2], counts[1], counts[0]}};
  }
  friend bool operator==(const pentanomial_counts& a, const pentanomial_counts& b) {
    return a.counts == b.counts;
  }
  friend bool operator!=(const pentanomial_counts& a, const pentanomial_counts& b) {
    return !(a == b);
  }
};

/// Accumulates the finished games of one pairing in any order: every game
/// counts in the W/L/D totals; a game pair enters the pentanomial once both of
/// its games are in. A lone game (odd games per pairing) or a pair whose other
/// game never finished stays out of the pentanomial, as in fastchess.
class pairing_tally {
 public:
  /// pair: the schedule's game pair number; outcome for the first player;
  /// games_in_pair: 1 for a lone game (schedule::games_in_pair), which then
  /// is not kept waiting for a partner.
  void add_game(std::uint64_t pair, game_outcome outcome, int games_in_pair = 2);

  const wdl_counts& wdl() const {
    return wdl_;
  }
  const pentanomial_counts& pentanomial() const {
    return penta_;
  }
  /// Games waiting for the other game of their pair.
  std::size_t unpaired_games() const {
    return pending_.size();
  }

 private:
  wdl_counts wdl_;
  pentanomial_counts penta_;
  std::map<std::uint64_t, game_outcome> pending_;
};

}  // namespace tourney::stats
