// USI players through the runtime facade with the scripted fake engine
// (tests/fakes/fake_usi_engine.cpp): every fault ends the game with the
// right result and reason, and the tournament goes on (the faulty engine is
// restarted or reused for the next game).
//
// Expected values: the fake plays a fixed legal line by ply index and
// resigns past its tenth ply, so fake-vs-fake games are fully determined by
// the flags; the reasons are the names (games.jsonl "reason").
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "actors/support/event_recorder.hpp"
#include "support/temp_dir.hpp"
#include "tourney/runtime.hpp"
#include "usi_actors/support.hpp"

using namespace tourney;
using namespace std::chrono_literals;

namespace {

struct outcome {
  std::string loser;  // "" for no loser
  std::string reason;
};

spec::tournament_spec two_fakes(const std::vector<std::string>& faulty_flags, int games = 2) {
  spec::tournament_spec s;
  s.name = "fakes";
  s.games_per_pairing = games;
  s.players.push_back(test::fake_engine("faulty", faulty_flags));
  s.players.push_back(test::fake_engine("sound"));
  s.clock.nodes = 1000;
  s.clock.clockless_move_budget = 2000ms;
  return s;
}

// Runs the tournament and returns the final snapshot and its games.
std::pair<progress_snapshot, std::vector<nlohmann::json>> play(const spec::tournament_spec& s,
                                                              const std::string& dir) {
  runtime_options o;
  o.storage_dir = dir;
  o.game_slots = 2;
  runtime r(o);
  auto id = r.start(s);
  BOOST_REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  auto final = r.wait(*id, 60s);
  BOOST_REQUIRE_MESSAGE(final, "the tournament did not finish within 60 s");
  BOOST_TEST_MESSAGE("status " << rt::to_string(final->status) << " " << final->error_message);
  auto games = test::read_games(final->folder);
  r.shutdown();
  return {*final, games};
}

std::string loser_of(const nlohmann::json& g) {
  auto result = g.at("result").get<std::string>();
  if (result == "black_win") {
    return g.at("white").get<std::string>();
  }
  if (result == "white_win") {
    return g.at("black").get<std::string>();
  }
  return {};
}

void check_every_game(const std::vector<std::string>& flags, const outcome& expected,
                      const spec::tournament_spec* custom = nullptr) {
  test::temp_dir dir;
  auto s = custom ? *custom : two_fakes(flags);
  auto [final, games] = play(s, dir.path());
  BOOST_CHECK(final.status == tournament_status::completed);
  BOOST_CHECK_EQUAL(final.completed_games, static_cast<std::uint64_t>(s.games_per_pairing));
  BOOST_REQUIRE_EQUAL(games.size(), static_cast<std::size_t>(s.games_per_pairing));
  for (const auto& g : games) {
    BOOST_TEST_CONTEXT(g.dump()) {
      BOOST_CHECK_EQUAL(g.at("reason").get<std::string>(), expected.reason);
      BOOST_CHECK_EQUAL(loser_of(g), expected.loser);
      BOOST_CHECK_EQUAL(test::replay_error(g), "");
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(usi_actors_faults)

BOOST_AUTO_TEST_CASE(sound_engines_play_the_line_and_keep_search_info_in_the_record) {
  // Past the tenth ply the side to move (black) resigns: white wins.
  test::temp_dir dir;
  auto s = two_fakes({});
  auto [final, games] = play(s, dir.path());
  BOOST_CHECK(final.status == tournament_status::completed);
  BOOST_REQUIRE_EQUAL(games.size(), 2u);
  for (const auto& g : games) {
    BOOST_CHECK_EQUAL(g.at("result").get<std::string>(), "white_win");
    BOOST_CHECK_EQUAL(g.at("reason").get<std::string>(), "resign");
    BOOST_CHECK_EQUAL(g.at("plies").get<int>(), 10);
    BOOST_CHECK_EQUAL(test::replay_error(g), "");
    // The fake reports "info depth 1 seldepth 2 nodes 42 time 1 score cp 17 pv <move>".
    BOOST_REQUIRE(g.contains("info"));
    const auto& first = g.at("info").at(0);
    BOOST_CHECK_EQUAL(first.at("score_cp").get<int>(), 17);
    BOOST_CHECK_EQUAL(first.at("nodes").get<int>(), 42);
    BOOST_CHECK_EQUAL(first.at("depth").get<int>(), 1);
    BOOST_CHECK_EQUAL(first.at("pv").at(0).get<std::string>(), g.at("moves").at(0).get<std::string>());
  }
  // One engine per player per slot, reused across games: the stderr logs
  // show usinewgame once per game and usi once per process.
  std::size_t usi_count = 0;
  std::size_t newgame_count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(final.folder + "/engines")) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      usi_count += line == "< usi" ? 1 : 0;
      newgame_count += line == "< usinewgame" ? 1 : 0;
    }
  }
  BOOST_CHECK_EQUAL(newgame_count, 4u);  // 2 games x 2 engines
  BOOST_CHECK_LE(usi_count, 4u);
  BOOST_CHECK_GE(usi_count, 2u);
}

BOOST_AUTO_TEST_CASE(a_crash_is_a_disconnect_and_the_engine_is_restarted) {
  check_every_game({"--crash-at-move", "3"}, {"faulty", "disconnect"});
}

BOOST_AUTO_TEST_CASE(closed_output_is_a_disconnect) {
  check_every_game({"--close-stdout-at-move", "2"}, {"faulty", "disconnect"});
}

BOOST_AUTO_TEST_CASE(a_hang_under_a_clock_is_a_timeout) {
  auto s = two_fakes({"--hang-at-move", "2", "--ignore-sigterm"});
  s.clock.nodes.reset();
  s.clock.byoyomi = 300ms;
  s.clock.margin = 200ms;
  check_every_game({}, {"faulty", "timeout"}, &s);
}

BOOST_AUTO_TEST_CASE(a_hang_without_a_clock_is_a_stall_within_a_second_past_the_budget) {
  auto s = two_fakes({"--hang-at-move", "2"});
  s.clock.clockless_move_budget = 500ms;
  test::temp_dir dir;
  auto [final, games] = play(s, dir.path());
  BOOST_CHECK(final.status == tournament_status::completed);
  BOOST_REQUIRE_EQUAL(games.size(), 2u);
  for (const auto& g : games) {
    BOOST_CHECK_EQUAL(g.at("reason").get<std::string>(), "stall");
    BOOST_CHECK_EQUAL(loser_of(g), "faulty");
    // A few instant moves, then the stall is called at the budget (+ the
    // margin): far less than a second past it even on a loaded machine
    // (generous bound: 3 s for a 0.5 s budget).
    BOOST_CHECK_LT(g.at("duration_s").get<double>(), 3.0);
  }
}

BOOST_AUTO_TEST_CASE(garbage_lines_are_ignored) {
  // Junk around every reply changes nothing: black resigns past the line.
  test::temp_dir dir;
  auto [final, games] = play(two_fakes({"--garbage"}), dir.path());
  BOOST_CHECK(final.status == tournament_status::completed);
  BOOST_REQUIRE_EQUAL(games.size(), 2u);
  for (const auto& g : games) {
    BOOST_CHECK_EQUAL(g.at("result").get<std::string>(), "white_win");
    BOOST_CHECK_EQUAL(g.at("reason").get<std::string>(), "resign");
    BOOST_CHECK_EQUAL(g.at("plies").get<int>(), 10);
  }
}

BOOST_AUTO_TEST_CASE(an_illegal_move_loses) {
  check_every_game({"--illegal-move"}, {"faulty", "illegal_move"});
}

BOOST_AUTO_TEST_CASE(a_move_for_the_wrong_side_loses) {
  check_every_game({"--wrong-side"}, {"faulty", "illegal_move"});
}

BOOST_AUTO_TEST_CASE(bad_notation_loses) {
  check_every_game({"--bad-notation"}, {"faulty", "illegal_move"});
}

BOOST_AUTO_TEST_CASE(resign_loses) {
  check_every_game({"--resign-at-move", "2"}, {"faulty", "resign"});
}

BOOST_AUTO_TEST_CASE(a_false_win_declaration_loses) {
  check_every_game({"--declare-win-at-move", "2"}, {"faulty", "illegal_declaration"});
}

BOOST_AUTO_TEST_CASE(a_true_win_declaration_wins) {
  // Black's king has entered with ten pieces in the zone and 28 points
  // (board R B + 8 small = 18, hand R B 2P = 12): a valid declaration under
  // the 27-point rule (docs/shogi.md section 6; sente needs 28).
  test::temp_dir dir;
  auto openings = dir.path() + "/openings.txt";
  {
    std::ofstream out(openings);
    out << "sfen KRBGGGG2/SSSS5/9/9/9/9/9/9/4k4 b RB2P4n4l16p 1\n";
  }
  auto s = two_fakes({"--declare-win-at-move", "1"}, 1);
  s.openings.file = openings;
  check_every_game({}, {"sound", "declaration"}, &s);
}

BOOST_AUTO_TEST_CASE(slow_start_up_fails_the_tournament_with_a_clear_error) {
  auto s = two_fakes({"--slow-start-ms", "4000"});
  s.players[0].as_usi()->engine.profile.startup_timeout = 300ms;
  test::temp_dir dir;
  auto [final, games] = play(s, dir.path());
  BOOST_CHECK(final.status == tournament_status::failed);
  BOOST_TEST_MESSAGE(final.error_message);
  BOOST_CHECK(final.error_message.find("faulty") != std::string::npos);
  BOOST_CHECK(final.error_message.find("usiok") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_engine_that_dies_at_start_fails_the_tournament_quoting_it) {
  test::temp_dir dir;
  auto [final, games] = play(two_fakes({"--die-at-start", "3"}), dir.path());
  BOOST_CHECK(final.status == tournament_status::failed);
  BOOST_TEST_MESSAGE(final.error_message);
  BOOST_CHECK(final.error_message.find("faulty") != std::string::npos);
  BOOST_CHECK(final.error_message.find("fatal: fake engine cannot start") != std::string::npos);
}

// An engine that never answers `usi` is nobody's win: the game could not
// start, so it is an error game counted for no one, whichever colour the dead
// engine had (it used to lose for the side to move: a dead white engine's
// game was journaled white_win).
BOOST_AUTO_TEST_CASE(a_game_whose_engine_never_starts_is_an_error_game_for_either_colour) {
  for (int faulty_index : {0, 1}) {
    BOOST_TEST_CONTEXT("faulty engine is players[" << faulty_index << "]") {
      spec::tournament_spec s;
      s.name = "dead-start";
      s.games_per_pairing = 2;  // each colour once
      s.players.push_back(test::fake_engine("sound"));
      s.players.insert(s.players.begin() + faulty_index, test::fake_engine("faulty", {"--no-usiok"}));
      s.players[static_cast<std::size_t>(faulty_index)].as_usi()->engine.profile.startup_timeout = 300ms;
      s.clock.nodes = 1000;
      test::temp_dir dir;
      auto [final, games] = play(s, dir.path());
      BOOST_CHECK(final.status == tournament_status::failed);
      BOOST_CHECK(final.error_message.find("faulty") != std::string::npos);
      // Whether a game in flight is journaled before the tournament fails is
      // a race; any that is must be an error game.
      for (const auto& g : games) {
        BOOST_TEST_CONTEXT(g.dump()) {
          BOOST_CHECK_EQUAL(g.at("result").get<std::string>(), "error");
          BOOST_CHECK_EQUAL(g.at("reason").get<std::string>(), "error");
          BOOST_CHECK(g.at("detail").get<std::string>().find("player 'faulty' could not start") !=
                      std::string::npos);
        }
      }
      for (const auto& p : final.standings) {
        BOOST_TEST_CONTEXT(p.name) {
          BOOST_CHECK_EQUAL(p.wins, 0u);
          BOOST_CHECK_EQUAL(p.losses, 0u);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(cancel_stops_hung_engines_promptly) {
  auto s = two_fakes({"--hang-at-move", "1", "--ignore-quit", "--ignore-sigterm"}, 4);
  s.clock.clockless_move_budget = 60s;
  test::temp_dir dir;
  runtime_options o;
  o.storage_dir = dir.path();
  o.game_slots = 2;
  {
    runtime r(o);
    test::event_recorder rec(r);
    auto id = r.start(s);
    BOOST_REQUIRE(id);
    BOOST_REQUIRE(rec.wait_status(*id, tournament_status::running));
    BOOST_CHECK(r.cancel(*id));
    auto final = r.wait(*id, 10s);
    BOOST_REQUIRE(final);
    BOOST_CHECK(final->status == tournament_status::cancelled);
  }
  // The runtime is gone: no fake engine of this test is left (they ran with
  // the temporary folder as their working directory).
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::error_code ec;
    auto cwd = std::filesystem::read_symlink(entry.path() / "cwd", ec);
    if (!ec) {
      BOOST_CHECK_MESSAGE(cwd.string().rfind(dir.path(), 0) != 0, "engine left running: " << entry.path());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
