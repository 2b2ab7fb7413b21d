// games.csa: every game of a tournament in one CSA V2.2 file, games
// separated by a line "/" (CSA V2.2, docs/shogi.md section 8).
#include "tourney/durable/tournament_csa.hpp"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "record/record_fixture.hpp"
#include "support/temp_dir.hpp"
#include "tourney/record/json.hpp"

using namespace tourney;

namespace {

std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// The short game's record, written by hand from the CSA V2.2 format (as in
// record_csa's test), with this game id.
std::vector<std::string> short_game_lines(const std::string& game_id) {
  return {
      "V2.2",  "N+alice", "N-bob",   "$START_TIME:2026/11/29 10:00:00", "$END_TIME:2026/11/29 10:00:04",
      "'game_id: " + game_id,    "PI",     "+",       "+7776FU", "T1",
      "-3334FU", "T0",     "+8822UM", "T2",      "-3122GI",
      "T0",      "%TORYO", "'tourney result=white_win reason=resign detail=black resigned",
  };
}

record::game_record game_with_id(const std::string& id) {
  auto rec = test::short_game();
  rec.game_id = id;
  return rec;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(durable_tournament_csa)

BOOST_AUTO_TEST_CASE(games_appended_in_batches_are_separated_by_a_slash_line) {
  test::temp_dir dir;
  {
    auto file = durable::tournament_csa_file::open(dir.path());
    BOOST_REQUIRE(file);
    BOOST_TEST(!file->has_games());
    // One batch of two games, then one of one game.
    auto batch = durable::tournament_csa_entry(game_with_id("g-0001"), !file->has_games());
    batch += durable::tournament_csa_entry(game_with_id("g-0002"), false);
    BOOST_REQUIRE(file->append(batch));
    BOOST_TEST(file->has_games());
  }
  {
    // Opened again (a resumed run): the file has games, the next one needs "/".
    auto file = durable::tournament_csa_file::open(dir.path());
    BOOST_REQUIRE(file);
    BOOST_TEST(file->has_games());
    BOOST_REQUIRE(file->append(durable::tournament_csa_entry(game_with_id("g-0003"), !file->has_games())));
  }
  std::vector<std::string> expected = short_game_lines("g-0001");
  for (const char* id : {"g-0002", "g-0003"}) {
    expected.push_back("/");
    for (auto& line : short_game_lines(id)) {
      expected.push_back(line);
    }
  }
  const auto lines = lines_of(dir.path() + "/games.csa");
  BOOST_TEST(lines == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_game_that_never_started_adds_nothing) {
  auto rec = game_with_id("g-0001");
  rec.start_sfen.clear();
  BOOST_TEST(durable::tournament_csa_entry(rec, true).empty());
  BOOST_TEST(durable::tournament_csa_entry(std::string_view("not json"), true).empty());
}

BOOST_AUTO_TEST_CASE(rewrite_makes_the_file_from_the_journal_whatever_it_held) {
  test::temp_dir dir;
  {
    std::ofstream journal(dir.path() + "/games.jsonl");
    journal << record::to_json_line(game_with_id("g-0001")) << "\n" << record::to_json_line(game_with_id("g-0002")) << "\n";
  }
  {
    std::ofstream cut(dir.path() + "/games.csa");
    cut << "V2.2\nN+alice\n";  // a cut file, as a power cut may leave
  }
  auto games = durable::rewrite_tournament_csa(dir.path());
  BOOST_REQUIRE_MESSAGE(games, games.error().message);
  BOOST_TEST(*games == 2u);
  std::vector<std::string> expected = short_game_lines("g-0001");
  expected.push_back("/");
  for (auto& line : short_game_lines("g-0002")) {
    expected.push_back(line);
  }
  const auto lines = lines_of(dir.path() + "/games.csa");
  BOOST_TEST(lines == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rewrite_without_a_journal_says_which_file) {
  test::temp_dir dir;
  auto games = durable::rewrite_tournament_csa(dir.path() + "/missing");
  BOOST_REQUIRE(!games);
  BOOST_TEST(games.error().message.find("games.jsonl") != std::string::npos, games.error().message);
}

BOOST_AUTO_TEST_SUITE_END()
