// How USI engines end with their tournament, through the runtime facade and
// the scripted fake engine (tests/fakes/fake_usi_engine.cpp): at a normal end
// each engine is sent quit and given its profile's quit_timeout to exit by
// itself (an engine that saves a learning file on quit keeps it); one that
// ignores quit is still gone within a bounded time (SIGTERM, then SIGKILL).
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <cerrno>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/process_runner.hpp"
#include "support/process_gone.hpp"
#include "support/temp_dir.hpp"
#include "tourney/runtime.hpp"
#include "usi_actors/support.hpp"

using namespace tourney;
using namespace std::chrono_literals;

using tourney::test::gone_within;

namespace {

spec::tournament_spec two_fakes(const std::vector<std::string>& first_flags,
                                const std::vector<std::string>& second_flags) {
  spec::tournament_spec s;
  s.name = "shutdown";
  s.games_per_pairing = 2;
  s.players.push_back(test::fake_engine("first", first_flags));
  s.players.push_back(test::fake_engine("second", second_flags));
  s.clock.nodes = 1000;
  s.clock.clockless_move_budget = 2000ms;
  return s;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every engine stderr log of the tournament, concatenated.
std::string all_logs(const std::string& folder) {
  std::string text;
  for (const auto& entry : std::filesystem::directory_iterator(folder + "/engines")) {
    text += slurp(entry.path());
  }
  return text;
}

// Processes whose working directory is under `dir` (the engines of a test
// run there).
std::vector<std::string> processes_in(const std::string& dir) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::error_code ec;
    auto cwd = std::filesystem::read_symlink(entry.path() / "cwd", ec);
    if (!ec && cwd.string().rfind(dir, 0) == 0) {
      found.push_back(entry.path().string());
    }
  }
  return found;
}

struct run_result {
  progress_snapshot final;
  std::chrono::steady_clock::duration shutdown_took{};
};

// Plays the tournament to its end, then shuts the runtime down and times
// that (the engines end during it).
run_result play(const spec::tournament_spec& s, const std::string& dir) {
  run_result out;
  runtime_options o;
  o.storage_dir = dir;
  o.game_slots = 2;
  std::chrono::steady_clock::time_point shutdown_from;
  {
    runtime r(o);
    auto id = r.start(s);
    BOOST_REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
    auto final = r.wait(*id, 60s);
    BOOST_REQUIRE_MESSAGE(final, "the tournament did not finish within 60 s");
    out.final = *final;
    shutdown_from = std::chrono::steady_clock::now();
    r.shutdown();
  }
  out.shutdown_took = std::chrono::steady_clock::now() - shutdown_from;
  return out;
}

// The pids after "fake: grandchild " in the tournament's engine logs.
std::vector<pid_t> grandchildren(const std::string& folder) {
  std::vector<pid_t> pids;
  std::istringstream in(all_logs(folder));
  std::string line;
  const std::string prefix = "fake: grandchild ";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) {
      pids.push_back(static_cast<pid_t>(std::stol(line.substr(prefix.size()))));
    }
  }
  return pids;
}


}  // namespace

BOOST_AUTO_TEST_SUITE(usi_actors_shutdown)

BOOST_AUTO_TEST_CASE(engines_are_sent_quit_and_exit_by_themselves_at_a_normal_end) {
  test::temp_dir dir;
  auto first_marker = dir.path() + "/first.quit";
  auto second_marker = dir.path() + "/second.quit";
  auto s = two_fakes({"--quit-marker", first_marker}, {"--quit-marker", second_marker});
  auto result = play(s, dir.path());
  BOOST_CHECK(result.final.status == tournament_status::completed);
  // Each engine wrote its file on quit: it was asked, and not killed first.
  BOOST_CHECK_MESSAGE(std::filesystem::exists(first_marker), "no quit marker from 'first'");
  BOOST_CHECK_MESSAGE(std::filesystem::exists(second_marker), "no quit marker from 'second'");
  auto logs = all_logs(result.final.folder);
  BOOST_CHECK_MESSAGE(logs.find("< quit") != std::string::npos, logs);
  BOOST_CHECK_MESSAGE(logs.find("fake: quitting") != std::string::npos, logs);
  BOOST_CHECK(processes_in(dir.path()).empty());
}

BOOST_AUTO_TEST_CASE(an_engine_that_ignores_quit_and_sigterm_is_still_gone_within_a_bounded_time) {
  test::temp_dir dir;
  auto marker = dir.path() + "/second.quit";
  auto s = two_fakes({"--ignore-quit", "--ignore-sigterm"}, {"--quit-marker", marker});
  auto result = play(s, dir.path());
  BOOST_CHECK(result.final.status == tournament_status::completed);
  // quit_timeout (300 ms in test::fake_engine) + SIGTERM's grace (250 ms),
  // then SIGKILL: well under 5 s even on a loaded machine.
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(result.shutdown_took);
  BOOST_TEST_MESSAGE("shutdown took " << took.count() << " ms");
  BOOST_CHECK_LT(took.count(), 5000);
  BOOST_CHECK(std::filesystem::exists(marker));  // the sound engine still quit by itself
  auto left = processes_in(dir.path());
  BOOST_CHECK_MESSAGE(left.empty(), "engines left running: " << left.size());
}

BOOST_AUTO_TEST_CASE(what_engines_start_does_not_outlive_the_tournament) {
  // Each engine process leaves a daemon behind (fork + setsid(): out of the
  // engine's process group). Once the runtime is gone, so are they.
  test::temp_dir dir;
  auto s = two_fakes({"--setsid-grandchild"}, {"--setsid-grandchild"});
  auto result = play(s, dir.path());
  BOOST_CHECK(result.final.status == tournament_status::completed);
  auto pids = grandchildren(result.final.folder);
  BOOST_CHECK_GE(pids.size(), 2u);
  for (auto pid : pids) {
    BOOST_CHECK_MESSAGE(gone_within(pid, 5000ms), "grandchild " << pid << " outlived the tournament");
  }
}

BOOST_AUTO_TEST_CASE(what_engines_start_does_not_outlive_a_sigkilled_tourney) {
  // The tourney app plays fakes that each leave a setsid() daemon behind; it
  // is SIGKILLed once a game has finished (its JSON progress says so), so
  // it cleans nothing up itself. Every daemon is still gone soon after.
  test::temp_dir dir;
  nlohmann::json config = {
      {"name", "killed"},
      {"format", "gauntlet"},
      {"games_per_pairing", 40},
      {"storage", dir.path() + "/results"},
      {"time_control", {{"nodes", 1000}, {"clockless_move_budget_ms", 2000}}},
      {"players",
       {{{"name", "first"}, {"usi", {{"command", test::fake_engine_path()}, {"args", {"--setsid-grandchild"}}}}},
        {{"name", "second"}, {"usi", {{"command", test::fake_engine_path()}, {"args", {"--setsid-grandchild"}}}}}}}};
  const auto config_path = dir.path() + "/config.json";
  std::ofstream(config_path) << config.dump(2);
  std::string folder;
  test::run_options o;
  o.argv = {TOURNEY_APP_PATH, "run", config_path, "--progress", "json", "--concurrency", "2"};
  o.deadline = std::chrono::milliseconds(60000);
  o.trigger = [&folder](const std::string& out) {
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object()) {
        continue;
      }
      if (j.contains("folder") && j["folder"].is_string()) {
        folder = j["folder"].get<std::string>();
      }
      if (j.value("completed_games", 0) >= 1 && !folder.empty()) {
        return true;
      }
    }
    return false;
  };
  o.signal_on_trigger = SIGKILL;
  auto result = test::run_process(o);
  BOOST_TEST_MESSAGE(result.err);
  BOOST_REQUIRE_MESSAGE(result.term_signal == SIGKILL, "tourney was not killed: " << result.out << result.err);
  BOOST_REQUIRE(!folder.empty());
  auto pids = grandchildren(folder);
  BOOST_CHECK_GE(pids.size(), 2u);
  for (auto pid : pids) {
    BOOST_CHECK_MESSAGE(gone_within(pid, 5000ms), "grandchild " << pid << " outlived a SIGKILLed tourney");
  }
}

BOOST_AUTO_TEST_SUITE_END()
