// player_spec is a choice of builtin, USI or host player: the helpers make
// each kind with only its own fields, and the JSON form is the one configs
// and tournament.json have always had.
#include "tourney/spec/player_helpers.hpp"

#include <atomic>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "tourney/players/builtin.hpp"
#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"
#include "tourney/spec/json.hpp"
#include "tourney/spec/spec_difference.hpp"

namespace spec = tourney::spec;
namespace players = tourney::players;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The move a built-in player makes from the start position.
std::string first_move(const spec::player_spec& p) {
  auto made = players::make_builtin_player(p);
  BOOST_REQUIRE_MESSAGE(made, (made ? "" : made.error().message));
  const auto pos = tourney::shogi::position::startpos();
  const std::vector<tourney::shogi::move> history;
  std::atomic<bool> stop{false};
  players::move_request request{pos, history, pos, {}, stop};
  auto d = (*made)->decide(request);
  BOOST_REQUIRE(d.what == players::decision::kind::move);
  return tourney::shogi::to_usi(d.chosen);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_player_helpers)

BOOST_AUTO_TEST_CASE(each_helper_makes_its_kind_with_only_its_fields) {
  auto random = spec::builtin("random");
  BOOST_TEST((random.kind() == spec::player_kind::builtin));
  BOOST_REQUIRE(random.as_builtin() != nullptr);
  BOOST_TEST(random.as_builtin()->kind == "random");
  BOOST_TEST(random.as_builtin()->depth == 0);
  BOOST_TEST(random.name == "random");
  BOOST_TEST(random.as_usi() == nullptr);
  BOOST_TEST(random.as_host() == nullptr);

  auto searcher = spec::builtin("alphabeta", 3);
  BOOST_REQUIRE(searcher.as_builtin() != nullptr);
  BOOST_TEST(searcher.as_builtin()->kind == "alphabeta");
  BOOST_TEST(searcher.as_builtin()->depth == 3);
  BOOST_TEST(searcher.name == "alphabeta-3");

  auto policy = spec::host("checkpoint-42");
  BOOST_TEST((policy.kind() == spec::player_kind::host));
  BOOST_REQUIRE(policy.as_host() != nullptr);
  BOOST_TEST(policy.as_host()->registered == "checkpoint-42");
  BOOST_TEST(policy.name == "checkpoint-42");
  BOOST_TEST(policy.as_builtin() == nullptr);

  auto engine = spec::usi_engine("fairy-stockfish", "/usr/games/fairy-stockfish");
  BOOST_TEST((engine.kind() == spec::player_kind::usi));
  BOOST_REQUIRE(engine.as_usi() != nullptr);
  BOOST_TEST(engine.as_usi()->engine.command == "/usr/games/fairy-stockfish");
  BOOST_TEST(engine.as_usi()->nodes == 0u);
  BOOST_TEST(engine.name == "fairy-stockfish");
  BOOST_TEST(engine.as_builtin() == nullptr);
}

BOOST_AUTO_TEST_CASE(a_given_name_replaces_the_default) {
  BOOST_TEST(spec::builtin("alphabeta", "ab-2").name == "ab-2");
  BOOST_TEST(spec::builtin("alphabeta", "ab-2").as_builtin()->kind == "alphabeta");
  BOOST_TEST(spec::builtin("alphabeta", 2, "deep").name == "deep");
  BOOST_TEST(spec::builtin("alphabeta", 2, "deep").as_builtin()->depth == 2);
  BOOST_TEST(spec::host("checkpoint-42", "new").as_host()->registered == "checkpoint-42");
}

// A config written by hand in the format configs have always had.
const char* const config_text = R"({
  "name": "kinds",
  "players": [
    {"name": "ab", "builtin": "alphabeta", "depth": 2, "seed": 5},
    {"name": "fs", "usi": {"command": "/usr/games/fairy-stockfish"}, "nodes": 1000},
    {"name": "net", "host": "checkpoint-42", "max_concurrent_games": 1}
  ]
})";

BOOST_AUTO_TEST_CASE(a_config_lands_in_the_kinds_and_saves_in_the_same_format) {
  auto s = spec::spec_from_json(json::parse(config_text));
  BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().message));
  BOOST_REQUIRE_EQUAL(s->players.size(), 3u);
  const auto* ab = s->players[0].as_builtin();
  BOOST_REQUIRE(ab != nullptr);
  BOOST_TEST(ab->kind == "alphabeta");
  BOOST_TEST(ab->depth == 2);
  BOOST_TEST(ab->seed == 5u);
  const auto* fs = s->players[1].as_usi();
  BOOST_REQUIRE(fs != nullptr);
  BOOST_TEST(fs->engine.command == "/usr/games/fairy-stockfish");
  BOOST_TEST(fs->nodes == 1000u);
  const auto* net = s->players[2].as_host();
  BOOST_REQUIRE(net != nullptr);
  BOOST_TEST(net->registered == "checkpoint-42");
  BOOST_TEST(s->players[2].max_concurrent_games == 1);

  // tournament.json keeps its keys: depth, nodes and seed on every player (0
  // where the kind has none), as saved files of earlier versions hold them.
  const auto saved = spec::spec_to_json(*s)["players"];
  BOOST_TEST(saved[0] == json::parse(R"({"name": "ab", "builtin": "alphabeta", "depth": 2, "nodes": 0,
                                         "seed": 5, "max_concurrent_games": 0})"));
  BOOST_TEST(saved[2] == json::parse(R"({"name": "net", "host": "checkpoint-42", "depth": 0, "nodes": 0,
                                         "seed": 0, "max_concurrent_games": 1})"));
  BOOST_TEST(saved[1]["usi"]["command"] == "/usr/games/fairy-stockfish");
  BOOST_TEST(saved[1]["nodes"] == 1000);
  BOOST_TEST(saved[1]["depth"] == 0);
  BOOST_TEST(saved[1]["seed"] == 0);

  // Read back: the same spec, field by field.
  auto back = spec::spec_from_json(spec::spec_to_json(*s));
  BOOST_REQUIRE_MESSAGE(back, (back ? "" : back.error().message));
  BOOST_TEST(!spec::first_difference(*s, *back).has_value());
}

BOOST_AUTO_TEST_CASE(a_parsed_player_behaves_as_the_helper_made_one) {
  auto s = spec::spec_from_json(json::parse(config_text));
  BOOST_REQUIRE(s);
  auto made = spec::builtin("alphabeta", 2, "ab");
  made.as_builtin()->seed = 5;
  BOOST_TEST(first_move(s->players[0]) == first_move(made));
  auto back = spec::spec_from_json(spec::spec_to_json(*s));
  BOOST_REQUIRE(back);
  BOOST_TEST(first_move(back->players[0]) == first_move(made));
}

BOOST_AUTO_TEST_CASE(a_field_the_kind_has_not_is_refused_by_path_unless_zero) {
  // Zero, as tournament.json writes it for every kind: accepted.
  auto zero = spec::player_spec_from_json(
      json::parse(R"({"name": "net", "host": "h", "depth": 0, "nodes": 0, "seed": 0})"), "players[0]");
  BOOST_TEST(zero.has_value());
  auto depth = spec::player_spec_from_json(json::parse(R"({"name": "net", "host": "h", "depth": 3})"),
                                           "players[0]");
  BOOST_REQUIRE(!depth);
  BOOST_TEST(contains(depth.error().message, "players[0].depth: a host player has no depth"),
             depth.error().message);
  auto seed = spec::player_spec_from_json(
      json::parse(R"({"name": "fs", "usi": {"command": "fairy-stockfish"}, "seed": 1})"), "players[1]");
  BOOST_REQUIRE(!seed);
  BOOST_TEST(contains(seed.error().message, "players[1].seed: a usi player has no seed"), seed.error().message);
  auto nodes = spec::player_spec_from_json(
      json::parse(R"({"name": "fs", "usi": {"command": "fairy-stockfish"}, "nodes": 7})"), "players[1]");
  BOOST_REQUIRE(nodes.has_value());
  BOOST_TEST(nodes->as_usi()->nodes == 7u);
}

BOOST_AUTO_TEST_SUITE_END()
