// Durable results and resume through the embedding API (issue 5): resume
// skips exactly the journal's games, a power cut at any byte of the journal
// loses only the cut line, records are written, retention prunes old folders.
// Built-in random players through the rules referee: fast and deterministic
// in pairing (the schedule), whatever the results.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "support/test_seed.hpp"
#include "tourney/results/journal_reader.hpp"
#include "tourney/runtime.hpp"
#include "tourney/spec/config.hpp"

namespace fs = std::filesystem;
using namespace tourney;
using namespace std::chrono_literals;

namespace {

spec::tournament_spec random_gauntlet(int games_per_pairing) {
  auto config = spec::config_from_json(nlohmann::json::parse(R"({
    "name": "resume", "format": "gauntlet", "seed": 11,
    "adjudication": {"max_plies": 40},
    "players": [{"name": "agent", "builtin": "random"}, {"name": "r1", "builtin": "random"},
                {"name": "r2", "builtin": "random"}]})"));
  BOOST_REQUIRE_MESSAGE(config, (config ? "" : config.error().message));
  config->tournament.games_per_pairing = games_per_pairing;
  return config->tournament;
}

struct warnings {
  std::mutex mutex;
  std::vector<std::string> texts;
  std::vector<std::string> take() {
    std::lock_guard<std::mutex> guard(mutex);
    return std::exchange(texts, {});
  }
};

runtime_options options_for(const std::string& dir, warnings* w, bool game_files = false) {
  runtime_options o;
  o.storage_dir = dir;
  o.game_record_files = game_files;
  o.game_slots = 3;
  o.max_concurrent_tournaments = 1;
  if (w != nullptr) {
    o.on_warning = [w](const std::string& text) {
      std::lock_guard<std::mutex> guard(w->mutex);
      w->texts.push_back(text);
    };
  }
  return o;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// What an index must be whatever the interruptions: its pairing and opening.
using pairing_map = std::map<std::uint64_t, std::string>;

pairing_map pairings_of(const std::string& journal) {
  pairing_map out;
  std::istringstream in(read_text(journal));
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    out[j["index"].get<std::uint64_t>()] =
        j["game_id"].get<std::string>() + " " + j["black"].get<std::string>() + " vs " + j["white"].get<std::string>() +
        " from " + j["start_sfen"].get<std::string>();
  }
  return out;
}

// Every line of the journal, with the count of each index.
std::map<std::uint64_t, int> index_counts(const std::string& journal) {
  std::map<std::uint64_t, int> out;
  std::istringstream in(read_text(journal));
  std::string line;
  while (std::getline(in, line)) {
    ++out[nlohmann::json::parse(line)["index"].get<std::uint64_t>()];
  }
  return out;
}

// An uninterrupted run: the reference.
std::string run_whole(const std::string& storage, const spec::tournament_spec& spec, bool game_files = false) {
  runtime r(options_for(storage, nullptr, game_files));
  auto id = r.start(spec);
  BOOST_REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  auto final = r.wait(*id, 120s);
  BOOST_REQUIRE(final);
  BOOST_REQUIRE(final->status == tournament_status::completed);
  return final->folder;
}

progress_snapshot resume(const std::string& folder, warnings* w, bool game_files = false) {
  runtime r(options_for(fs::path(folder).parent_path().string(), w, game_files));
  auto id = r.resume_from(folder);
  BOOST_REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  auto final = r.wait(*id, 120s);
  BOOST_REQUIRE(final);
  return *final;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(actors_resume)

BOOST_AUTO_TEST_CASE(resume_skips_exactly_the_journals_games_and_ends_with_the_plan) {
  test::temp_dir dir;
  const auto spec = random_gauntlet(6);  // 2 opponents x 6 = 12 games
  const auto folder = run_whole(dir.path() + "/whole", spec);
  const auto reference = pairings_of(folder + "/games.jsonl");
  BOOST_REQUIRE_EQUAL(reference.size(), 12u);
  // Records of every game in games.csa, readable by shogi GUIs: CSA V2.2
  // games separated by a line "/", each game once; no file per game.
  const auto csa = "\n" + read_text(folder + "/games.csa");
  std::size_t games_in_csa = 0;
  for (std::size_t at = 0; (at = csa.find("\nV2.2\n", at)) != std::string::npos; ++at) {
    ++games_in_csa;
    BOOST_TEST((at == 0 || csa.compare(at - 2, 2, "\n/") == 0), "a game not after a \"/\" line at " << at);
  }
  BOOST_TEST(games_in_csa == 12u);
  for (const auto& [index, what] : reference) {
    const auto game_id = what.substr(0, what.find(' '));
    const auto tag = "\n'game_id: " + game_id + "\n";
    BOOST_TEST((csa.find(tag) != std::string::npos && csa.find(tag) == csa.rfind(tag)), game_id);
  }
  BOOST_TEST(!fs::exists(folder + "/games"));
  auto meta = nlohmann::json::parse(read_text(folder + "/tournament.json"));
  BOOST_TEST(meta["total_games"] == 12);
  BOOST_TEST(meta["format_version"] == 2);  // v2: every player kind saves nodes, depth, seed

  // Keep the games with an even index, as if the others never finished.
  std::istringstream in(read_text(folder + "/games.jsonl"));
  std::string line;
  std::string kept;
  std::set<std::uint64_t> kept_indices;
  while (std::getline(in, line)) {
    auto index = nlohmann::json::parse(line)["index"].get<std::uint64_t>();
    if (index % 2 == 0) {
      kept += line + "\n";
      kept_indices.insert(index);
    }
  }
  write_text(folder + "/games.jsonl", kept);
  warnings w;
  auto final = resume(folder, &w);
  BOOST_CHECK(final.status == tournament_status::completed);
  BOOST_TEST(final.completed_games == 12u);
  BOOST_TEST(final.total_games == 12u);
  const auto after = read_text(folder + "/games.jsonl");
  BOOST_TEST(after.rfind(kept, 0) == 0u);  // the saved lines untouched, first
  auto counts = index_counts(folder + "/games.jsonl");
  BOOST_TEST(counts.size() == 12u);
  for (const auto& [index, n] : counts) {
    BOOST_TEST(n == 1, "index " << index << " appears " << n << " times");
  }
  // Only the missing ones were played: 6 new lines, none of the kept indices.
  BOOST_TEST(std::count(after.begin(), after.end(), '\n') == 12);
  BOOST_TEST((pairings_of(folder + "/games.jsonl") == reference));
  BOOST_TEST(w.take().empty());
  meta = nlohmann::json::parse(read_text(folder + "/tournament.json"));
  BOOST_TEST(meta["total_games"] == 12);
  BOOST_TEST(meta["completed_games"] == 12);
  BOOST_TEST(meta["status"] == "completed");

  // Resuming a finished tournament plays nothing and changes no line.
  final = resume(folder, &w);
  BOOST_CHECK(final.status == tournament_status::completed);
  BOOST_TEST(final.completed_games == 12u);
  BOOST_TEST(read_text(folder + "/games.jsonl") == after);
}

// Record files are written after the journal sync: a SIGKILL left a journaled
// game without its .csa/.kifu, a full disk left a .kifu cut. Resume makes the
// records of every journaled game whole again, from the journal.
BOOST_AUTO_TEST_CASE(resume_makes_the_record_files_of_every_journaled_game_whole) {
  test::temp_dir dir;
  const auto folder = run_whole(dir.path() + "/whole", random_gauntlet(3), true);  // 6 games, per-game files
  std::vector<std::string> ids;
  for (const auto& [index, what] : pairings_of(folder + "/games.jsonl")) {
    ids.push_back(what.substr(0, what.find(' ')));
  }
  BOOST_REQUIRE_EQUAL(ids.size(), 6u);
  const auto games = folder + "/games/";
  const auto csa_whole = read_text(games + ids[0] + ".csa");
  const auto kif_whole = read_text(games + ids[1] + ".kifu");
  const auto both_whole = read_text(games + ids[2] + ".kifu");
  fs::remove(games + ids[0] + ".csa");                                       // lost by a kill
  write_text(games + ids[1] + ".kifu", kif_whole.substr(0, kif_whole.size() / 2));  // cut by a full disk
  write_text(games + ids[2] + ".kifu", both_whole.substr(0, both_whole.size() - 1));  // only the last newline lost
  write_text(games + ids[3] + ".csa.tmp", "half");                           // an interrupted write
  fs::remove(games + ids[4] + ".kifu");
  fs::remove(games + ids[4] + ".csa");
  const auto all_whole = read_text(folder + "/games.csa");
  write_text(folder + "/games.csa", all_whole.substr(0, all_whole.size() / 3));  // lags the journal
  warnings w;
  auto final = resume(folder, &w, true);
  BOOST_CHECK(final.status == tournament_status::completed);
  // games.csa holds the six games again, the same as the game files say.
  const auto all = read_text(folder + "/games.csa");
  for (const auto& id : ids) {
    const auto tag = "'game_id: " + id + "\n";
    BOOST_TEST((all.find(tag) != std::string::npos && all.find(tag) == all.rfind(tag)), id);
  }
  BOOST_TEST(all.find(csa_whole) != std::string::npos);
  BOOST_TEST(read_text(games + ids[0] + ".csa") == csa_whole);
  BOOST_TEST(read_text(games + ids[1] + ".kifu") == kif_whole);
  BOOST_TEST(read_text(games + ids[2] + ".kifu") == both_whole);
  BOOST_TEST(!fs::exists(games + ids[3] + ".csa.tmp"));
  BOOST_TEST(fs::exists(games + ids[4] + ".kifu"));
  BOOST_TEST(fs::exists(games + ids[4] + ".csa"));
  auto said = w.take();
  BOOST_REQUIRE_EQUAL(said.size(), 1u);
  BOOST_TEST(said[0].find("of 4 journaled game(s)") != std::string::npos, said[0]);
  // Whole files are not rewritten again.
  resume(folder, &w);
  BOOST_TEST(w.take().empty());
}

BOOST_AUTO_TEST_CASE(power_cut_at_random_journal_offsets_loses_only_the_cut_line) {
  test::temp_dir dir;
  const auto spec = random_gauntlet(4);  // 8 games
  const auto folder = run_whole(dir.path() + "/whole", spec);
  const auto full = read_text(folder + "/games.jsonl");
  const auto reference = pairings_of(folder + "/games.jsonl");
  const auto meta = read_text(folder + "/tournament.json");
  const unsigned seed = test::random_seed();
  BOOST_TEST_MESSAGE("power-cut seed " << seed);
  BOOST_TEST_INFO_SCOPE(test::seed_context(seed));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> offset(0, full.size());
  for (int round = 0; round < 8; ++round) {
    const auto cut = round == 0 ? full.size() - 1 : offset(rng);  // round 0: only the final newline lost
    const auto case_dir = dir.path() + "/cut" + std::to_string(round);
    fs::create_directory(case_dir);
    const auto copy = case_dir + "/t";
    fs::create_directory(copy);
    write_text(copy + "/tournament.json", meta);
    write_text(copy + "/games.jsonl", full.substr(0, cut));
    const auto whole_prefix = full.substr(0, full.rfind('\n', cut == 0 ? 0 : cut - 1) == std::string::npos
                                                 ? 0
                                                 : full.rfind('\n', cut - 1) + 1);
    warnings w;
    auto final = resume(copy, &w);
    BOOST_CHECK_MESSAGE(final.status == tournament_status::completed, "cut at " << cut);
    BOOST_TEST(final.completed_games == 8u, "cut at " << cut);
    const auto after = read_text(copy + "/games.jsonl");
    BOOST_TEST(after.rfind(whole_prefix, 0) == 0u, "cut at " << cut);
    auto counts = index_counts(copy + "/games.jsonl");
    BOOST_TEST(counts.size() == 8u, "cut at " << cut);
    for (const auto& [index, n] : counts) {
      BOOST_TEST(n == 1, "cut at " << cut << ": index " << index << " appears " << n << " times");
    }
    BOOST_TEST((pairings_of(copy + "/games.jsonl") == reference), "cut at " << cut);
    const bool mid_line = cut != whole_prefix.size();
    // The copy has no games.csa: resume writes it from the kept games, and
    // the run appends the rest: every game once.
    const auto csa = read_text(copy + "/games.csa");
    for (const auto& [index, what] : reference) {
      const auto tag = "'game_id: " + what.substr(0, what.find(' ')) + "\n";
      BOOST_TEST((csa.find(tag) != std::string::npos && csa.find(tag) == csa.rfind(tag)),
                 "cut at " << cut << ": " << tag);
    }
    const auto texts = w.take();
    BOOST_TEST(texts.size() == (mid_line ? 1u : 0u), "cut at " << cut);
    if (mid_line && !texts.empty()) {
      BOOST_TEST(texts[0].find("truncated last line") != std::string::npos, texts[0]);
    }
  }
}

BOOST_AUTO_TEST_CASE(another_tournaments_journal_and_newer_format_are_refused) {
  test::temp_dir dir;
  const auto spec = random_gauntlet(1);
  const auto a = run_whole(dir.path() + "/a", spec);
  const auto b = run_whole(dir.path() + "/b", spec);
  const auto journal_b = read_text(b + "/games.jsonl");
  write_text(a + "/games.jsonl", journal_b);
  runtime r(options_for(dir.path() + "/a", nullptr));
  auto id = r.resume_from(a);
  BOOST_REQUIRE(!id);
  BOOST_TEST(id.error().message.find("another tournament") != std::string::npos, id.error().message);
  BOOST_TEST(read_text(a + "/games.jsonl") == journal_b);  // nothing changed

  auto meta = nlohmann::json::parse(read_text(b + "/tournament.json"));
  meta["format_version"] = 99;
  write_text(b + "/tournament.json", meta.dump());
  id = r.resume_from(b);
  BOOST_REQUIRE(!id);
  BOOST_TEST(id.error().message.find("format version 99") != std::string::npos, id.error().message);
  id = r.resume_from(dir.path() + "/missing");
  BOOST_REQUIRE(!id);
  BOOST_TEST(id.error().message.find("missing") != std::string::npos, id.error().message);
}

BOOST_AUTO_TEST_CASE(an_unwritable_storage_directory_fails_with_its_path) {
  test::temp_dir dir;
  write_text(dir.path() + "/file", "not a directory");
  runtime r(options_for(dir.path() + "/file/results", nullptr));
  auto id = r.start(random_gauntlet(1));
  BOOST_REQUIRE(id);
  auto final = r.wait(*id, 60s);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::failed);
  BOOST_TEST(final->error_message.find(dir.path() + "/file/results") != std::string::npos, final->error_message);
}

BOOST_AUTO_TEST_CASE(retention_keeps_the_newest_folders_and_never_the_running_one) {
  test::temp_dir dir;
  auto o = options_for(dir.path(), nullptr);
  o.keep_tournaments = 2;
  runtime r(o);
  std::vector<std::string> folders;
  for (int i = 0; i < 4; ++i) {
    auto id = r.start(random_gauntlet(1), "t" + std::to_string(i));
    BOOST_REQUIRE(id);
    auto final = r.wait(*id, 60s);
    BOOST_REQUIRE(final);
    folders.push_back(final->folder);
    // File times are coarse (a few ms): make the order of age explicit.
    fs::last_write_time(final->folder + "/tournament.json",
                        fs::file_time_type::clock::now() - std::chrono::hours(10 - i));
  }
  // Pruned when t3 started: t0 (t1 and t2 kept, then t3 added).
  BOOST_TEST(!fs::exists(folders[0]));
  for (int i = 1; i < 4; ++i) {
    BOOST_TEST(fs::exists(folders[i] + "/games.jsonl"), folders[i]);
  }
}

BOOST_AUTO_TEST_SUITE_END()
