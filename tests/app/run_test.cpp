// `tourney run` end to end, as a user runs it: real binary, real files.
#include <filesystem>
#include <fstream>
#include <iterator>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "support/process_runner.hpp"
#include "support/tourney_cli.hpp"
#include "support/temp_dir.hpp"
#include "tourney/results/journal_reader.hpp"

namespace fs = std::filesystem;
using tourney::test::run_process;
using tourney::test::tourney_cli;
using tourney::test::temp_dir;

namespace {

nlohmann::json read_json(const fs::path& p) {
  std::ifstream in(p);
  return nlohmann::json::parse(in);
}

std::string write_config(const temp_dir& dir, const std::string& text) {
  auto path = (fs::path(dir.path()) / "config.json").string();
  std::ofstream(path) << text;
  return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(app_run)

BOOST_AUTO_TEST_CASE(default_config_runs_to_the_end_and_names_its_folder_last) {
  temp_dir dir;
  auto r = tourney_cli({"run", "--storage", dir.path(), "--progress", "none"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  fs::path folder = r.last_line();
  BOOST_TEST(folder.parent_path() == fs::path(dir.path()));
  BOOST_REQUIRE(fs::exists(folder / "tournament.json"));
  auto t = read_json(folder / "tournament.json");
  // config/default.json: 1 agent x 3 opponents x 4 games per pairing.
  BOOST_TEST(t["total_games"].get<int>() == 12);
  BOOST_TEST(t["status"].get<std::string>() == "completed");
  auto journal = tourney::results::read_journal((folder / "games.jsonl").string());
  BOOST_REQUIRE(journal);
  BOOST_TEST(journal->games.size() == 12u);
  BOOST_TEST(journal->warnings.empty());
  // The standings table is printed before the folder.
  BOOST_TEST(r.out.find("agent") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(overrides_change_games_per_pairing_and_progress_is_json_lines) {
  temp_dir dir;
  auto r = tourney_cli({"run", "--storage", dir.path(), "--games", "3", "--concurrency", "2",
                        "--progress", "json"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto t = read_json(fs::path(r.last_line()) / "tournament.json");
  BOOST_TEST(t["total_games"].get<int>() == 9);  // 3 opponents x 3 (odd count honoured)
  // Every progress line is a JSON object; exactly one terminal event.
  std::istringstream lines(r.out);
  std::string line;
  int terminal = 0;
  int events = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '{') {
      continue;
    }
    auto e = nlohmann::json::parse(line);
    ++events;
    if (e["event"] == "terminal") {
      ++terminal;
      BOOST_TEST(e["completed_games"].get<int>() == 9);
    }
  }
  BOOST_TEST(events >= 2);
  BOOST_TEST(terminal == 1);
}

BOOST_AUTO_TEST_CASE(bad_configs_exit_2_naming_the_field) {
  temp_dir dir;
  struct bad_case {
    const char* config;
    const char* expected;
  };
  const bad_case cases[] = {
      {R"({"players": [{"name": "a", "builtin": "random"}]})", "players: a tournament needs at least 2"},
      {R"({"players": [{"name": "a", "builtin": "random"}, {"name": "b", "builtin": "random"}], "rounds": "x"})",
       "rounds: expected an integer"},
      {R"({"players": [{"name": "a", "builtin": "random"}, {"name": "b", "builtin": "random"}], "bogus": 1})",
       "bogus: unknown key"},
      {R"({"players": [{"name": "a", "builtin": "random"}, {"name": "b", "usi": {"command": "no-such-engine-xyz"}}]})",
       "players[1].usi.command: 'no-such-engine-xyz' is not an executable"},
      {R"({"players": [{"name": "a", "builtin": "random"}, {"name": "b", "builtin": "random"}], "slots": 0})",
       "slots: 0 (no local games) needs at least one entry in workers"},
      {R"({"players": [{"name": "a", "builtin": "random"},
  {"name": "b" "builtin": "random"}]})",
       "config.json:2:"},
  };
  for (const auto& c : cases) {
    auto path = write_config(dir, c.config);
    auto r = tourney_cli({"run", path, "--storage", dir.path()});
    BOOST_TEST(r.exit_code == 2, c.config);
    BOOST_TEST(r.err.find(c.expected) != std::string::npos, "expected '" << c.expected << "' in: " << r.err);
    auto v = tourney_cli({"validate", path});
    BOOST_TEST(v.exit_code == 2);
  }
  // Nothing was started for a bad config: no tournament folder.
  int folders = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    folders += e.is_directory() ? 1 : 0;
  }
  BOOST_TEST(folders == 0);
}

BOOST_AUTO_TEST_CASE(report_reprints_the_standings_of_a_finished_folder) {
  temp_dir dir;
  auto r = tourney_cli({"run", "--storage", dir.path(), "--progress", "none"});
  BOOST_REQUIRE(r.exit_code == 0);
  auto rep = tourney_cli({"report", r.last_line()});
  BOOST_TEST(rep.exit_code == 0);
  BOOST_TEST(rep.out.find("12 of 12 games finished") != std::string::npos, rep.out);
  auto js = tourney_cli({"report", r.last_line(), "--json"});
  BOOST_REQUIRE(js.exit_code == 0);
  auto j = nlohmann::json::parse(js.out);
  BOOST_TEST(j["statistics"]["pairs"].size() == 3u);
  BOOST_TEST(j["finished_games"].get<int>() == 12);
}

BOOST_AUTO_TEST_CASE(gauntlet_against_fairy_stockfish_as_shipped) {
  // The shipped example config, real engine processes at 1k and 5k nodes.
  temp_dir dir;
  auto r = tourney_cli({"run", std::string(TOURNEY_SOURCE_DIR) + "/config/gauntlet-fairy-stockfish.json",
                        "--storage", dir.path(), "--games", "2", "--progress", "none"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  fs::path folder = r.last_line();
  auto journal = tourney::results::read_journal((folder / "games.jsonl").string());
  BOOST_REQUIRE(journal);
  BOOST_TEST(journal->games.size() == 4u);  // 2 opponents x 2 games
  for (const auto& g : journal->games) {
    // Real games end on the board, never by a fault of the runtime.
    BOOST_TEST((g.result != tourney::game::result::error), g.game_id << " " << g.reason);
  }
  BOOST_TEST(fs::exists(folder / "engines"));
  // Every game in games.csa; per-game files only once exported.
  std::ifstream csa_file(folder / "games.csa");
  const std::string csa((std::istreambuf_iterator<char>(csa_file)), std::istreambuf_iterator<char>());
  for (const auto& g : journal->games) {
    BOOST_TEST(csa.find("'game_id: " + g.game_id + "\n") != std::string::npos, g.game_id);
    BOOST_TEST(!fs::exists(folder / "games" / (g.game_id + ".csa")));
  }
  auto exported = tourney_cli({"export", folder.string()});
  BOOST_REQUIRE_MESSAGE(exported.exit_code == 0, exported.err);
  for (const auto& g : journal->games) {
    BOOST_TEST(fs::exists(folder / "games" / (g.game_id + ".csa")), g.game_id);
    BOOST_TEST(fs::exists(folder / "games" / (g.game_id + ".kifu")), g.game_id);
  }
}

BOOST_AUTO_TEST_SUITE_END()
