// report.html kept by a running tournament (runtime_options::live_report):
// while the tournament runs, a rewrite after game k shows at least k games and
// says the tournament is in progress; the final page is the one `tourney report
// DIR --html` makes afterwards. Observed through the runtime's events and
// inotify on the folder, with deadlines: no sleeps.
#include <boost/test/unit_test.hpp>

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/process_runner.hpp"
#include "support/temp_dir.hpp"
#include "tourney/runtime.hpp"
#include "tourney/spec/config.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using tourney::test::run_process;
using tourney::test::temp_dir;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct page_progress {
  std::string status;
  std::uint64_t played = 0;
  std::uint64_t planned = 0;
};

// The page's progress line, or nothing when the page is not a whole report.
std::optional<page_progress> progress_of(const std::string& page) {
  if (page.rfind("<!DOCTYPE html>", 0) != 0 || page.find("</html>") == std::string::npos) {
    return std::nullopt;
  }
  static const std::regex line(R"(In progress \((\w+)\): (\d+) of (\d+) planned games played)");
  std::smatch m;
  if (!std::regex_search(page, m, line)) {
    return std::nullopt;
  }
  return page_progress{m[1], std::stoull(m[2]), std::stoull(m[3])};
}

// Closes the inotify descriptor.
struct watch_fd {
  int fd = -1;
  ~watch_fd() {
    if (fd >= 0) {
      ::close(fd);
    }
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(actors_live_report)

BOOST_AUTO_TEST_CASE(report_html_shows_the_games_played_while_the_tournament_runs) {
  temp_dir dir;
  tourney::runtime_options o;
  o.storage_dir = dir.path();
  o.game_slots = 2;
  o.live_report.enabled = true;
  o.live_report.every_games = 1;
  o.live_report.min_interval = 0ms;
  tourney::runtime rt(o);
  auto events = rt.make_poller();
  const auto config_path = dir.path() + "/live.json";
  std::ofstream(config_path) << R"({"name": "live", "format": "gauntlet", "players": [
      {"name": "heuristic", "builtin": "heuristic"}, {"name": "random", "builtin": "random"}],
      "games_per_pairing": 400, "seed": 3, "adjudication": {"max_plies": 60}})";
  auto config = tourney::spec::load_config(config_path);
  BOOST_REQUIRE(config.has_value());
  auto id = rt.start(config->tournament);
  BOOST_REQUIRE(id.has_value());

  // A few games in: pause, so the page can be seen mid-run.
  const auto deadline = std::chrono::steady_clock::now() + 2min;
  std::uint64_t k = 0;
  std::string folder;
  while (k < 3) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    BOOST_REQUIRE_MESSAGE(left > 0ms, "no third finished game before the deadline");
    auto e = events.next(left);
    if (e && e->snapshot.tournament_id == *id) {
      k = e->snapshot.completed_games;
      folder = e->snapshot.folder;
    }
  }
  BOOST_REQUIRE(rt.pause(*id));
  const fs::path page_path = fs::path(folder) / "report.html";

  // Watch the folder first, then read: a rewrite is either already there or
  // announced by a rename into the folder.
  watch_fd w;
  w.fd = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  BOOST_REQUIRE(w.fd >= 0);
  BOOST_REQUIRE(::inotify_add_watch(w.fd, folder.c_str(), IN_MOVED_TO) >= 0);
  std::optional<page_progress> seen;
  int pages_read = 0;
  for (;;) {
    if (auto p = progress_of(read_file(page_path)); p) {
      ++pages_read;
      seen = p;
      if (p->played >= k) {
        break;
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    BOOST_REQUIRE_MESSAGE(left > 0ms, "no rewrite showing " << k << " games before the deadline");
    pollfd pfd{w.fd, POLLIN, 0};
    ::poll(&pfd, 1, static_cast<int>(left.count()));
    char buffer[4096];
    while (::read(w.fd, buffer, sizeof buffer) > 0) {
    }
  }
  BOOST_REQUIRE(seen.has_value());
  BOOST_TEST(seen->played >= k);
  BOOST_TEST(seen->planned == 400u);
  BOOST_TEST(seen->played < 400u);
  BOOST_TEST((seen->status == "running" || seen->status == "paused"), seen->status);
  BOOST_TEST(pages_read >= 1);

  BOOST_REQUIRE(rt.resume(*id));
  auto final = rt.wait(*id, 5min);
  BOOST_REQUIRE(final.has_value());
  BOOST_TEST((final->status == tourney::tournament_status::completed));
  rt.shutdown();

  // The final page is the page made afterwards from the folder.
  const auto final_page = read_file(page_path);
  BOOST_TEST(final_page.find("Status: completed; 400 of 400 games finished.") != std::string::npos);
  const auto after = (fs::path(folder) / "after.html").string();
  auto r = run_process({TOURNEY_APP_PATH, "report", folder, "--html", after}, std::chrono::milliseconds(120000));
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  BOOST_TEST((final_page == read_file(after)));
}

BOOST_AUTO_TEST_CASE(tourney_run_live_report_leaves_the_final_page) {
  temp_dir dir;
  auto r = run_process({TOURNEY_APP_PATH, "run", "--storage", dir.path(), "--progress", "none", "--live-report"},
                       std::chrono::milliseconds(300000));
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const fs::path folder = r.last_line();
  const auto page = read_file(folder / "report.html");
  BOOST_TEST(page.find("Status: completed;") != std::string::npos);
  auto again = run_process({TOURNEY_APP_PATH, "report", folder.string(), "--html", (folder / "again.html").string()},
                           std::chrono::milliseconds(120000));
  BOOST_REQUIRE(again.exit_code == 0);
  BOOST_TEST((page == read_file(folder / "again.html")));
  // Without the flag there is no page.
  temp_dir plain;
  auto q = run_process({TOURNEY_APP_PATH, "run", "--storage", plain.path(), "--progress", "none"},
                       std::chrono::milliseconds(300000));
  BOOST_REQUIRE(q.exit_code == 0);
  BOOST_TEST(!fs::exists(fs::path(q.last_line()) / "report.html"));
}

BOOST_AUTO_TEST_SUITE_END()
