// `tourney run --gate`: the exit code, the last JSON line and tournament.json
// carry the same verdict. Built-in players: alphabeta depth 2 against the
// random player (which it beats in practically every game), so the SPRT's
// direction is known in advance.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/process_runner.hpp"
#include "support/tourney_cli.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using tourney::test::run_process;
using tourney::test::tourney_cli;
using tourney::test::temp_dir;

namespace {

std::string sprt_config(const temp_dir& dir, bool strong_first, double alpha) {
  const std::string strong = R"({"name": "strong", "builtin": "alphabeta", "depth": 2})";
  const std::string weak = R"({"name": "random", "builtin": "random"})";
  auto path = (fs::path(dir.path()) / "sprt.json").string();
  std::ofstream(path) << R"({"name": "gate", "format": "gauntlet", "players": [)"
                      << (strong_first ? strong + ", " + weak : weak + ", " + strong)
                      << R"(], "games_per_pairing": 40, "seed": 5,
    "adjudication": {"max_plies": 200},
    "sprt": {"elo0": 0, "elo1": 200, "alpha": )"
                      << alpha << R"(, "beta": )" << alpha << R"(, "model": "logistic"}})";
  return path;
}

// The verdict JSON line (just above the folder line) and tournament.json's.
std::pair<nlohmann::json, nlohmann::json> verdicts(const tourney::test::process_result& r) {
  std::istringstream lines(r.out);
  std::string line;
  nlohmann::json last_json;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] == '{') {
      last_json = nlohmann::json::parse(line);
    }
  }
  std::ifstream in(fs::path(r.last_line()) / "tournament.json");
  auto saved = nlohmann::json::parse(in);
  return {last_json, saved["verdict"]};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(app_gate)

BOOST_AUTO_TEST_CASE(sprt_h1_h0_and_no_verdict_have_their_own_exit_codes) {
  temp_dir dir;
  struct gate_case {
    bool strong_first;
    double alpha;
    const char* games;
    int code;
    const char* verdict;
    const char* sprt;
  };
  const gate_case cases[] = {
      {true, 0.2, "40", 10, "pass", "H1"},
      {false, 0.2, "40", 11, "fail", "H0"},
      {true, 0.001, "2", 12, "no_verdict", "continue"},  // one game pair: the games run out
  };
  for (const auto& c : cases) {
    auto r = tourney_cli({"run", sprt_config(dir, c.strong_first, c.alpha), "--storage", dir.path(),
                          "--games", c.games, "--progress", "none", "--gate"});
    BOOST_TEST(r.exit_code == c.code, c.verdict << ": " << r.err);
    BOOST_REQUIRE(fs::is_directory(r.last_line()));
    auto [line, saved] = verdicts(r);
    BOOST_TEST(line["event"] == "verdict");
    BOOST_TEST(line["verdict"] == c.verdict);
    BOOST_TEST(line["sprt"]["result"] == c.sprt);
    BOOST_TEST(saved["verdict"] == c.verdict);
    BOOST_TEST(saved["sprt"]["llr"] == line["sprt"]["llr"]);
  }
}

BOOST_AUTO_TEST_CASE(require_on_a_fixed_length_run) {
  temp_dir dir;
  auto r = tourney_cli({"run", "--storage", dir.path(), "--progress", "none", "--gate", "--require",
                        "elo(random vs agent) > 0", "--require", "los(heuristic) < 0.99"});
  BOOST_TEST((r.exit_code == 11 || r.exit_code == 12), r.err);
  auto [line, saved] = verdicts(r);
  BOOST_TEST(saved == [&] {
    auto l = line;
    l.erase("event");
    return l;
  }());
  BOOST_TEST(line["conditions"].size() == 2u);
  const std::string verdict = line["verdict"];
  BOOST_TEST(r.exit_code == (verdict == "fail" ? 11 : 12));
}

BOOST_AUTO_TEST_CASE(gate_mistakes_exit_2_before_anything_runs) {
  temp_dir dir;
  auto r = tourney_cli({"run", "--storage", dir.path(), "--gate"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("--gate needs an SPRT") != std::string::npos, r.err);
  r = tourney_cli({"run", "--storage", dir.path(), "--gate", "--require", "elo(agent) > 0"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("agent plays 3 opponents") != std::string::npos, r.err);
  r = tourney_cli({"run", "--storage", dir.path(), "--gate", "--require", "elo(nobody) > 0"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("no player named 'nobody'") != std::string::npos, r.err);
  r = tourney_cli({"run", "--storage", dir.path(), "--require", "elo(random) > 0"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("only with --gate") != std::string::npos, r.err);
  int folders = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    folders += e.is_directory() ? 1 : 0;
  }
  BOOST_TEST(folders == 0);
}

BOOST_AUTO_TEST_SUITE_END()
