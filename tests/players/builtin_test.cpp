#include "tourney/players/builtin.hpp"

#include <atomic>
#include <boost/test/unit_test.hpp>

#include "players/play_game.hpp"
#include "tourney/players/alphabeta_player.hpp"
#include "tourney/players/heuristic_player.hpp"
#include "tourney/players/random_player.hpp"
#include "tourney/shogi/notation.hpp"

using namespace tourney;
using players::decision;

namespace {

shogi::position sfen(const char* text) {
  auto pos = shogi::position::from_sfen(text);
  BOOST_REQUIRE_MESSAGE(pos.has_value(), text);
  return *pos;
}

decision ask(players::player& p, const shogi::position& pos, bool stop_now = false,
             players::search_limits limits = {}) {
  const std::vector<shogi::move> history;
  std::atomic<bool> stop{stop_now};
  players::move_request request{pos, history, pos, limits, stop};
  return p.decide(request);
}

spec::player_spec builtin(const std::string& name, int depth = 0, std::uint64_t nodes = 0) {
  spec::player_spec s;
  s.name = "p-" + name;
  s.player = spec::builtin_player{name, depth, nodes};
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(players_builtin)

BOOST_AUTO_TEST_CASE(the_factory_makes_every_named_player) {
  for (const auto& name : players::builtin_player_names()) {
    auto p = players::make_builtin_player(builtin(name));
    BOOST_REQUIRE_MESSAGE(p.has_value(), name);
    (*p)->new_game(1);
    auto d = ask(**p, shogi::position::startpos());
    if (name == "resign") {
      BOOST_TEST((d.what == decision::kind::resign));
    } else {
      BOOST_TEST((d.what == decision::kind::move));
      BOOST_TEST(shogi::position::startpos().is_legal(d.chosen));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_factory_rejects_unknown_names_and_bad_parameters) {
  auto unknown = players::make_builtin_player(builtin("stockfish"));
  BOOST_REQUIRE(!unknown.has_value());
  BOOST_TEST(unknown.error().message.find("'stockfish'") != std::string::npos);
  BOOST_TEST(unknown.error().message.find("p-stockfish") != std::string::npos);
  BOOST_TEST(!players::make_builtin_player(builtin("alphabeta", -1)).has_value());
  BOOST_TEST(!players::make_builtin_player(builtin("alphabeta", 99)).has_value());
  BOOST_TEST(!players::make_builtin_player(builtin("random", 3)).has_value());
  auto usi = builtin("random");
  usi.player = spec::usi_player{};
  BOOST_TEST(!players::make_builtin_player(usi).has_value());
}

BOOST_AUTO_TEST_CASE(random_is_seeded_and_plays_only_legal_moves) {
  players::random_player a(7);
  players::random_player b(7);
  auto first = test::play_game(a, b, 42, 60);
  players::random_player c(7);
  players::random_player d(7);
  auto second = test::play_game(c, d, 42, 60);
  BOOST_TEST(first.usi_moves() == second.usi_moves(), boost::test_tools::per_element());
  auto third = test::play_game(c, d, 43, 60);
  BOOST_TEST(first.usi_moves() != third.usi_moves());
  // The referee would have ended the game on an illegal move.
  BOOST_TEST((first.reason != game::reason::illegal_move));
}

BOOST_AUTO_TEST_CASE(heuristic_prefers_captures_then_quiet_pawn_moves) {
  players::heuristic_player p(3);
  // Black rook on 5e can take the white pawn on 5c (the only capture).
  const auto pos = sfen("4k4/9/4p4/9/4R4/9/9/9/4K4 b - 1");
  for (std::uint64_t seed = 0; seed < 5; ++seed) {
    p.new_game(seed);
    auto d = ask(p, pos);
    BOOST_TEST(shogi::to_usi(d.chosen).substr(0, 4) == "5e5c");  // with or without promotion
  }
  // No capture: one of the non-promoting pawn moves (7g7f, 3g3f, ...).
  const auto start = shogi::position::startpos();
  for (std::uint64_t seed = 0; seed < 5; ++seed) {
    p.new_game(seed);
    auto d = ask(p, start);
    BOOST_REQUIRE(!d.chosen.is_drop());
    BOOST_TEST((start.at(d.chosen.from())->kind == shogi::piece_kind::pawn));
  }
}

BOOST_AUTO_TEST_CASE(alphabeta_mates_in_one_and_wins_material) {
  players::alphabeta_player p({2, 0, 1, true});
  // G*1b mates (see the referee tests); G*3b leaves white without a legal
  // move, which wins as well.
  const auto pos = sfen("8k/9/8P/9/9/9/9/9/K8 b G 1");
  auto mate = ask(p, pos);
  BOOST_REQUIRE(pos.is_legal(mate.chosen));
  auto after = pos;
  after.play(mate.chosen);
  BOOST_TEST(!after.has_legal_move());
  BOOST_TEST((mate.mate_in == 1));
  // A hanging white rook on 5c: the black rook takes it.
  auto grab = ask(p, sfen("4k4/9/4r4/9/4R4/9/9/9/K8 b - 1"));
  BOOST_TEST(shogi::to_usi(grab.chosen).substr(0, 4) == "5e5c");
  BOOST_TEST(grab.depth.has_value());
  BOOST_TEST(grab.nodes.has_value());
}

BOOST_AUTO_TEST_CASE(alphabeta_honours_stop_and_node_limits) {
  players::alphabeta_player deep({players::alphabeta_player::max_depth, 0, 1, true});
  auto stopped = ask(deep, shogi::position::startpos(), true);
  BOOST_TEST((stopped.what == decision::kind::move));
  BOOST_TEST(shogi::position::startpos().is_legal(stopped.chosen));
  BOOST_TEST(*stopped.nodes <= 1u);

  players::alphabeta_player limited({8, 500, 1, true});
  auto d = ask(limited, shogi::position::startpos());
  BOOST_TEST(*d.nodes <= 501u);
  BOOST_TEST(shogi::position::startpos().is_legal(d.chosen));
  players::search_limits limits;
  limits.nodes = 100;
  auto by_request = ask(deep, shogi::position::startpos(), false, limits);
  BOOST_TEST(*by_request.nodes <= 101u);
}

BOOST_AUTO_TEST_SUITE_END()
