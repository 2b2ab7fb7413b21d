// How `tourney run` ends when it is stopped from outside, as a user's shell,
// GNU timeout, a closed SSH session or a pipe stop it: every ending leaves
// tournament.json true (never "running" for a process that is gone), the
// journal whole, and the folder resumable; and one results folder has one
// writer at a time. Real binary, real signals, driven by its output with
// deadlines.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <thread>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "support/process_runner.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace tourney;

namespace {

// Random players: thousands of short games, so a stop lands mid-run.
const char* long_config = R"({"name": "long", "seed": 5, "games_per_pairing": 4000, "slots": 1,
  "players": [{"name": "a", "builtin": "random"}, {"name": "b", "builtin": "random"}]})";

std::string write_config(const test::temp_dir& dir) {
  auto path = dir.path() + "/long.json";
  std::ofstream(path) << long_config;
  return path;
}

int progress_events(const std::string& out) {
  int n = 0;
  for (std::size_t at = out.find("\"event\":\"progress\""); at != std::string::npos;
       at = out.find("\"event\":\"progress\"", at + 1)) {
    ++n;
  }
  return n;
}

test::run_options app(std::vector<std::string> args) {
  args.insert(args.begin(), TOURNEY_APP_PATH);
  test::run_options o;
  o.argv = std::move(args);
  o.deadline = std::chrono::milliseconds(120000);
  return o;
}

// The only tournament folder under `storage`.
std::string folder_in(const std::string& storage) {
  std::string found;
  for (const auto& e : fs::directory_iterator(storage)) {
    if (e.is_directory()) {
      BOOST_REQUIRE_MESSAGE(found.empty(), "two tournament folders in " << storage);
      found = e.path().string();
    }
  }
  BOOST_REQUIRE_MESSAGE(!found.empty(), "no tournament folder in " << storage);
  return found;
}

std::string status_of(const std::string& folder) {
  std::ifstream in(folder + "/tournament.json");
  return nlohmann::json::parse(in).at("status").get<std::string>();
}

// index -> lines with that index in games.jsonl.
std::map<std::uint64_t, int> journal_counts(const std::string& folder) {
  std::ifstream in(folder + "/games.jsonl");
  std::map<std::uint64_t, int> counts;
  std::string line;
  while (std::getline(in, line)) {
    ++counts[nlohmann::json::parse(line).at("index").get<std::uint64_t>()];
  }
  return counts;
}

// Stops a run with `signals` after its third progress event and checks that
// it saved and says how to resume.
void stopped_by(const std::vector<int>& signals) {
  test::temp_dir dir;
  auto o = app({"run", write_config(dir), "--storage", dir.path(), "--progress", "json"});
  o.trigger = [](const std::string& out) { return progress_events(out) >= 3; };
  o.signal_on_trigger = signals.front();
  o.more_signals_on_trigger.assign(signals.begin() + 1, signals.end());
  auto r = test::run_process(o);
  BOOST_REQUIRE_MESSAGE(!r.timed_out, r.err);
  BOOST_TEST(r.term_signal == 0, "killed by signal " << r.term_signal << ": " << r.err);
  BOOST_TEST(r.exit_code == 130, r.err);
  const auto folder = folder_in(dir.path());
  BOOST_TEST(status_of(folder) == "cancelled");
  BOOST_TEST(r.err.find("resume with: tourney run --resume " + folder) != std::string::npos, r.err);
  for (const auto& [index, n] : journal_counts(folder)) {
    BOOST_TEST(n == 1, "index " << index);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(app_stop)

// GNU timeout sends SIGTERM to the process and then to its group: the second
// one used to exit at once, skipping the final save.
BOOST_AUTO_TEST_CASE(two_sigterms_still_save_and_exit_130) {
  stopped_by({SIGTERM, SIGTERM});
}

BOOST_AUTO_TEST_CASE(sighup_from_a_closed_session_saves_and_exits_130) {
  stopped_by({SIGHUP});
}

// Two SIGINTs from kill(2) (a script, not a terminal's Ctrl-C) save too.
BOOST_AUTO_TEST_CASE(two_sigints_not_typed_at_a_terminal_still_save) {
  stopped_by({SIGINT, SIGINT});
}

// `tourney run --progress json | head -1`: the reader goes away; the run
// used to die of SIGPIPE with tournament.json left "running".
BOOST_AUTO_TEST_CASE(a_closed_stdout_stops_the_run_resumably) {
  test::temp_dir dir;
  auto o = app({"run", write_config(dir), "--storage", dir.path(), "--progress", "json"});
  o.trigger = [](const std::string& out) { return out.find('\n') != std::string::npos; };
  o.close_stdout_on_trigger = true;
  auto r = test::run_process(o);
  BOOST_REQUIRE_MESSAGE(!r.timed_out, r.err);
  BOOST_TEST(r.term_signal == 0, "killed by signal " << r.term_signal);
  BOOST_TEST(r.exit_code == 130, r.err);
  const auto folder = folder_in(dir.path());
  BOOST_TEST(status_of(folder) == "cancelled");
  BOOST_TEST(r.err.find("standard output closed") != std::string::npos, r.err);
}

// A failed run names no results folder that does not exist.
BOOST_AUTO_TEST_CASE(a_run_that_saved_nothing_names_no_folder) {
  test::temp_dir dir;
  std::ofstream(dir.path() + "/file") << "not a directory";
  auto r = test::run_process(app({"run", write_config(dir), "--storage", dir.path() + "/file/results",
                                  "--progress", "none"}));
  BOOST_TEST(r.exit_code == 1, r.err);
  BOOST_TEST(r.err.find("nothing was saved") != std::string::npos, r.err);
  const auto last = r.last_line();
  BOOST_TEST((last.empty() || fs::exists(last)), "names '" << last << "', which does not exist");
}

// Two `--resume` of one folder at once both played and both appended (77
// lines for 40 games); now the second names the holder and exits 2.
BOOST_AUTO_TEST_CASE(a_second_resume_of_a_folder_in_use_exits_2_naming_the_holder) {
  test::temp_dir dir;
  auto first = app({"run", write_config(dir), "--storage", dir.path(), "--progress", "json"});
  first.trigger = [](const std::string& out) { return progress_events(out) >= 2; };
  first.signal_on_trigger = SIGINT;
  auto r = test::run_process(first);
  BOOST_REQUIRE_EQUAL(r.exit_code, 130);
  const auto folder = folder_in(dir.path());

  // The holder: a resume that runs until this test stops it.
  std::promise<int> holder_pid;
  std::promise<void> holder_playing;
  bool told = false;
  auto holder = app({"run", "--resume", folder, "--progress", "json"});
  holder.on_start = [&](int pid) { holder_pid.set_value(pid); };
  holder.trigger = [&](const std::string& out) {
    if (!told && progress_events(out) >= 1) {
      told = true;
      holder_playing.set_value();
    }
    return false;
  };
  auto pid_ready = holder_pid.get_future();
  auto playing = holder_playing.get_future();
  auto running = std::async(std::launch::async, [&] { return test::run_process(holder); });
  const int pid = pid_ready.get();
  BOOST_REQUIRE_MESSAGE(playing.wait_for(std::chrono::seconds(60)) == std::future_status::ready,
                        "the first resume did not start playing");

  auto second = test::run_process(app({"run", "--resume", folder, "--progress", "none"}));
  BOOST_TEST(second.exit_code == 2, second.err);
  BOOST_TEST(second.err.find("in use by pid " + std::to_string(pid)) != std::string::npos, second.err);

  ::kill(pid, SIGINT);
  auto held = running.get();
  BOOST_TEST(held.exit_code == 130, held.err);
  for (const auto& [index, n] : journal_counts(folder)) {
    BOOST_TEST(n == 1, "index " << index << " journaled " << n << " times");
  }
  // The lock went with its holder: the folder resumes again.
  auto again = app({"run", "--resume", folder, "--progress", "json"});
  again.trigger = [](const std::string& out) { return progress_events(out) >= 1; };
  again.signal_on_trigger = SIGINT;
  auto third = test::run_process(again);
  BOOST_TEST(third.exit_code == 130, third.err);
}

BOOST_AUTO_TEST_SUITE_END()
