#include "tourney/schedule/schedule.hpp"

#include <fmt/format.h>

#include <limits>

namespace tourney::schedule {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::vector<std::uint64_t> shuffled_order(std::uint64_t count, std::uint64_t seed) {
  std::vector<std::uint64_t> order(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    order[i] = i;
  }
  std::uint64_t state = seed;
  auto next = [&state] {
    state += 0x9e3779b97f4a7c15ULL;
    return splitmix64(state);
  };
  for (std::uint64_t i = count; i > 1; --i) {
    // Unbiased draw in [0, i): reject the top partial block of 2^64.
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % i;
    std::uint64_t r = next();
    while (r >= limit) {
      r = next();
    }
    std::swap(order[i - 1], order[r % i]);
  }
  return order;
}

namespace {
bool multiply_overflows(std::uint64_t a, std::uint64_t b) {
  return a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a;
}
}  // namespace

expected<schedule> schedule::create(const spec::tournament_spec& spec,
                                    std::uint64_t openings_count) {
  const auto players = spec.players.size();
  if (players < 2) {
    return fail(fmt::format("schedule: {} player(s); a tournament needs at least 2", players));
  }
  if (players > static_cast<std::size_t>(std::numeric_limits<int>::max() / 2)) {
    return fail("schedule: too many players");
  }
  if (spec.games_per_pairing < 1) {
    return fail(fmt::format("schedule: games_per_pairing is {}; it must be at least 1",
                            spec.games_per_pairing));
  }
  if (spec.rounds < 1) {
    return fail(fmt::format("schedule: rounds is {}; it must be at least 1", spec.rounds));
  }
  if (openings_count < 1) {
    return fail("schedule: no openings (without a file, pass 1 for the start position)");
  }
  if (spec.sprt && players != 2) {
    return fail(fmt::format("schedule: an SPRT needs exactly 2 players, not {}", players));
  }
  schedule s;
  s.format_ = spec.kind;
  s.players_ = static_cast<int>(players);
  s.games_per_pairing_ = static_cast<std::uint64_t>(spec.games_per_pairing);
  s.rounds_ = static_cast<std::uint64_t>(spec.rounds);
  const auto n = static_cast<std::uint64_t>(players);
  s.pairing_count_ = spec.kind == spec::format::gauntlet ? n - 1 : n * (n - 1) / 2;
  if (multiply_overflows(s.pairing_count_, s.games_per_pairing_) ||
      multiply_overflows(s.pairing_count_ * s.games_per_pairing_, s.rounds_)) {
    return fail("schedule: more games than 64-bit indices can count");
  }
  s.size_ = s.pairing_count_ * s.games_per_pairing_ * s.rounds_;
  s.openings_ = openings_count;
  s.opening_start_ = spec.openings.start % openings_count;
  s.seed_ = spec.seed;
  if (spec.openings.order == spec::opening_order::random) {
    // The opening seed, or the tournament seed when it is left at 0.
    const auto seed = spec.openings.seed != 0 ? spec.openings.seed : spec.seed;
    s.opening_order_ = shuffled_order(openings_count, seed);
  }
  return s;
}

std::pair<int, int> schedule::pairing(std::uint64_t k) const {
  if (format_ == spec::format::gauntlet) {
    return {0, static_cast<int>(k + 1)};
  }
  // Row i holds the pairs (i, i+1) .. (i, n-1): n-1-i of them.
  int i = 0;
  auto remaining = k;
  for (; i < players_ - 1; ++i) {
    const auto row = static_cast<std::uint64_t>(players_ - 1 - i);
    if (remaining < row) {
      break;
    }
    remaining -= row;
  }
  return {i, static_cast<int>(static_cast<std::uint64_t>(i) + 1 + remaining)};
}

std::vector<std::pair<int, int>> schedule::pairings() const {
  std::vector<std::pair<int, int>> out;
  out.reserve(pairing_count_);
  for (std::uint64_t k = 0; k < pairing_count_; ++k) {
    out.push_back(pairing(k));
  }
  return out;
}

std::uint64_t schedule::pair_count() const {
  const auto slots = (games_per_pairing_ + 1) / 2;
  return rounds_ * pairing_count_ * slots;
}

int schedule::games_in_pair(std::uint64_t pair) const {
  const auto slots = (games_per_pairing_ + 1) / 2;
  const auto local = pair % (pairing_count_ * slots);
  const auto slot = local / pairing_count_;
  const bool lone = games_per_pairing_ % 2 == 1 && slot == slots - 1;
  return lone ? 1 : 2;
}

game_assignment schedule::at(std::uint64_t index) const {
  const auto full = games_per_pairing_ / 2;  // full pairs per pairing per round
  const auto slots = (games_per_pairing_ + 1) / 2;
  const auto per_round = pairing_count_ * games_per_pairing_;
  const auto round = index / per_round;
  const auto local = index % per_round;
  std::uint64_t slot = 0;
  std::uint64_t pairing_index = 0;
  std::uint64_t game_in_pair = 0;
  bool lone = false;
  if (local < 2 * full * pairing_count_) {
    slot = local / (2 * pairing_count_);
    const auto rest = local % (2 * pairing_count_);
    pairing_index = rest / 2;
    game_in_pair = rest % 2;
  } else {
    slot = full;
    pairing_index = local - 2 * full * pairing_count_;
    lone = true;
  }
  const auto [first, second] = pairing(pairing_index);
  bool first_is_black = false;
  if (lone) {
    first_is_black = round % 2 == 0;
  } else {
    const auto k = round * full + slot;  // this pairing's k-th full pair
    first_is_black = (k % 2 == 0) == (game_in_pair == 0);
  }
  game_assignment g;
  g.index = index;
  g.black = first_is_black ? first : second;
  g.white = first_is_black ? second : first;
  g.round = static_cast<int>(round);
  g.pair = round * pairing_count_ * slots + slot * pairing_count_ + pairing_index;
  const auto play_order = (opening_start_ + (round * slots + slot) % openings_) % openings_;
  g.opening = opening_order_.empty() ? play_order : opening_order_[play_order];
  g.seed = splitmix64(seed_ ^ splitmix64(index));
  g.pairing = pairing_index;
  return g;
}

}  // namespace tourney::schedule
