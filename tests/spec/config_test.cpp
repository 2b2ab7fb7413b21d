#include "tourney/spec/config.hpp"

#include <filesystem>
#include <fstream>

#include <boost/test/unit_test.hpp>

#include "support/temp_dir.hpp"
#include "tourney/spec/json.hpp"
#include "tourney/spec/validate.hpp"
#include "tourney/util/json_file.hpp"

using namespace tourney;
using nlohmann::json;

namespace {

json two_builtins() {
  return json::parse(R"({
    "name": "t",
    "players": [{"name": "a", "builtin": "random"}, {"name": "b", "builtin": "heuristic"}]
  })");
}

std::string error_of(const json& j) {
  auto c = spec::config_from_json(j);
  BOOST_REQUIRE_MESSAGE(!c, "config unexpectedly accepted: " + j.dump());
  return c.error().message;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

json usi_player(const std::string& name) {
  return {{"name", name}, {"usi", {{"command", "/bin/sh"}}}};
}

std::string write_file(const tourney::test::temp_dir& dir, const std::string& name,
                       const std::string& text) {
  auto path = (std::filesystem::path(dir.path()) / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_config)

BOOST_AUTO_TEST_CASE(minimal_config_takes_the_documented_defaults) {
  auto c = spec::config_from_json(two_builtins());
  BOOST_REQUIRE_MESSAGE(c, (c ? "" : c.error().message));
  BOOST_TEST(c->tournament.players.size() == 2u);
  BOOST_TEST(c->tournament.games_per_pairing == 2);  // the original's default
  BOOST_TEST((c->tournament.kind == spec::format::gauntlet));
  BOOST_TEST(c->storage == "tournament_results");
}

BOOST_AUTO_TEST_CASE(unknown_key_is_named_with_its_path) {
  auto j = two_builtins();
  j["players"][1]["colour"] = "black";
  auto e = error_of(j);
  BOOST_TEST(contains(e, "players[1].colour: unknown key"), e);
  j = two_builtins();
  j["time_control"] = {{"byoyomi", 100}};
  e = error_of(j);
  BOOST_TEST(contains(e, "time_control.byoyomi: unknown key"), e);
}

BOOST_AUTO_TEST_CASE(wrong_types_are_named) {
  auto j = two_builtins();
  j["games_per_pairing"] = "four";
  auto e = error_of(j);
  BOOST_TEST(contains(e, "games_per_pairing: expected an integer, got a string"), e);
  j = two_builtins();
  j["players"] = json::object();
  e = error_of(j);
  BOOST_TEST(contains(e, "players: expected an array"), e);
}

BOOST_AUTO_TEST_CASE(missing_fields_are_named) {
  auto j = two_builtins();
  j["players"][0].erase("name");
  auto e = error_of(j);
  BOOST_TEST(contains(e, "players[0].name: missing"), e);
  j = two_builtins();
  j.erase("players");
  e = error_of(j);
  BOOST_TEST(contains(e, "players: missing"), e);
  j = two_builtins();
  j["players"][1].erase("builtin");
  e = error_of(j);
  BOOST_TEST(contains(e, "players[1]: a player needs exactly one of"), e);
}

BOOST_AUTO_TEST_CASE(impossible_values_are_rejected) {
  auto j = two_builtins();
  j["slots"] = -1;
  BOOST_TEST(contains(error_of(j), "slots: must be between 0 (workers only) and 4096"));
  j = two_builtins();
  j["slots"] = 0;  // no local slots and no workers: nowhere to play
  BOOST_TEST(contains(error_of(j), "needs at least one entry in workers"));
  j = two_builtins();
  j["time_control"] = {{"main_ms", -5}};
  BOOST_TEST(contains(error_of(j), "time_control.main_ms: -5 is out of range"));
  j = two_builtins();
  j["games_per_pairing"] = 0;
  BOOST_TEST(contains(error_of(j), "games_per_pairing: 0 is out of range"));
  j = two_builtins();
  j["players"][1]["name"] = "a";
  BOOST_TEST(contains(error_of(j), "players[1].name: duplicate player name 'a'"));
  j = two_builtins();
  j["players"][0]["builtin"] = "grandmaster";
  BOOST_TEST(contains(error_of(j), "players[0].builtin: unknown built-in player 'grandmaster'"));
  j = two_builtins();
  j["time_control"] = {{"byoyomi_ms", 100}, {"increment_ms", 100}};
  BOOST_TEST(contains(error_of(j), "alternatives"));
  j = two_builtins();
  j["sprt"] = {{"elo0", 5}, {"elo1", 0}};
  BOOST_TEST(contains(error_of(j), "elo0"));
}

BOOST_AUTO_TEST_CASE(engine_command_that_does_not_exist_is_rejected) {
  auto j = two_builtins();
  j["players"][1] = {{"name", "ghost"}, {"usi", {{"command", "/nonexistent/engine-xyz"}}}};
  auto e = error_of(j);
  BOOST_TEST(contains(e, "players[1].usi.command: '/nonexistent/engine-xyz' is not an executable"),
             e);
}

BOOST_AUTO_TEST_CASE(syntax_errors_give_line_and_column) {
  // The error is on line 3: a missing comma after "t"; the column is where
  // the unexpected token "players" ends (nlohmann reports the read position).
  auto j = parse_json_text("{\n  \"name\": \"t\"\n  \"players\": []\n}", "x.json");
  BOOST_REQUIRE(!j);
  BOOST_TEST(contains(j.error().message, "x.json:3:11: JSON syntax error"), j.error().message);
}

BOOST_AUTO_TEST_CASE(missing_file_is_named) {
  auto c = spec::load_config("/nonexistent/dir/config.json");
  BOOST_REQUIRE(!c);
  BOOST_TEST(contains(c.error().message, "/nonexistent/dir/config.json: cannot open"));
}

BOOST_AUTO_TEST_CASE(spec_survives_a_json_round_trip) {
  auto j = json::parse(R"({
    "name": "rt", "format": "round_robin", "games_per_pairing": 3, "rounds": 2, "seed": 7,
    "players": [
      {"name": "a", "builtin": "alphabeta", "depth": 2},
      {"name": "b", "builtin": "random", "seed": 9},
      {"name": "c", "host": "policy", "max_concurrent_games": 1}
    ],
    "openings": {"order": "random", "seed": 3, "start": 4, "ply_cut": 8},
    "time_control": {"byoyomi_ms": 100, "main_ms": 1000, "margin_ms": 50},
    "adjudication": {"max_plies": 256, "entering_king": "24", "resign_moves": 3,
                     "resign_score_cp": 1000},
    "concurrency": 2
  })");
  auto first = spec::spec_from_json(j);
  BOOST_REQUIRE_MESSAGE(first, (first ? "" : first.error().message));
  auto again = spec::spec_from_json(spec::spec_to_json(*first));
  BOOST_REQUIRE_MESSAGE(again, (again ? "" : again.error().message));
  BOOST_TEST(spec::spec_to_json(*again) == spec::spec_to_json(*first));
  BOOST_TEST(again->games_per_pairing == 3);
  BOOST_TEST(again->players[2].as_host()->registered == "policy");
  BOOST_TEST((again->adjudication.entering_king == spec::entering_king_rule::points_24));
  BOOST_TEST(again->clock.byoyomi.count() == 100);
  BOOST_TEST(again->openings.ply_cut == 8);
}

// The limits (README, Configs): config files 16 MiB, names 256 bytes, other
// strings 4096 bytes (env values 32 KiB), counts bounded per list.
BOOST_AUTO_TEST_CASE(oversize_config_file_is_rejected_naming_the_file_and_the_limit) {
  tourney::test::temp_dir dir;
  // Valid JSON (a good config padded with blanks), just too large: read
  // whole, it would be accepted.
  auto text = two_builtins().dump();
  text.pop_back();
  text += std::string(17u << 20, ' ') + "}";
  auto path = write_file(dir, "big.json", text);
  auto c = spec::load_config(path);
  BOOST_REQUIRE(!c);
  BOOST_TEST(contains(c.error().message, path + ": larger than the limit of 16 MiB"),
             c.error().message);
}

BOOST_AUTO_TEST_CASE(a_50_mb_name_is_rejected_without_echoing_it) {
  auto j = two_builtins();
  j["name"] = std::string(50u << 20, 'n');
  auto e = error_of(j);
  BOOST_TEST(contains(e, "name: 52428800 bytes, longer than the limit of 256 bytes"),
             e.substr(0, 200));
  BOOST_TEST(e.size() < 200u);
  // The same check for a spec built in code (the embedding API).
  auto s = spec::spec_from_json(two_builtins());
  BOOST_REQUIRE(s);
  s->players[1].name = std::string(257, 'p');
  auto ok = spec::validate(*s);
  BOOST_REQUIRE(!ok);
  BOOST_TEST(
      contains(ok.error().message, "players[1].name: 257 bytes, longer than the limit of 256"),
      ok.error().message);
}

BOOST_AUTO_TEST_CASE(a_wrong_value_of_megabytes_is_quoted_short) {
  auto j = two_builtins();
  j["format"] = std::string(1u << 20, 'g');
  auto e = error_of(j);
  BOOST_TEST(contains(e, "format: must be \"gauntlet\" or \"round_robin\", got \"gggg"), e.substr(0, 200));
  BOOST_TEST(contains(e, "... (1048576 bytes)\""), e.substr(0, 200));
  BOOST_TEST(e.size() < 200u);
  j = two_builtins();
  j["progress"] = std::string(1u << 20, 'p');
  BOOST_TEST(error_of(j).size() < 200u);
}

BOOST_AUTO_TEST_CASE(long_strings_are_rejected_with_their_path) {
  const std::string long_string(4097, 'x');
  auto j = two_builtins();
  j["players"][1] = usi_player("e");
  j["players"][1]["usi"]["args"] = {"-v", long_string};
  BOOST_TEST(
      contains(error_of(j), "players[1].usi.args[1]: 4097 bytes, longer than the limit of 4 KiB"),
      error_of(j).substr(0, 200));
  j = two_builtins();
  j["players"][1] = usi_player("e");
  j["players"][1]["usi"]["options"] = {{"EvalDir", long_string}};
  BOOST_TEST(contains(error_of(j), "players[1].usi.options.EvalDir: 4097 bytes, longer than"),
             error_of(j).substr(0, 200));
  j = two_builtins();
  j["players"][1] = usi_player("e");
  j["players"][1]["usi"]["env"] = {{std::string(300, 'K'), "v"}};
  BOOST_TEST(contains(error_of(j),
                      "players[1].usi.env: a name of 300 bytes, longer than the limit of 256"),
             error_of(j).substr(0, 200));
  j = two_builtins();
  j["players"][1] = usi_player("e");
  j["players"][1]["usi"]["env"] = {{"PATH", std::string(33u << 10, 'p')}};
  BOOST_TEST(contains(error_of(j),
                      "players[1].usi.env.PATH: 33792 bytes, longer than the limit of 32 KiB"),
             error_of(j).substr(0, 200));
  j = two_builtins();
  j["storage"] = long_string;
  BOOST_TEST(contains(error_of(j), "storage: 4097 bytes, longer than"), error_of(j).substr(0, 200));
  j = two_builtins();
  j["openings"] = {{"file", long_string}};
  BOOST_TEST(contains(error_of(j), "openings.file: 4097 bytes, longer than"),
             error_of(j).substr(0, 200));
  j = two_builtins();
  j["tls"] = {{"certificate", long_string}, {"key", "k"}, {"ca", "c"}};
  BOOST_TEST(contains(error_of(j), "tls.certificate: 4097 bytes, longer than"),
             error_of(j).substr(0, 200));
}

BOOST_AUTO_TEST_CASE(counts_are_bounded) {
  auto j = two_builtins();
  j["players"] = json::array();
  for (int i = 0; i < 1025; ++i) {
    j["players"].push_back({{"name", "p" + std::to_string(i)}, {"builtin", "random"}});
  }
  BOOST_TEST(contains(error_of(j), "players: 1025 entries, more than the limit of 1024"),
             error_of(j));
  j = two_builtins();
  j["players"][1] = usi_player("e");
  j["players"][1]["usi"]["args"] = std::vector<std::string>(257, "-x");
  BOOST_TEST(contains(error_of(j), "players[1].usi.args: 257 entries, more than the limit of 256"),
             error_of(j));
  j = two_builtins();
  j["players"][1] = usi_player("e");
  for (int i = 0; i < 1025; ++i) {
    j["players"][1]["usi"]["options"]["O" + std::to_string(i)] = 1;
  }
  BOOST_TEST(
      contains(error_of(j), "players[1].usi.options: 1025 entries, more than the limit of 1024"),
      error_of(j));
  j = two_builtins();
  j["players"][1] = usi_player("e");
  for (int i = 0; i < 257; ++i) {
    j["players"][1]["usi"]["env"]["E" + std::to_string(i)] = "v";
  }
  BOOST_TEST(contains(error_of(j), "players[1].usi.env: 257 entries, more than the limit of 256"),
             error_of(j));
  j = two_builtins();
  j["workers"] = json::array();
  for (int i = 0; i < 1025; ++i) {
    j["workers"].push_back("127.0.0.1:" + std::to_string(1000 + i));
  }
  BOOST_TEST(contains(error_of(j), "workers: 1025 entries, more than the limit of 1024"),
             error_of(j));
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_rejected_with_path_and_line) {
  // Top level: the second "rounds" would silently win.
  auto j = parse_json_text("{\n  \"rounds\": 1,\n  \"name\": \"t\",\n  \"rounds\": 9\n}", "x.json");
  BOOST_REQUIRE(!j);
  BOOST_TEST(contains(j.error().message, "x.json:4: rounds: duplicate key (first on line 2)"),
             j.error().message);
  // Nested, inside an array element and an object of strings.
  j = parse_json_text(R"({"players": [
    {"name": "a", "builtin": "random"},
    {"name": "e", "usi": {"command": "/bin/sh",
                          "options": {"Hash": 16,
                                      "Hash": 1024}}}
  ]})",
                      "y.json");
  BOOST_REQUIRE(!j);
  BOOST_TEST(contains(j.error().message,
                      "y.json:5: players[1].usi.options.Hash: duplicate key (first on line 4)"),
             j.error().message);
  // Nesting is bounded too (a config needs 5 levels).
  j = parse_json_text(std::string(65, '[') + std::string(65, ']'), "deep.json");
  BOOST_REQUIRE(!j);
  BOOST_TEST(contains(j.error().message, "deep.json:1: nested deeper than the limit of 64 levels"),
             j.error().message);
  BOOST_TEST(parse_json_text(std::string(64, '[') + std::string(64, ']'), "deep.json").has_value());
  // The same keys in different objects are not duplicates.
  j = parse_json_text(R"({"a": {"x": 1}, "b": {"x": 1}, "c": [{"x": 1}, {"x": 2}]})", "z.json");
  BOOST_TEST(j.has_value(), (j ? "" : j.error().message));
  // Through a config file.
  tourney::test::temp_dir dir;
  auto path = write_file(dir, "dup.json",
                         "{\"players\": [{\"name\": \"a\", \"builtin\": \"random\"},\n"
                         "  {\"name\": \"b\", \"builtin\": \"random\", \"name\": \"c\"}]}");
  auto c = spec::load_config(path);
  BOOST_REQUIRE(!c);
  BOOST_TEST(
      contains(c.error().message, path + ":2: players[1].name: duplicate key (first on line 2)"),
      c.error().message);
}

BOOST_AUTO_TEST_SUITE_END()
