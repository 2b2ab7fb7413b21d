// The HTML reports opened in Debian's headless chromium: the page renders
// (chromium exits 0 and the rendered DOM is the page), a screenshot is more
// than a blank page's, the chart has one point per checkpoint (or per game
// pair for the SPRT), every game link resolves to a file.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/process_runner.hpp"
#include "support/tourney_cli.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using tourney::test::run_process;
using tourney::test::tourney_cli;
using tourney::test::temp_dir;

namespace {

tourney::test::process_result chromium(const temp_dir& profile, std::vector<std::string> args) {
  std::vector<std::string> argv{"/usr/bin/chromium",
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--user-data-dir=" + profile.path() + "/chromium",
                                "--window-size=900,1400"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, std::chrono::milliseconds(120000));
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

// Renders the page: its DOM after loading, and a screenshot's size against
// a blank page's.
struct rendering {
  std::string dom;
  std::uintmax_t screenshot_bytes = 0;
  std::uintmax_t blank_bytes = 0;
};

rendering render(const temp_dir& dir, const fs::path& page) {
  rendering out;
  auto dom = chromium(dir, {"--dump-dom", "file://" + page.string()});
  BOOST_REQUIRE_MESSAGE(dom.exit_code == 0, dom.err);
  out.dom = dom.out;
  const auto shot = fs::path(dir.path()) / "shot.png";
  auto s = chromium(dir, {"--screenshot=" + shot.string(), "file://" + page.string()});
  BOOST_REQUIRE_MESSAGE(s.exit_code == 0 && fs::exists(shot), s.err);
  out.screenshot_bytes = fs::file_size(shot);
  const auto blank_page = fs::path(dir.path()) / "blank.html";
  std::ofstream(blank_page) << "<!DOCTYPE html><html><body></body></html>";
  const auto blank = fs::path(dir.path()) / "blank.png";
  auto b = chromium(dir, {"--screenshot=" + blank.string(), "file://" + blank_page.string()});
  BOOST_REQUIRE_MESSAGE(b.exit_code == 0 && fs::exists(blank), b.err);
  out.blank_bytes = fs::file_size(blank);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(app_html)

BOOST_AUTO_TEST_CASE(tournament_report_with_sprt_progress_and_game_links) {
  temp_dir dir;
  const auto config = (fs::path(dir.path()) / "sprt.json").string();
  std::ofstream(config) << R"({"name": "html-sprt", "players": [
    {"name": "strong", "builtin": "alphabeta", "depth": 2}, {"name": "random", "builtin": "random"}],
    "games_per_pairing": 40, "seed": 5, "adjudication": {"max_plies": 200},
    "sprt": {"elo0": 0, "elo1": 200, "alpha": 0.2, "beta": 0.2, "model": "logistic"}})";
  auto run = tourney_cli({"run", config, "--storage", dir.path(), "--progress", "none"});
  BOOST_REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  const fs::path folder = run.last_line();
  const auto page = fs::path(dir.path()) / "out" / "report.html";
  fs::create_directories(page.parent_path());
  std::size_t games = 0;
  {
    std::ifstream in(folder / "games.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      ++games;
    }
  }
  BOOST_REQUIRE(games >= 2u);
  std::regex link("href=\"([^\"]+)\"");
  {
    // Without per-game files every game links to the file of all games.
    auto r = tourney_cli({"report", folder.string(), "--html", page.string()});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto html = read_file(page);
    std::size_t links = 0;
    for (std::sregex_iterator it(html.begin(), html.end(), link), end; it != end; ++it) {
      const fs::path target = page.parent_path() / (*it)[1].str();
      BOOST_TEST(fs::is_regular_file(target), target);
      BOOST_TEST(target.filename() == "games.csa", target);
      ++links;
    }
    BOOST_TEST(links == games);
  }
  auto exported = tourney_cli({"export", folder.string()});
  BOOST_REQUIRE_MESSAGE(exported.exit_code == 0, exported.err);
  auto r = tourney_cli({"report", folder.string(), "--html", page.string()});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto html = read_file(page);
  // Self-contained: nothing fetched, no script.
  BOOST_TEST(html.find("<script") == std::string::npos);
  BOOST_TEST(html.find("http://") == html.find("http://www.w3.org/2000/svg"));
  BOOST_TEST(html.find("https://") == std::string::npos);
  // Once exported, every game link resolves to its own record file, two per game.
  std::size_t links = 0;
  for (std::sregex_iterator it(html.begin(), html.end(), link), end; it != end; ++it) {
    const fs::path target = page.parent_path() / (*it)[1].str();
    BOOST_TEST(fs::is_regular_file(target), target);
    ++links;
  }
  BOOST_TEST(links == 2 * games);
  auto shown = render(dir, page);
  BOOST_TEST(shown.dom.find("<h1>html-sprt</h1>") != std::string::npos);
  BOOST_TEST(shown.dom.find("<h2>SPRT</h2>") != std::string::npos);
  // One chart point per completed game pair (the LLR after each).
  BOOST_TEST(count(shown.dom, "class=\"point\"") == games / 2);
  BOOST_TEST(shown.screenshot_bytes > shown.blank_bytes + 1000,
             shown.screenshot_bytes << " vs blank " << shown.blank_bytes);
}

BOOST_AUTO_TEST_CASE(league_report_has_one_point_per_checkpoint) {
  temp_dir dir;
  const auto config = (fs::path(dir.path()) / "rr.json").string();
  std::ofstream(config) << R"({"name": "rr", "format": "round_robin", "players": [
    {"name": "ckpt-10", "builtin": "alphabeta", "depth": 1}, {"name": "ckpt-2", "builtin": "random"},
    {"name": "ckpt-5", "builtin": "heuristic"}, {"name": "baseline", "builtin": "random"}],
    "games_per_pairing": 2, "seed": 9, "adjudication": {"max_plies": 160}})";
  auto run = tourney_cli({"run", config, "--storage", dir.path(), "--progress", "none"});
  BOOST_REQUIRE_MESSAGE(run.exit_code == 0, run.err);
  const auto page = fs::path(dir.path()) / "league.html";
  auto r = tourney_cli({"ratings", dir.path(), "--sequential-prior", "200", "--anchor",
                        "baseline=0+-300", "--html", page.string(), "--json"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto j = nlohmann::json::parse(r.out);
  BOOST_REQUIRE(j["complete"].get<bool>());
  auto shown = render(dir, page);
  BOOST_TEST(shown.dom.find("<h1>League ratings</h1>") != std::string::npos);
  // The three checkpoints (numbers in their names), not the baseline.
  BOOST_TEST(count(shown.dom, "class=\"point\"") == 3u);
  BOOST_TEST(count(shown.dom, "<title>ckpt-") == 3u);
  BOOST_TEST(shown.dom.find("Crosstable") != std::string::npos);
  BOOST_TEST(shown.screenshot_bytes > shown.blank_bytes + 1000);
}

BOOST_AUTO_TEST_SUITE_END()
