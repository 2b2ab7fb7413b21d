#include "tourney/results/folder_report.hpp"

#include <filesystem>
#include <fstream>

#include <boost/test/unit_test.hpp>

#include "tourney/spec/json.hpp"

using namespace tourney;
namespace fs = std::filesystem;

namespace {

struct temp_folder {
  fs::path path;
  temp_folder() {
    char name[] = "/tmp/tourney-report-XXXXXX";
    BOOST_REQUIRE(::mkdtemp(name) != nullptr);
    path = name;
  }
  ~temp_folder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

spec::tournament_spec gauntlet() {
  spec::tournament_spec s;
  s.name = "g";
  s.players.resize(3);
  const char* names[] = {"agent", "a", "b"};
  for (int i = 0; i < 3; ++i) {
    s.players[i].name = names[i];
    s.players[i].as_builtin()->kind = "random";
  }
  s.games_per_pairing = 2;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(results_folder_report)

BOOST_AUTO_TEST_CASE(an_interrupted_folder_reports_what_the_journal_holds) {
  temp_folder dir;
  auto spec = gauntlet();
  std::ofstream(dir.path / "tournament.json")
      << nlohmann::json{{"spec", spec::spec_to_json(spec)}, {"status", "cancelled"}}.dump();
  // Three of four games finished; the last line was cut by a crash.
  std::ofstream(dir.path / "games.jsonl")
      << R"({"index":0,"result":"black_win"})" "\n"
      << R"({"index":1,"result":"draw"})" "\n"
      << R"({"index":2,"result":"white_win"})" "\n"
      << R"({"index":3,"res)";
  auto r = results::read_folder_report(dir.path.string());
  BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().message));
  BOOST_TEST(r->total_games == 4u);
  BOOST_TEST(r->finished_games == 3u);
  BOOST_TEST(r->status == "cancelled");
  BOOST_TEST(r->warnings.size() == 1u);
  BOOST_TEST(r->statistics["pairs"].size() == 2u);
  BOOST_TEST(r->standings_text.find("agent") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_folder_without_tournament_json_is_a_clear_error) {
  temp_folder dir;
  auto r = results::read_folder_report(dir.path.string());
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().message.find("is not a tournament folder") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(journal_games_outside_the_schedule_are_ignored_with_a_warning) {
  temp_folder dir;
  std::ofstream(dir.path / "tournament.json")
      << nlohmann::json{{"spec", spec::spec_to_json(gauntlet())}}.dump();
  std::ofstream(dir.path / "games.jsonl") << R"({"index":99,"result":"draw"})" "\n";
  auto r = results::read_folder_report(dir.path.string());
  BOOST_REQUIRE(r);
  BOOST_TEST(r->finished_games == 0u);
  BOOST_TEST(r->warnings.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
