// Schedules of any size start, run and cancel in bounded time and memory:
// the red-team's 300 players x 1,000,000 games per pairing (4.5 * 10^10
// games) reached 5 GB in 12 s without starting a game; a 1,000,000-game
// schedule took 8.7 s to cancel. (100 players here: the final statistics
// grow with players squared, which is not what this is about.) Deadlines
// here are far above what the lazy schedule needs (milliseconds), and far
// below what the old list did.
// Not in the ThreadSanitizer tier (module "scale"): thousands of games
// make TSan slow down quadratically over its suppressed CAF reports.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>

#include "actors/support/event_recorder.hpp"
#include "support/temp_dir.hpp"
#include "tourney/runtime.hpp"

using namespace tourney;
using namespace std::chrono_literals;

namespace {

spec::tournament_spec random_players(int players, int games_per_pairing) {
  spec::tournament_spec s;
  s.name = "huge";
  s.kind = spec::format::round_robin;
  s.games_per_pairing = games_per_pairing;
  s.adjudication.max_plies = 16;
  for (int i = 0; i < players; ++i) {
    spec::player_spec p;
    p.name = "p" + std::to_string(i);
    p.player = spec::builtin_player{"random"};
    s.players.push_back(p);
  }
  return s;
}

// This process's resident memory, from /proc/self/status.
std::size_t rss_bytes() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      std::size_t kb = 0;
      in >> kb;
      return kb * 1024;
    }
    std::getline(in, key);
  }
  return 0;
}

// Waits until tournament `id` reports at least `games` finished games.
bool wait_completed(test::event_recorder& rec, const std::string& id, std::uint64_t games,
                    std::chrono::milliseconds timeout) {
  return rec.wait_until(
      [&](const std::vector<tournament_event>& events) {
        for (const auto& e : events) {
          if (e.snapshot.tournament_id == id && e.snapshot.completed_games >= games) {
            return true;
          }
        }
        return false;
      },
      timeout);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scale_huge_schedule)

BOOST_AUTO_TEST_CASE(a_schedule_of_5_billion_games_starts_plays_and_cancels_in_bounded_memory) {
  test::temp_dir dir;
  runtime_options o;
  o.storage_dir = dir.path();
  o.game_slots = 2;
  runtime r(o);
  test::event_recorder rec(r);
  const auto before = rss_bytes();
  auto id = r.start(random_players(100, 1000000), "huge");
  BOOST_REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  // Games are played: the schedule was not built in memory first.
  BOOST_REQUIRE(wait_completed(rec, *id, 50, 60s));
  auto p = r.progress(*id);
  BOOST_REQUIRE(p);
  BOOST_TEST(p->total_games == 100ull * 99 / 2 * 1000000);
  const auto grown = rss_bytes() - std::min(before, rss_bytes());
  BOOST_TEST(grown < std::size_t{512} << 20, "resident memory grew by " << grown << " bytes");
  BOOST_REQUIRE(r.cancel(*id));
  auto final = r.wait(*id, 60s);
  BOOST_REQUIRE(final);
  BOOST_TEST((final->status == tournament_status::cancelled));
}

BOOST_AUTO_TEST_CASE(cancelling_a_million_game_schedule_mid_run_is_prompt) {
  test::temp_dir dir;
  runtime_options o;
  o.storage_dir = dir.path();
  o.game_slots = 2;
  runtime r(o);
  test::event_recorder rec(r);
  auto id = r.start(random_players(2, 1000000), "million");
  BOOST_REQUIRE(id);
  // Enough games that record files lag behind the journal (they used to be
  // written, all of them, before the CANCELLED event).
  BOOST_REQUIRE(wait_completed(rec, *id, 5000, 120s));
  const auto t0 = std::chrono::steady_clock::now();
  BOOST_REQUIRE(r.cancel(*id));
  auto final = r.wait(*id, 60s);
  const auto took = std::chrono::steady_clock::now() - t0;
  BOOST_REQUIRE(final);
  BOOST_TEST((final->status == tournament_status::cancelled));
  // The record budget of a stopped tournament is 200 ms; the rest is one
  // tournament.json. 5 s leaves room for a sanitizer build on a loaded machine.
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(took).count() < 5000);
}

BOOST_AUTO_TEST_SUITE_END()
