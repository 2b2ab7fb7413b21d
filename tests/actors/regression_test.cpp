// One regression test per defect of the original (docs/original.md section 4.3
// and the seed analysis' verdict). Defects covered elsewhere are listed with
// the test that covers them:
//   games block the loop / cancel cannot interrupt games
//       -> actors_runtime/cancel_stops_games_in_flight_promptly
//   every successful task ends cancelled (self-cancel)
//       -> actors_runtime/a_tournament_completes_with_every_game_persisted_and_counted
//   double CANCELLED callback, end_time unset on cancel/failure
//       -> actors_runtime/a_queued_tournament_can_be_cancelled_once, cancel_stops_games_in_flight_promptly,
//          a_crashing_tournament_fails_alone
//   start accepted after shutdown -> actors_runtime/shutdown_is_idempotent_and_start_is_refused_afterwards
//   queued tournaments not listed, PAUSED unreachable, priority ignored
//       -> actors_runtime/priority_first_then_fifo_and_queued_ones_are_listed,
//          pause_stops_dispatch_games_in_flight_finish_resume_completes
//   unbounded retention -> actors_runtime/history_is_bounded, runtime_progress/history_keeps_only_the_newest,
//          bench/runtime_bench (retained_bytes_per_tournament)
//   inconsistent error accounting
//       -> actors_runtime/errored_games_are_counted_as_errors_and_the_tournament_completes
//   zero opponents -> actors_runtime/bad_specs_and_unknown_policies_are_rejected_before_anything_starts
//   150 ms sleep -> no sleep exists; bench/runtime_bench first_game_ms
//   COMPLETED before the file exists -> actors_runtime/the_terminal_event_comes_after_the_result_file_is_on_disk
//   num_games_per_opponent ignored -> below
//   lock-deletion race -> message passing only; actors_stress
//   unsanitised id as path -> actors_runtime/hostile_names_stay_inside_the_storage_directory, storage_names
//   non-atomic writes -> storage_atomic_file
//   progress is a live object -> actors_runtime/snapshots_are_copies
//   synchronous file I/O on the loop -> by construction: every write happens in the detached
//          persistence actor (actors/tourney/detail/coordinator/persistence_actor.cpp); openings are read by
//          start() on the host's thread. Not staged as a test (no slow-disk double).
//   private evaluator coupling -> the runtime uses only the public referee/player/schedule APIs
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "caf/actor_system.hpp"
#include "caf/actor_system_config.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/exit_reason.hpp"
#include "caf/scoped_actor.hpp"
#include "caf/send.hpp"

#include "actors/support/event_recorder.hpp"
#include "actors/support/staged_game.hpp"
#include "support/temp_dir.hpp"
#include "tourney/runtime_caf.hpp"
#include "tourney/spec/player_helpers.hpp"
#include "tourney/testing.hpp"

using namespace tourney;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(actors_regression)

BOOST_AUTO_TEST_CASE(games_per_opponent_comes_from_the_spec_odd_counts_included) {
  // The original always played 2 per opponent with real configs (7 asked).
  test::temp_dir dir;
  runtime_options o;
  o.storage_dir = dir.path();
  runtime r = testing::make_runtime(o, test::staged_referee());
  BOOST_REQUIRE(r.register_policy("resign", test::make_resigner, {0, false}));
  auto id = r.start(test::host_spec(4, 7, "resign"));
  BOOST_REQUIRE(id);
  auto final = r.wait(*id, 30s);
  BOOST_REQUIRE(final);
  BOOST_CHECK_EQUAL(final->total_games, 21u);
  BOOST_CHECK_EQUAL(final->completed_games, 21u);
  std::map<std::string, int> per_opponent;
  std::map<std::string, int> agent_black;
  std::ifstream in(final->folder + "/games.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    auto black = j["black"].get<std::string>();
    auto white = j["white"].get<std::string>();
    auto opp = black == "p0" ? white : black;
    ++per_opponent[opp];
    agent_black[opp] += black == "p0" ? 1 : 0;
  }
  for (auto opp : {"p1", "p2", "p3"}) {
    BOOST_CHECK_EQUAL(per_opponent[opp], 7);
    // Colours alternate: 7 games give one side 4 and the other 3.
    BOOST_CHECK(agent_black[opp] == 3 || agent_black[opp] == 4);
  }
}

BOOST_AUTO_TEST_CASE(a_runtime_can_join_the_hosts_actor_system) {
  test::temp_dir dir;
  caf::actor_system_config cfg;
  add_message_types(cfg);
  caf::actor_system sys{cfg};
  {
    runtime_options o;
    o.storage_dir = dir.path();
    o.game_slots = 2;
    runtime r = join(sys, o);
    spec::tournament_spec s;
    s.name = "joined";
    s.games_per_pairing = 2;
    s.adjudication.max_plies = 30;
    s.players = {spec::builtin("random"), spec::builtin("heuristic")};
    auto id = r.start(s);
    BOOST_REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
    auto final = r.wait(*id, 60s);
    BOOST_REQUIRE(final);
    BOOST_CHECK(final->status == tournament_status::completed);
    BOOST_CHECK_EQUAL(final->completed_games, 2u);
    BOOST_CHECK_EQUAL(final->failed_games, 0u);
    r.shutdown();
    r.shutdown(shutdown_mode::immediate);  // idempotent
    auto later = r.start(s);
    BOOST_CHECK(!later);  // a shut-down runtime takes no more tournaments
    BOOST_CHECK(r.wait(*id, 1s).status() != wait_status::timed_out);
  }
  // The host's system outlives the runtime and still runs the host's actors.
  // With an argument: CAF 0.17.6 dereferences a null argument tuple for a
  // function actor spawned without one (UBSan; see the persistence actor).
  auto doubler = sys.spawn(
      [](const std::string&) -> caf::behavior {
        return {[](int x) { return 2 * x; }};
      },
      std::string("doubler"));
  caf::scoped_actor self{sys};
  int answer = 0;
  self->request(doubler, caf::infinite, 21).receive([&](int x) { answer = x; },
                                                    [&](caf::error&) { answer = -1; });
  BOOST_CHECK_EQUAL(answer, 42);
  caf::anon_send_exit(doubler, caf::exit_reason::user_shutdown);
}

BOOST_AUTO_TEST_CASE(built_in_players_play_real_games_through_the_rules_referee) {
  test::temp_dir dir;
  runtime_options o;
  o.storage_dir = dir.path();
  runtime r(o);  // default referee: the rules core
  spec::tournament_spec s;
  s.name = "real";
  s.games_per_pairing = 2;
  s.adjudication.max_plies = 40;
  for (auto [name, kind] : {std::pair{"rand", "random"}, std::pair{"heur", "heuristic"}}) {
    spec::player_spec p;
    p.name = name;
    p.player = spec::builtin_player{kind, 0, 0, 7};
    s.players.push_back(p);
  }
  auto id = r.start(s);
  BOOST_REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  auto final = r.wait(*id, 60s);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::completed);
  BOOST_CHECK_EQUAL(final->completed_games, 2u);
  BOOST_CHECK_EQUAL(final->failed_games, 0u);
  std::ifstream in(final->folder + "/games.jsonl");
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    BOOST_CHECK(j.contains("index"));
    BOOST_CHECK(j["moves"].size() == j["plies"].get<std::size_t>());
    BOOST_CHECK_LE(j["plies"].get<int>(), 40);
    ++lines;
  }
  BOOST_CHECK_EQUAL(lines, 2);
}

BOOST_AUTO_TEST_SUITE_END()
