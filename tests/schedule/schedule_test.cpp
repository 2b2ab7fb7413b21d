// Expected schedules are derived by hand from the rules stated in issue 6
// and schedule.hpp (pairs of games with colours swapped, alternation, exact
// games per pairing), not from the program's output.
#include "tourney/schedule/schedule.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <map>
#include <set>

using namespace tourney;
namespace sched = tourney::schedule;
using game_schedule = tourney::schedule::schedule;

namespace {
spec::tournament_spec make_spec(spec::format kind, int players, int games_per_pairing, int rounds) {
  spec::tournament_spec s;
  s.kind = kind;
  for (int i = 0; i < players; ++i) {
    spec::player_spec p;
    p.name = "p" + std::to_string(i);
    s.players.push_back(p);
  }
  s.games_per_pairing = games_per_pairing;
  s.rounds = rounds;
  return s;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(schedule_schedule)

BOOST_AUTO_TEST_CASE(two_players_three_games_two_rounds_by_hand) {
  // Per round: one pair (colours swapped) then a lone game. Pair k of the
  // pairing starts with the first player black when k is even; lone games
  // give black to the first player in even rounds. Openings in play order:
  // round * 2 + slot.
  auto s = game_schedule::create(make_spec(spec::format::gauntlet, 2, 3, 2), 10);
  BOOST_REQUIRE(s.has_value());
  BOOST_TEST(s->size() == 6u);
  struct expected_game {
    int black, white, round;
    std::uint64_t pair, opening;
  };
  const expected_game want[] = {
      {0, 1, 0, 0, 0}, {1, 0, 0, 0, 0}, {0, 1, 0, 1, 1},
      {1, 0, 1, 2, 2}, {0, 1, 1, 2, 2}, {1, 0, 1, 3, 3},
  };
  for (std::uint64_t i = 0; i < 6; ++i) {
    const auto g = s->at(i);
    BOOST_TEST_CONTEXT("game " << i) {
      BOOST_TEST(g.index == i);
      BOOST_TEST(g.black == want[i].black);
      BOOST_TEST(g.white == want[i].white);
      BOOST_TEST(g.round == want[i].round);
      BOOST_TEST(g.pair == want[i].pair);
      BOOST_TEST(g.opening == want[i].opening);
      BOOST_TEST(g.pairing == 0u);
    }
  }
  BOOST_TEST(s->pair_count() == 4u);
  BOOST_TEST(s->games_in_pair(0) == 2);
  BOOST_TEST(s->games_in_pair(1) == 1);
  BOOST_TEST(s->games_in_pair(3) == 1);
}

BOOST_AUTO_TEST_CASE(gauntlet_plays_the_agent_against_each_opponent) {
  auto s = game_schedule::create(make_spec(spec::format::gauntlet, 4, 4, 2), 1);
  BOOST_REQUIRE(s.has_value());
  BOOST_TEST(s->pairing_count() == 3u);
  BOOST_TEST(s->size() == 3u * 4u * 2u);
  std::map<int, int> games_against;
  int agent_black = 0;
  for (std::uint64_t i = 0; i < s->size(); ++i) {
    const auto g = s->at(i);
    BOOST_TEST((g.black == 0 || g.white == 0));
    BOOST_TEST(g.black != g.white);
    ++games_against[g.black == 0 ? g.white : g.black];
    agent_black += g.black == 0 ? 1 : 0;
    BOOST_TEST(g.opening == 0u);  // one opening only: the start position
    const auto [first, second] = s->pairing(g.pairing);
    BOOST_TEST(first == std::min(g.black, g.white));
    BOOST_TEST(second == std::max(g.black, g.white));
  }
  BOOST_TEST(games_against.size() == 3u);
  for (const auto& [opponent, count] : games_against) {
    BOOST_TEST(count == 8);
  }
  BOOST_TEST(agent_black == 12);
}

BOOST_AUTO_TEST_CASE(round_robin_with_odd_games_per_pairing) {
  // 4 players: 6 pairings; 3 games per pairing and round, 2 rounds: 36 games,
  // 6 per pairing, 3 black for each side (1 pair + 1 lone game per round,
  // lone colours alternating by round), 12 lone games.
  auto s = game_schedule::create(make_spec(spec::format::round_robin, 4, 3, 2), 7);
  BOOST_REQUIRE(s.has_value());
  BOOST_TEST(s->pairing_count() == 6u);
  const std::pair<int, int> order[] = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
  const auto all = s->pairings();
  BOOST_REQUIRE(all.size() == 6u);
  for (std::uint64_t k = 0; k < 6; ++k) {
    BOOST_TEST((s->pairing(k) == order[k]));
    BOOST_TEST((all[k] == order[k]));
  }
  BOOST_TEST(s->size() == 36u);
  std::map<std::pair<int, int>, int> games;
  std::map<std::pair<int, int>, int> first_black;
  std::map<std::uint64_t, std::vector<sched::game_assignment>> by_pair;
  for (std::uint64_t i = 0; i < s->size(); ++i) {
    const auto g = s->at(i);
    const auto key = std::make_pair(std::min(g.black, g.white), std::max(g.black, g.white));
    ++games[key];
    first_black[key] += g.black == key.first ? 1 : 0;
    by_pair[g.pair].push_back(g);
  }
  BOOST_TEST(games.size() == 6u);
  for (const auto& [key, n] : games) {
    BOOST_TEST(n == 6);
    BOOST_TEST(first_black[key] == 3);
  }
  int lone = 0;
  BOOST_TEST(by_pair.size() == s->pair_count());
  for (const auto& [pair, list] : by_pair) {
    BOOST_TEST(static_cast<int>(list.size()) == s->games_in_pair(pair));
    if (list.size() == 1) {
      ++lone;
      continue;
    }
    // The two games of a pair: same players, swapped colours, same opening.
    BOOST_TEST(list[0].black == list[1].white);
    BOOST_TEST(list[0].white == list[1].black);
    BOOST_TEST(list[0].opening == list[1].opening);
    BOOST_TEST(list[0].round == list[1].round);
  }
  BOOST_TEST(lone == 12);
}

BOOST_AUTO_TEST_CASE(pairings_are_interleaved_within_a_round) {
  // The first 2 * pairings games are one pair of every pairing.
  auto s = game_schedule::create(make_spec(spec::format::round_robin, 5, 6, 1), 3);
  BOOST_REQUIRE(s.has_value());
  std::set<std::uint64_t> pairings;
  for (std::uint64_t i = 0; i < 2 * s->pairing_count(); ++i) {
    pairings.insert(s->at(i).pairing);
  }
  BOOST_TEST(pairings.size() == s->pairing_count());
}

BOOST_AUTO_TEST_CASE(openings_sequential_with_start_and_wraparound) {
  auto spec = make_spec(spec::format::gauntlet, 2, 2, 5);
  spec.openings.start = 3;
  auto s = game_schedule::create(spec, 4);
  BOOST_REQUIRE(s.has_value());
  // Pairs 0..4 take openings 3, 0, 1, 2, 3 (start 3, 4 openings).
  const std::uint64_t want[] = {3, 0, 1, 2, 3};
  for (std::uint64_t r = 0; r < 5; ++r) {
    BOOST_TEST(s->at(2 * r).opening == want[r]);
    BOOST_TEST(s->at(2 * r + 1).opening == want[r]);
  }
}

BOOST_AUTO_TEST_CASE(random_opening_order_is_a_seeded_permutation) {
  auto spec = make_spec(spec::format::gauntlet, 2, 2, 20);
  spec.openings.order = spec::opening_order::random;
  spec.openings.seed = 42;
  auto a = game_schedule::create(spec, 20);
  auto b = game_schedule::create(spec, 20);
  spec.openings.seed = 43;
  auto c = game_schedule::create(spec, 20);
  BOOST_REQUIRE((a && b && c));
  std::set<std::uint64_t> seen;
  bool same_as_other_seed = true;
  bool identity = true;
  for (std::uint64_t r = 0; r < 20; ++r) {
    const auto o = a->at(2 * r).opening;
    seen.insert(o);
    BOOST_TEST(o == b->at(2 * r).opening);
    same_as_other_seed = same_as_other_seed && o == c->at(2 * r).opening;
    identity = identity && o == r;
  }
  BOOST_TEST(seen.size() == 20u);  // every opening once
  BOOST_TEST(!same_as_other_seed);
  BOOST_TEST(!identity);
  auto order = sched::shuffled_order(1000, 7);
  std::sort(order.begin(), order.end());
  for (std::uint64_t i = 0; i < 1000; ++i) {
    BOOST_TEST(order[i] == i);
  }
}

BOOST_AUTO_TEST_CASE(random_access_without_generation) {
  // 10^9 rounds of 1000 games: at() is arithmetic, so the last game is
  // immediate; seeds are deterministic and differ from game to game.
  auto s = game_schedule::create(make_spec(spec::format::round_robin, 3, 1000, 1000000000), 5);
  BOOST_REQUIRE(s.has_value());
  BOOST_TEST(s->size() == 3000000000000u);
  const auto last = s->at(s->size() - 1);
  BOOST_TEST(last.round == 999999999);
  BOOST_TEST(last.index == s->size() - 1);
  BOOST_TEST(s->at(12345).seed == s->at(12345).seed);
  BOOST_TEST(s->at(12345).seed != s->at(12346).seed);
  auto spec = make_spec(spec::format::round_robin, 3, 2, 1);
  spec.seed = 1;
  auto other = game_schedule::create(spec, 5);
  BOOST_REQUIRE(other.has_value());
  BOOST_TEST(other->at(0).seed != s->at(0).seed);
}

BOOST_AUTO_TEST_CASE(invariants_hold_for_every_small_shape) {
  // Exhaustive over 2-6 players, 1-5 games per pairing, 1-3 rounds, both
  // formats, 3 openings: the rules of issue 6 as properties.
  for (auto kind : {spec::format::gauntlet, spec::format::round_robin}) {
    for (int players = 2; players <= 6; ++players) {
      for (int gpp = 1; gpp <= 5; ++gpp) {
        for (int rounds = 1; rounds <= 3; ++rounds) {
          BOOST_TEST_CONTEXT("format " << static_cast<int>(kind) << " players " << players
                                       << " gpp " << gpp << " rounds " << rounds) {
            auto s = game_schedule::create(make_spec(kind, players, gpp, rounds), 3);
            BOOST_REQUIRE(s.has_value());
            const auto pairings = s->pairing_count();
            const auto n = static_cast<std::uint64_t>(players);
            BOOST_TEST(pairings == (kind == spec::format::gauntlet ? n - 1 : n * (n - 1) / 2));
            BOOST_TEST(s->size() == pairings * static_cast<std::uint64_t>(gpp * rounds));
            std::map<std::uint64_t, int> per_pairing;
            std::map<std::uint64_t, int> first_black;
            std::map<std::uint64_t, std::vector<sched::game_assignment>> by_pair;
            for (std::uint64_t i = 0; i < s->size(); ++i) {
              const auto g = s->at(i);
              const auto [first, second] = s->pairing(g.pairing);
              BOOST_TEST(((g.black == first && g.white == second) ||
                          (g.black == second && g.white == first)));
              BOOST_TEST(g.opening < 3u);
              BOOST_TEST(g.round == static_cast<int>(i / (pairings * gpp)));
              ++per_pairing[g.pairing];
              first_black[g.pairing] += g.black == first ? 1 : 0;
              by_pair[g.pair].push_back(g);
            }
            for (const auto& [k, count] : per_pairing) {
              BOOST_TEST(count == gpp * rounds);
              // Colours balance exactly, up to one lone game.
              BOOST_TEST(std::abs(2 * first_black[k] - count) <= 1);
            }
            BOOST_TEST(by_pair.size() == s->pair_count());
            BOOST_TEST(by_pair.rbegin()->first == s->pair_count() - 1);  // numbered 0..n-1
            std::map<std::uint64_t, std::vector<int>> full_pair_first_black;
            for (const auto& [pair, list] : by_pair) {
              BOOST_TEST(static_cast<int>(list.size()) == s->games_in_pair(pair));
              if (list.size() == 2) {
                BOOST_TEST(list[0].black == list[1].white);
                BOOST_TEST(list[0].opening == list[1].opening);
                BOOST_TEST(list[0].pairing == list[1].pairing);
                BOOST_TEST(list[0].round == list[1].round);
                BOOST_TEST(list[1].index == list[0].index + 1);
                full_pair_first_black[list[0].pairing].push_back(
                    list[0].black == s->pairing(list[0].pairing).first ? 1 : 0);
              }
            }
            // Successive pairs of a pairing open with alternating colours.
            for (const auto& [k, opens] : full_pair_first_black) {
              for (std::size_t j = 1; j < opens.size(); ++j) {
                BOOST_TEST(opens[j] != opens[j - 1]);
              }
            }
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(invalid_specs_are_errors) {
  BOOST_TEST(!game_schedule::create(make_spec(spec::format::gauntlet, 1, 2, 1), 1).has_value());
  BOOST_TEST(!game_schedule::create(make_spec(spec::format::gauntlet, 2, 0, 1), 1).has_value());
  BOOST_TEST(!game_schedule::create(make_spec(spec::format::gauntlet, 2, 2, 0), 1).has_value());
  BOOST_TEST(!game_schedule::create(make_spec(spec::format::gauntlet, 2, 2, 1), 0).has_value());
  auto sprt = make_spec(spec::format::round_robin, 3, 2, 1);
  sprt.sprt = spec::sprt_spec{};
  auto e = game_schedule::create(sprt, 1);
  BOOST_REQUIRE(!e.has_value());
  BOOST_TEST(e.error().message.find("SPRT") != std::string::npos);
  auto huge = make_spec(spec::format::round_robin, 1000, 1000000000, 2000000000);
  BOOST_TEST(!game_schedule::create(huge, 1).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
