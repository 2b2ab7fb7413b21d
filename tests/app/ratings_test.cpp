// `tourney ratings` on real tournament folders made by `tourney run` with
// built-in players: two tournaments sharing a player (by name), read as one
// league. The counts expected here are read from the journals by the test.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "support/process_runner.hpp"
#include "support/tourney_cli.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using tourney::test::run_process;
using tourney::test::tourney_cli;
using tourney::test::temp_dir;

namespace {

struct league_folders {
  temp_dir storage;
  std::string round_robin;
  std::string gauntlet;
  std::map<std::string, std::uint64_t> games_of;  // from the journals
  std::uint64_t games = 0;
};

std::string run_config(const temp_dir& dir, const std::string& name, const std::string& text) {
  auto path = (fs::path(dir.path()) / (name + ".json")).string();
  std::ofstream(path) << text;
  auto r = tourney_cli({"run", path, "--storage", dir.path(), "--progress", "none"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return r.last_line();
}

// Runs the two tournaments once for every case of the suite.
const league_folders& league() {
  static league_folders instance;  // its folder is removed at exit
  static const bool filled = [] {
    auto* l = &instance;
    l->round_robin = run_config(l->storage, "rr", R"({"name": "rr", "format": "round_robin",
      "players": [{"name": "ckpt-1", "builtin": "random"}, {"name": "ckpt-2", "builtin": "heuristic"},
                  {"name": "ckpt-3", "builtin": "alphabeta", "depth": 1}],
      "games_per_pairing": 4, "seed": 3, "adjudication": {"max_plies": 160}})");
    l->gauntlet = run_config(l->storage, "g", R"({"name": "g", "format": "gauntlet",
      "players": [{"name": "ckpt-4", "builtin": "alphabeta", "depth": 2},
                  {"name": "ckpt-3", "builtin": "alphabeta", "depth": 1},
                  {"name": "ckpt-2", "builtin": "heuristic"}],
      "games_per_pairing": 4, "seed": 4, "adjudication": {"max_plies": 160}})");
    for (const auto& folder : {l->round_robin, l->gauntlet}) {
      std::ifstream in(fs::path(folder) / "games.jsonl");
      std::string line;
      while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line);
        if (j["result"] == "error") {
          continue;
        }
        ++l->games;
        ++l->games_of[j["black"].get<std::string>()];
        ++l->games_of[j["white"].get<std::string>()];
      }
    }
    return true;
  }();
  (void)filled;
  return instance;
}

nlohmann::json ratings_json(std::vector<std::string> args) {
  args.insert(args.begin(), "ratings");
  args.push_back("--json");
  auto r = tourney_cli(args);
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(app_ratings)

BOOST_AUTO_TEST_CASE(a_storage_root_is_one_league_of_players_by_name) {
  const auto& l = league();
  BOOST_REQUIRE(l.games == 20u);  // 3 pairings x 4 games + 2 pairings x 4 games, none in error
  auto j = ratings_json({l.storage.path()});
  BOOST_TEST(j["folders"].size() == 2u);
  BOOST_TEST(j["games"].get<std::uint64_t>() == l.games);
  BOOST_REQUIRE(j["players"].size() == 4u);
  for (const auto& p : j["players"]) {
    const auto name = p["name"].get<std::string>();
    BOOST_TEST(p["games"].get<std::uint64_t>() == l.games_of.at(name), name);
    // Never an infinity: a rating with its interval, or the bound of it.
    BOOST_TEST((p["elo"].is_number() || p["bound"] != "finite"), name);
  }
  BOOST_TEST(j["first_move"]["elo"].is_number());
  BOOST_TEST(j["draw"]["elo"].is_number());
  // The text table names every player, with the sentence on the numbers.
  auto text = tourney_cli({"ratings", l.storage.path()});
  BOOST_REQUIRE_MESSAGE(text.exit_code == 0, text.err);
  for (const char* name : {"ckpt-1", "ckpt-2", "ckpt-3", "ckpt-4"}) {
    BOOST_TEST(text.out.find(name) != std::string::npos, name);
  }
  BOOST_TEST(text.out.find("Ratings over 2 tournament(s), 20 games") != std::string::npos,
             text.out);
  BOOST_TEST(text.out.find("inf") == std::string::npos, text.out);
  BOOST_TEST(text.out.find("First move (sente)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(folders_in_any_order_give_the_same_list) {
  const auto& l = league();
  auto a = ratings_json({l.round_robin, l.gauntlet});
  auto b = ratings_json({l.gauntlet, l.round_robin, l.gauntlet});  // once each
  BOOST_TEST(a.dump() == b.dump());
  BOOST_TEST(a["games"].get<std::uint64_t>() == l.games);
}

BOOST_AUTO_TEST_CASE(anchors_and_the_sequential_prior) {
  const auto& l = league();
  auto j = ratings_json({"--anchor", "ckpt-2=1000", l.storage.path(), "--sequential-prior", "100"});
  bool found = false;
  for (const auto& p : j["players"]) {
    if (p["name"] == "ckpt-2") {
      found = true;
      BOOST_TEST(p["elo"].get<double>() == 1000.0);
      BOOST_TEST(p["anchored"].get<bool>());
    } else {
      // The prior links every checkpoint: all finite.
      BOOST_TEST(p["bound"] == "finite");
    }
  }
  BOOST_TEST(found);
  BOOST_TEST(j["sequential_prior_sd"].get<double>() == 100.0);
  BOOST_TEST(j["complete"].get<bool>());
}

BOOST_AUTO_TEST_CASE(bad_input_exits_2_saying_what_and_where) {
  const auto& l = league();
  auto r = tourney_cli({"ratings", l.storage.path(), "--anchor", "nobody=3"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("--anchor nobody: no player of that name") != std::string::npos, r.err);
  r = tourney_cli({"ratings", l.storage.path(), "--anchor", "ckpt-1"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("expected NAME=ELO") != std::string::npos, r.err);
  temp_dir empty;
  r = tourney_cli({"ratings", empty.path()});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find(empty.path() + ": not a tournament folder") != std::string::npos, r.err);
  r = tourney_cli({"ratings", empty.path() + "/missing"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("not a directory") != std::string::npos, r.err);
  // A damaged tournament.json names the file; a damaged journal line is a
  // warning naming file:line, and the other games still count.
  temp_dir copy;
  const auto folder = fs::path(copy.path()) / "t";
  fs::copy(l.round_robin, folder, fs::copy_options::recursive);
  { std::ofstream(folder / "games.jsonl", std::ios::app) << "{\"index\": oops\n"; }
  r = tourney_cli({"ratings", folder.string(), "--json"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.err.find("games.jsonl:13: damaged line skipped") != std::string::npos, r.err);
  BOOST_TEST(nlohmann::json::parse(r.out)["games"].get<int>() == 12);
  { std::ofstream(folder / "tournament.json") << "{ not json"; }
  r = tourney_cli({"ratings", folder.string()});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("tournament.json") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
