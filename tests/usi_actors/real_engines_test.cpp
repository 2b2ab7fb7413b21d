// Real engines from Debian through the runtime facade: complete games, every
// recorded game replays as legal through the rules core, and a strong engine
// beats the built-in random player (Fairy-Stockfish at 1000 nodes is far
// stronger than uniform random moves: any loss would mean a broken game loop).
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "support/temp_dir.hpp"
#include "tourney/runtime.hpp"
#include "usi_actors/support.hpp"

using namespace tourney;
using namespace std::chrono_literals;

namespace {

bool have(const char* path) {
  return std::filesystem::exists(path);
}

spec::player_spec random_player() {
  spec::player_spec p;
  p.name = "random";
  p.player = spec::builtin_player{"random", 0, 0, 11};
  return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(usi_actors_real_engines)

BOOST_AUTO_TEST_CASE(fairy_stockfish_at_fixed_nodes_beats_random_in_legal_games) {
  if (!have("/usr/games/fairy-stockfish")) {
    BOOST_TEST_MESSAGE("fairy-stockfish is not installed: skipped");
    return;
  }
  test::temp_dir dir;
  spec::tournament_spec s;
  s.name = "fs-vs-random";
  s.games_per_pairing = 4;
  s.players = {test::fairy_stockfish("fs", 1000), random_player()};
  s.clock.clockless_move_budget = 5000ms;
  s.adjudication.max_plies = 300;
  runtime_options o;
  o.storage_dir = dir.path();
  o.game_slots = 2;
  runtime r(o);
  auto id = r.start(s);
  BOOST_REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  auto final = r.wait(*id, 120s);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::completed);
  auto games = test::read_games(final->folder);
  BOOST_REQUIRE_EQUAL(games.size(), 4u);
  int fs_wins = 0;
  for (const auto& g : games) {
    BOOST_TEST_CONTEXT(g.at("plies") << " " << g.at("info").back().dump() << " " << g.at("info").at(g.at("info").size() - 2).dump()) {
      BOOST_CHECK_EQUAL(test::replay_error(g), "");
      const auto result = g.at("result").get<std::string>();
      const bool fs_black = g.at("black").get<std::string>() == "fs";
      fs_wins += (result == "black_win" && fs_black) || (result == "white_win" && !fs_black) ? 1 : 0;
      BOOST_CHECK_NE(result, "error");
    }
  }
  BOOST_CHECK_EQUAL(fs_wins, 4);
  BOOST_CHECK(std::filesystem::exists(final->folder + "/engines/fs-0.stderr.log"));
  r.shutdown();
}

BOOST_AUTO_TEST_CASE(gpsusi_with_node_cap_and_byoyomi_plays_complete_games,
                     *boost::unit_test::label("slow")) {
  if (!have("/usr/games/gpsusi")) {
    BOOST_TEST_MESSAGE("gpsusi is not installed: skipped");
    return;
  }
  test::temp_dir dir;
  spec::tournament_spec s;
  s.name = "gps-vs-random";
  s.games_per_pairing = 2;
  spec::player_spec gps;
  gps.name = "gps";
  gps.player = spec::usi_player{};
  auto& engine = gps.as_usi()->engine;
  engine.command = "gpsusi";
  // Its node cap is a command-line flag; it dies on any go token but
  // btime/wtime/byoyomi (docs/shogi.md section 2).
  engine.args = {"-N", "1", "--node-count-hard-limit", "5000"};
  engine.options = {{"BookDepth", "0"}};
  engine.profile.go_tokens = {"btime", "wtime", "byoyomi"};
  engine.profile.startup_timeout = 20000ms;  // it loads for 1-8 s
  engine.profile.isready_timeout = 20000ms;
  s.players = {gps, random_player()};
  s.clock.byoyomi = 1000ms;
  s.clock.margin = 500ms;
  s.adjudication.max_plies = 300;
  runtime_options o;
  o.storage_dir = dir.path();
  o.game_slots = 1;
  runtime r(o);
  auto id = r.start(s);
  BOOST_REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  auto final = r.wait(*id, 600s);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::completed);
  auto games = test::read_games(final->folder);
  BOOST_REQUIRE_EQUAL(games.size(), 2u);
  for (const auto& g : games) {
    BOOST_TEST_CONTEXT(g.at("plies") << " " << g.at("info").back().dump() << " " << g.at("info").at(g.at("info").size() - 2).dump()) {
      BOOST_CHECK_EQUAL(test::replay_error(g), "");
      // Complete games with a sporting result. Not checked: who wins. Seen
      // here: gpsusi (r3033, node cap 5000) answers `bestmove resign` at
      // +4000 cp against random (cause not found yet; see the report).
      BOOST_CHECK_NE(g.at("result").get<std::string>(), "error");
    }
  }
  r.shutdown();
}

BOOST_AUTO_TEST_SUITE_END()
