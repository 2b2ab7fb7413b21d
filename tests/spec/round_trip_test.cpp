// The saved spec must describe the same games as the original: generated
// specs (every field of every player kind and of the tournament, random
// values over each field's accepted range) survive spec_to_json, the text
// form tournament.json and a worker's order hold, and spec_from_json, field
// for field. Replay a failure with RC_PARAMS="seed=N".
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <rapidcheck.h>

#include "tourney/spec/json.hpp"
#include "tourney/spec/spec_difference.hpp"
#include "tourney/spec/validate.hpp"

using namespace tourney;
using namespace tourney::spec;

namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

std::uint64_t any_u63() {
  // Extremes matter: a value past int64 or a lost high bit shows there.
  return *rc::gen::oneOf(rc::gen::just<std::uint64_t>(0), rc::gen::just<std::uint64_t>(int64_max),
                         rc::gen::inRange<std::uint64_t>(0, static_cast<std::uint64_t>(int64_max)));
}

std::string any_text() {
  // Valid UTF-8 (ASCII, kanji, an emoji), JSON-escaped characters included.
  return *rc::gen::container<std::string>(rc::gen::element<char>('a', 'Z', '0', ' ', '"', '\\', '/', '\n', '-')) +
         *rc::gen::element<std::string>("", "\xe5\xb0\x86\xe6\xa3\x8b", "\xf0\x9f\x8e\xb2");
}

std::string any_name() {
  return "p" + any_text();
}

std::chrono::milliseconds any_ms(std::int64_t lo) {
  return std::chrono::milliseconds(*rc::gen::inRange<std::int64_t>(lo, (std::int64_t{1} << 40) + 1));
}

usi_engine_spec any_usi() {
  usi_engine_spec u;
  u.command = "/usr/games/" + any_name();
  const int n_args = *rc::gen::inRange(0, 4);
  for (int i = 0; i < n_args; ++i) {
    u.args.push_back(any_text());
  }
  u.working_dir = any_text();
  const int n_env = *rc::gen::inRange(0, 4);
  for (int i = 0; i < n_env; ++i) {
    u.env[any_name()] = any_text();
  }
  const int n_options = *rc::gen::inRange(0, 4);
  for (int i = 0; i < n_options; ++i) {
    u.options[any_name()] = any_text();
  }
  const std::vector<std::string> known{"btime", "wtime", "byoyomi", "binc", "winc", "nodes", "depth", "movetime"};
  u.profile.go_tokens.clear();
  for (const auto& t : known) {
    if (*rc::gen::arbitrary<bool>()) {
      u.profile.go_tokens.push_back(t);
    }
  }
  u.profile.drop_marker = *rc::gen::element('*', '@');
  u.profile.startup_timeout = any_ms(1);
  u.profile.isready_timeout = any_ms(1);
  u.profile.quit_timeout = any_ms(1);
  return u;
}

player_spec any_player(int index) {
  player_spec p;
  p.name = any_name() + std::to_string(index);
  switch (*rc::gen::element(player_kind::builtin, player_kind::usi, player_kind::host)) {
    case player_kind::builtin: {
      builtin_player b;
      b.kind = *rc::gen::element<std::string>("random", "heuristic", "alphabeta", "resign");
      b.depth = *rc::gen::inRange(0, 65);
      b.nodes = any_u63();
      b.seed = any_u63();
      p.player = std::move(b);
      break;
    }
    case player_kind::usi:
      p.player = usi_player{any_usi(), any_u63()};
      break;
    case player_kind::host:
      p.player = host_player{any_name()};
      break;
  }
  p.max_concurrent_games = *rc::gen::inRange(0, (1 << 20) + 1);
  return p;
}

tournament_spec any_spec() {
  tournament_spec s;
  s.name = any_text();
  s.kind = *rc::gen::element(format::gauntlet, format::round_robin);
  const int n_players = *rc::gen::inRange(2, 6);
  for (int i = 0; i < n_players; ++i) {
    s.players.push_back(any_player(i));
  }
  s.games_per_pairing = *rc::gen::inRange(1, 1000001);
  s.rounds = *rc::gen::inRange(1, 1000001);
  s.concurrency = *rc::gen::inRange(0, (1 << 20) + 1);
  s.seed = any_u63();
  s.openings.file = any_text();
  s.openings.order = *rc::gen::element(opening_order::sequential, opening_order::random);
  s.openings.seed = any_u63();
  s.openings.start = any_u63();
  s.openings.ply_cut = *rc::gen::inRange(0, 10001);
  s.clock.main = any_ms(0);
  if (*rc::gen::arbitrary<bool>()) {
    s.clock.byoyomi = any_ms(0);
  } else {
    s.clock.increment = any_ms(0);
  }
  if (*rc::gen::arbitrary<bool>()) {
    s.clock.nodes = *rc::gen::inRange<std::uint64_t>(1, static_cast<std::uint64_t>(int64_max));
  }
  if (*rc::gen::arbitrary<bool>()) {
    s.clock.depth = *rc::gen::inRange(1, 129);
  }
  if (*rc::gen::arbitrary<bool>()) {
    s.clock.movetime = any_ms(1);
  }
  s.clock.margin = any_ms(0);
  s.clock.clockless_move_budget = any_ms(1);
  auto& a = s.adjudication;
  a.max_plies = *rc::gen::inRange(0, 100001);
  a.entering_king = *rc::gen::element(entering_king_rule::none, entering_king_rule::points_24,
                                      entering_king_rule::points_27);
  if (*rc::gen::arbitrary<bool>()) {
    a.resign_moves = *rc::gen::inRange(1, 1001);
    a.resign_score_cp = *rc::gen::inRange(1, 1000001);
  }
  if (*rc::gen::arbitrary<bool>()) {
    a.draw_moves = *rc::gen::inRange(1, 1001);
    a.draw_score_cp = *rc::gen::inRange(1, 1000001);
  }
  a.draw_after_ply = *rc::gen::inRange(0, 100001);
  if (*rc::gen::arbitrary<bool>()) {
    sprt_spec t;
    t.elo0 = *rc::gen::inRange(-400, 400) / 7.0;
    t.elo1 = t.elo0 + *rc::gen::inRange(1, 1000) / 3.0;
    t.alpha = *rc::gen::inRange(1, 1000) / 1001.0;
    t.beta = *rc::gen::inRange(1, 1000) / 1013.0;
    t.model = *rc::gen::element(sprt_model::normalized, sprt_model::logistic);
    s.sprt = t;
  }
  return s;
}

// As tournament.json and a worker's order carry it: JSON text.
expected<tournament_spec> saved_and_read_back(const tournament_spec& s) {
  const auto text = spec_to_json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return spec_from_json(nlohmann::json::parse(text), "spec");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_round_trip)

BOOST_AUTO_TEST_CASE(every_field_of_every_player_kind_survives_saving) {
  BOOST_TEST(rc::check("spec -> JSON text -> spec keeps every field", [] {
    const auto s = any_spec();
    auto back = saved_and_read_back(s);
    RC_ASSERT(back.has_value());
    const auto diff = first_difference(s, *back);
    RC_ASSERT(diff.value_or("") == std::string());
  }));
}

// The comparison itself names each field (a comparison that missed one would
// let the round trip above pass with the field lost).
BOOST_AUTO_TEST_CASE(first_difference_names_each_changed_field) {
  tournament_spec base;
  base.players.resize(2);
  base.players[0].player = builtin_player{"alphabeta"};
  base.players[1].player = usi_player{};
  BOOST_TEST(!first_difference(base, base));
  auto changed = [&](auto edit) {
    auto other = base;
    edit(other);
    return first_difference(base, other).value_or("(none)");
  };
  BOOST_TEST(changed([](auto& s) { s.players[1].as_usi()->nodes = 10000; }) == "players[1].nodes");
  BOOST_TEST(changed([](auto& s) { s.players[0].as_builtin()->nodes = 10000; }) == "players[0].nodes");
  BOOST_TEST(changed([](auto& s) { s.players[0].as_builtin()->depth = 3; }) == "players[0].depth");
  BOOST_TEST(changed([](auto& s) { s.players[0].as_builtin()->seed = 9; }) == "players[0].seed");
  BOOST_TEST(changed([](auto& s) { s.players[0].as_builtin()->kind = "random"; }) == "players[0].builtin");
  BOOST_TEST(changed([](auto& s) { s.players[1].as_usi()->engine.profile.quit_timeout = std::chrono::milliseconds(7); }) ==
             "players[1].usi.profile.quit_timeout_ms");
  BOOST_TEST(changed([](auto& s) { s.players[1].as_usi()->engine.env["A"] = "1"; }) == "players[1].usi.env");
  BOOST_TEST(changed([](auto& s) { s.players[1].player = host_player{"x"}; }) == "players[1].kind");
  BOOST_TEST(changed([](auto& s) { s.players[0].max_concurrent_games = 1; }) == "players[0].max_concurrent_games");
  BOOST_TEST(changed([](auto& s) { s.clock.movetime = std::chrono::milliseconds(5); }) == "time_control.movetime_ms");
  BOOST_TEST(changed([](auto& s) { s.clock.nodes = 5; }) == "time_control.nodes");
  BOOST_TEST(changed([](auto& s) { s.adjudication.draw_after_ply = 5; }) == "adjudication.draw_after_ply");
  BOOST_TEST(changed([](auto& s) { s.openings.start = 5; }) == "openings.start");
  BOOST_TEST(changed([](auto& s) { s.sprt = sprt_spec{}; }) == "sprt");
  BOOST_TEST(changed([](auto& s) { s.seed = 1; }) == "seed");
  BOOST_TEST(changed([](auto& s) { s.players.pop_back(); }) == "players");
}

// The defect that made the property above necessary: a USI player's own node
// limit was dropped, so resumed and remote games searched another budget.
BOOST_AUTO_TEST_CASE(a_usi_players_own_node_limit_is_saved) {
  tournament_spec s;
  s.players.resize(2);
  s.players[0].name = "a";
  s.players[0].as_builtin()->kind = "random";
  s.players[1].name = "fairy";
  s.players[1].player = usi_player{};
  s.players[1].as_usi()->engine.command = "/usr/games/fairy-stockfish";
  s.players[1].as_usi()->nodes = 10000;
  auto back = saved_and_read_back(s);
  BOOST_REQUIRE(back.has_value());
  BOOST_REQUIRE(back->players[1].as_usi() != nullptr);
  BOOST_TEST(back->players[1].as_usi()->nodes == 10000u);
}

BOOST_AUTO_TEST_CASE(validate_refuses_a_spec_that_saving_would_change) {
  tournament_spec s;
  s.players.resize(2);
  s.players[0].name = "a";
  s.players[0].as_builtin()->kind = "random";
  s.players[1].name = "b";
  s.players[1].as_builtin()->kind = "random";
  BOOST_REQUIRE(validate(s).has_value());
  auto bad_text = s;
  bad_text.name = "bad \xff utf-8";
  auto r = validate(bad_text);
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().message.find("name:") == 0u, r.error().message);
  auto too_big = s;
  too_big.seed = std::numeric_limits<std::uint64_t>::max();  // configs take at most 2^63-1
  r = validate(too_big);
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().message.find("seed") != std::string::npos, r.error().message);
}

BOOST_AUTO_TEST_SUITE_END()
