// Reading a saved tournament for resume: what is refused, what is cut.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "tourney/durable/saved_tournament.hpp"
#include "tourney/spec/config.hpp"
#include "tourney/spec/json.hpp"

namespace fs = std::filesystem;
using namespace tourney;

namespace {

nlohmann::json small_spec_json() {
  auto config = spec::config_from_json(nlohmann::json::parse(R"({
    "name": "saved", "format": "gauntlet", "seed": 3, "games_per_pairing": 2,
    "players": [{"name": "a", "builtin": "random"}, {"name": "b", "builtin": "random"}]})"));
  BOOST_REQUIRE_MESSAGE(config, (config ? "" : config.error().message));
  return spec::spec_to_json(config->tournament);
}

void write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string meta(const std::string& id, int version) {
  nlohmann::json j{{"tournament_id", id}, {"name", "saved"}, {"status", "running"}, {"spec", small_spec_json()}};
  if (version > 0) {
    j["format_version"] = version;
  }
  return j.dump();
}

std::string line(const std::string& game_id, int index) {
  return nlohmann::json{{"game_id", game_id}, {"index", index}, {"result", "draw"}, {"reason", "max_plies"}}.dump() +
         "\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(durable_saved_tournament)

BOOST_AUTO_TEST_CASE(reads_identity_spec_and_finished_games) {
  test::temp_dir dir;
  write(dir.path() + "/tournament.json", meta("0123456789abcdef", 0));
  write(dir.path() + "/games.jsonl", line("01234567-00001", 1) + line("01234567-00000", 0));
  auto saved = durable::read_saved_tournament(dir.path());
  BOOST_REQUIRE_MESSAGE(saved, (saved ? "" : saved.error().message));
  BOOST_TEST(saved->id == "0123456789abcdef");
  BOOST_TEST(saved->spec.players.size() == 2u);
  BOOST_REQUIRE(saved->finished.size() == 2u);
  BOOST_TEST(saved->finished[0].index == 1u);
  BOOST_TEST(saved->warnings.empty());
}

BOOST_AUTO_TEST_CASE(a_newer_format_version_is_refused) {
  test::temp_dir dir;
  write(dir.path() + "/tournament.json", meta("0123456789abcdef", durable::folder_format_version + 1));
  auto saved = durable::read_saved_tournament(dir.path());
  BOOST_REQUIRE(!saved);
  BOOST_TEST(saved.error().message.find("newer") != std::string::npos, saved.error().message);
  BOOST_TEST(saved.error().message.find("tournament.json") != std::string::npos, saved.error().message);
}

BOOST_AUTO_TEST_CASE(a_journal_of_another_tournament_is_refused) {
  test::temp_dir dir;
  write(dir.path() + "/tournament.json", meta("0123456789abcdef", 1));
  write(dir.path() + "/games.jsonl", line("01234567-00000", 0) + line("feedbeef-00001", 1));
  auto saved = durable::read_saved_tournament(dir.path());
  BOOST_REQUIRE(!saved);
  BOOST_TEST(saved.error().message.find("another tournament") != std::string::npos, saved.error().message);
  BOOST_TEST(saved.error().message.find("feedbeef-00001") != std::string::npos, saved.error().message);
}

BOOST_AUTO_TEST_CASE(missing_folder_or_file_is_a_clear_error) {
  test::temp_dir dir;
  auto saved = durable::read_saved_tournament(dir.path() + "/nope");
  BOOST_REQUIRE(!saved);
  BOOST_TEST(saved.error().message.find("/nope: cannot resume") != std::string::npos, saved.error().message);
  saved = durable::read_saved_tournament(dir.path());
  BOOST_REQUIRE(!saved);
  BOOST_TEST(saved.error().message.find("tournament.json") != std::string::npos, saved.error().message);
}

BOOST_AUTO_TEST_CASE(a_truncated_last_line_is_reported_and_cut_off) {
  test::temp_dir dir;
  write(dir.path() + "/tournament.json", meta("0123456789abcdef", 1));
  const auto whole = line("01234567-00000", 0);
  const auto cut = line("01234567-00001", 1).substr(0, 17);
  write(dir.path() + "/games.jsonl", whole + cut);
  auto saved = durable::read_saved_tournament(dir.path());
  BOOST_REQUIRE(saved);
  BOOST_TEST(saved->finished.size() == 1u);
  BOOST_REQUIRE(saved->warnings.size() == 1u);
  BOOST_TEST(saved->warnings[0].find("truncated") != std::string::npos);
  BOOST_TEST(saved->journal_valid_bytes == whole.size());
  BOOST_TEST(saved->journal_bytes == whole.size() + cut.size());
  BOOST_REQUIRE(durable::cut_journal_tail(*saved));
  BOOST_TEST(fs::file_size(dir.path() + "/games.jsonl") == whole.size());
  // Whole again: reading it twice changes nothing.
  auto again = durable::read_saved_tournament(dir.path());
  BOOST_REQUIRE(again);
  BOOST_TEST(again->warnings.empty());
  BOOST_REQUIRE(durable::cut_journal_tail(*again));
  BOOST_TEST(fs::file_size(dir.path() + "/games.jsonl") == whole.size());
}

// Version 1 did not save a USI player's own node limit: resuming such a
// folder could play its remaining games at another budget, so it is refused.
BOOST_AUTO_TEST_CASE(a_version_1_folder_with_a_usi_player_is_refused) {
  test::temp_dir dir;
  auto spec = small_spec_json();
  spec["players"][1] = {{"name", "fairy"}, {"usi", {{"command", "/usr/games/fairy-stockfish"}}}};
  nlohmann::json j{{"tournament_id", "0123456789abcdef"}, {"status", "running"}, {"spec", spec}};
  write(dir.path() + "/tournament.json", j.dump());
  auto saved = durable::read_saved_tournament(dir.path());
  BOOST_REQUIRE(!saved);
  BOOST_TEST(saved.error().message.find("spec.players[1] 'fairy'") != std::string::npos, saved.error().message);
  j["format_version"] = durable::folder_format_version;
  write(dir.path() + "/tournament.json", j.dump());
  auto current = durable::read_saved_tournament(dir.path());
  BOOST_TEST(current.has_value(), (current ? "" : current.error().message));
}

BOOST_AUTO_TEST_SUITE_END()
