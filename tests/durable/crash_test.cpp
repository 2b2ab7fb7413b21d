// The built app killed, interrupted, starved of disk, then resumed (issue 5,
// issue 7): the tournament always ends with exactly the planned games, each
// index once, and every game reported finished is still in the journal.
// Waits are on the app's output (JSON progress lines) and deadlines.
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "support/process_runner.hpp"
#include "support/test_seed.hpp"
#include "tourney/results/journal_reader.hpp"

namespace fs = std::filesystem;
using namespace tourney;

namespace {

std::string write_config(const std::string& dir, int games_per_pairing) {
  const auto path = dir + "/config.json";
  nlohmann::json j = nlohmann::json::parse(R"({
    "name": "crash", "format": "gauntlet", "seed": 5, "adjudication": {"max_plies": 256},
    "players": [{"name": "agent", "builtin": "alphabeta", "depth": 1}, {"name": "r1", "builtin": "random"},
                {"name": "r2", "builtin": "heuristic"}]})");
  j["games_per_pairing"] = games_per_pairing;
  j["storage"] = dir + "/results";
  std::ofstream(path) << j.dump(2);
  return path;
}

struct output_view {
  std::string folder;
  std::uint64_t reported_finished = 0;  // the highest completed_games shown
  int progress_events = 0;
};

output_view parse_output(const std::string& out) {
  output_view v;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != '{') {
      continue;
    }
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("event")) {
      continue;
    }
    if (j.contains("folder") && j["folder"].is_string()) {
      v.folder = j["folder"].get<std::string>();
    }
    if (j["event"] == "progress") {
      ++v.progress_events;
    }
    v.reported_finished = std::max(v.reported_finished, j["completed_games"].get<std::uint64_t>());
  }
  return v;
}

test::process_result run_app(std::vector<std::string> args, std::function<bool(const std::string&)> trigger = {},
                             int signal = 0) {
  args.insert(args.begin(), TOURNEY_APP_PATH);
  test::run_options o;
  o.argv = std::move(args);
  o.deadline = std::chrono::milliseconds(180000);
  o.trigger = std::move(trigger);
  o.signal_on_trigger = signal;
  return test::run_process(o);
}

std::set<std::uint64_t> journal_indices(const std::string& folder) {
  auto j = results::read_journal(folder + "/games.jsonl");
  BOOST_REQUIRE_MESSAGE(j, (j ? "" : j.error().message));
  std::set<std::uint64_t> out;
  for (const auto& g : j->games) {
    out.insert(g.index);
  }
  return out;
}

// index -> "game_id black vs white from sfen": what an uninterrupted run records.
std::map<std::uint64_t, std::string> pairings(const std::string& folder) {
  std::map<std::uint64_t, std::string> out;
  std::ifstream in(folder + "/games.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    out[j["index"].get<std::uint64_t>()] = j["black"].get<std::string>() + " vs " + j["white"].get<std::string>() +
                                           " from " + j["start_sfen"].get<std::string>();
  }
  return out;
}

// Every line once: the journal holds each index exactly once.
void check_complete(const std::string& folder, std::uint64_t planned) {
  std::ifstream in(folder + "/games.jsonl");
  std::string line;
  std::map<std::uint64_t, int> counts;
  while (std::getline(in, line)) {
    ++counts[nlohmann::json::parse(line)["index"].get<std::uint64_t>()];
  }
  BOOST_TEST(counts.size() == planned);
  BOOST_TEST((counts.empty() || counts.rbegin()->first == planned - 1));
  for (const auto& [index, n] : counts) {
    BOOST_TEST(n == 1, "index " << index << " appears " << n << " times");
  }
  std::ifstream meta_in(folder + "/tournament.json");
  auto meta = nlohmann::json::parse(meta_in);
  BOOST_TEST(meta["status"] == "completed");
  BOOST_TEST(meta["total_games"] == planned);
  BOOST_TEST(meta["completed_games"] == planned);
}

// Kills the app with SIGKILL `kills` times at random moments (after 0-5
// durable games of a run; the first run after at least one, so its folder
// exists), resuming each time, then lets it finish.
void kill_and_resume(int kills, int games_per_pairing) {
  test::temp_dir dir;
  const auto config = write_config(dir.path(), games_per_pairing);
  const std::uint64_t planned = 2u * static_cast<std::uint64_t>(games_per_pairing);
  const unsigned seed = test::random_seed();
  BOOST_TEST_MESSAGE("crash test seed " << seed);
  BOOST_TEST_INFO_SCOPE(test::seed_context(seed));
  std::mt19937 rng(seed);
  std::string folder;
  std::set<std::uint64_t> saved;
  int killed = 0;
  for (int attempt = 0; attempt < kills + 5 && killed < kills; ++attempt) {
    const int after = std::uniform_int_distribution<int>(folder.empty() ? 1 : 0, 5)(rng);
    auto trigger = [after](const std::string& out) {
      auto v = parse_output(out);
      return !v.folder.empty() && v.progress_events >= after;
    };
    auto r = folder.empty() ? run_app({"run", config, "--progress", "json", "--concurrency", "2"}, trigger, SIGKILL)
                            : run_app({"run", "--resume", folder, "--progress", "json"}, trigger, SIGKILL);
    auto v = parse_output(r.out);
    BOOST_REQUIRE_MESSAGE(!r.timed_out, "timed out: " << r.err);
    if (folder.empty()) {
      folder = v.folder;
      BOOST_REQUIRE(!folder.empty());
    }
    if (r.term_signal == SIGKILL) {
      ++killed;
    } else {
      BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "exit " << r.exit_code << " signal " << r.term_signal << ": " << r.err);
      break;  // finished before the chosen moment
    }
    auto now = journal_indices(folder);
    // Every game reported finished is on disk; nothing saved was lost.
    BOOST_TEST(now.size() >= v.reported_finished, "reported " << v.reported_finished << ", journal " << now.size());
    for (auto index : saved) {
      BOOST_TEST(now.count(index) == 1u, "index " << index << " lost after kill " << killed);
    }
    saved = std::move(now);
  }
  BOOST_TEST_MESSAGE("killed " << killed << " times with " << saved.size() << " games saved");
  auto r = run_app({"run", "--resume", folder, "--progress", "json"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "exit " << r.exit_code << ": " << r.err);
  BOOST_TEST(r.last_line() == folder);
  check_complete(folder, planned);
  for (auto index : saved) {
    BOOST_TEST(journal_indices(folder).count(index) == 1u);
  }
  // Same pairing and openings as an uninterrupted run of the same config.
  auto whole = run_app({"run", config, "--progress", "none", "--storage", dir.path() + "/whole"});
  BOOST_REQUIRE_MESSAGE(whole.exit_code == 0, whole.err);
  BOOST_TEST((pairings(whole.last_line()) == pairings(folder)));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(durable_crash)

BOOST_AUTO_TEST_CASE(sigkill_at_random_moments_then_resume_loses_and_duplicates_nothing) {
  kill_and_resume(12, 30);
}

BOOST_AUTO_TEST_CASE(sigkill_many_times_in_a_row, *boost::unit_test::label("slow")) {
  kill_and_resume(60, 100);
}

BOOST_AUTO_TEST_CASE(sigint_mid_run_exits_130_with_the_resume_hint_then_resume_finishes) {
  test::temp_dir dir;
  const auto config = write_config(dir.path(), 30);
  auto r = run_app({"run", config, "--progress", "json", "--concurrency", "2"},
                   [](const std::string& out) { return parse_output(out).progress_events >= 3; }, SIGINT);
  const auto folder = parse_output(r.out).folder;
  if (r.exit_code == 0) {
    BOOST_TEST_MESSAGE("finished before SIGINT arrived; nothing to resume");
    return;
  }
  BOOST_REQUIRE_MESSAGE(r.exit_code == 130, "exit " << r.exit_code << ": " << r.err);
  BOOST_TEST(r.last_line() == folder);
  BOOST_TEST(r.err.find("resume with: tourney run --resume " + folder) != std::string::npos, r.err);
  const auto saved = journal_indices(folder);
  BOOST_TEST(saved.size() >= parse_output(r.out).reported_finished);
  r = run_app({"run", "--resume", folder, "--progress", "json"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "exit " << r.exit_code << ": " << r.err);
  BOOST_TEST(r.last_line() == folder);
  check_complete(folder, 60);
}

BOOST_AUTO_TEST_CASE(resume_refuses_a_config_and_a_missing_folder) {
  test::temp_dir dir;
  const auto config = write_config(dir.path(), 1);
  auto r = run_app({"run", "--resume", dir.path(), config});
  BOOST_TEST(r.exit_code == 2, r.err);
  r = run_app({"run", "--resume", dir.path() + "/nope"});
  BOOST_TEST(r.exit_code == 2, r.err);  // CLI11: not an existing directory
  r = run_app({"run", "--resume", dir.path()});  // a folder without tournament.json
  BOOST_TEST(r.exit_code == 1, r.err);
  BOOST_TEST(r.err.find("tournament.json") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(disk_full_fails_clearly_keeps_the_saved_games_and_resumes) {
  test::temp_dir dir;
  const auto config = write_config(dir.path(), 30);
  // A 16 kB file-size limit stands in for a full disk: the journal hits it
  // after a few games (EFBIG), tournament.json and the records stay below.
  test::run_options o;
  o.argv = {std::string(TOURNEY_FAKES_DIR) + "/file_size_limit", "16384", TOURNEY_APP_PATH, "run", config,
            "--progress", "json", "--concurrency", "2"};
  o.deadline = std::chrono::milliseconds(180000);
  auto r = test::run_process(o);
  BOOST_TEST(r.term_signal == 0, "killed by signal " << r.term_signal);
  BOOST_TEST(r.exit_code == 1, "exit " << r.exit_code << ": " << r.err);
  BOOST_TEST(r.err.find("File too large") != std::string::npos, r.err);
  const auto folder = parse_output(r.out).folder;
  BOOST_REQUIRE(!folder.empty());
  const auto saved = journal_indices(folder);
  BOOST_TEST(saved.size() >= parse_output(r.out).reported_finished);
  BOOST_TEST(saved.size() < 60u);
  // Space again: resume completes the plan without losing a saved game.
  r = run_app({"run", "--resume", folder, "--progress", "json"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "exit " << r.exit_code << ": " << r.err);
  check_complete(folder, 60);
  for (auto index : saved) {
    BOOST_TEST(journal_indices(folder).count(index) == 1u);
  }
}

BOOST_AUTO_TEST_CASE(a_vanished_results_folder_fails_clearly_without_a_crash) {
  test::temp_dir dir;
  const auto config = write_config(dir.path(), 100);
  bool removed = false;
  auto r = run_app({"run", config, "--progress", "json", "--concurrency", "1"}, [&](const std::string& out) {
    auto v = parse_output(out);
    if (!removed && v.progress_events >= 1) {
      removed = true;
      std::error_code ec;
      fs::remove_all(v.folder, ec);
    }
    return false;
  });
  BOOST_TEST(r.term_signal == 0, "killed by signal " << r.term_signal);
  if (r.exit_code == 0) {
    BOOST_TEST_MESSAGE("all games finished before the next commit noticed");
    return;
  }
  BOOST_TEST(r.exit_code == 1, "exit " << r.exit_code << ": " << r.err);
  BOOST_TEST(r.err.find("vanished") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(an_unwritable_storage_directory_is_a_clear_failure) {
  test::temp_dir dir;
  const auto config = write_config(dir.path(), 1);
  std::ofstream(dir.path() + "/file") << "x";
  auto r = run_app({"run", config, "--progress", "none", "--storage", dir.path() + "/file/results"});
  BOOST_TEST(r.term_signal == 0);
  BOOST_TEST(r.exit_code == 1, "exit " << r.exit_code << ": " << r.err);
  BOOST_TEST(r.err.find(dir.path() + "/file/results") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
