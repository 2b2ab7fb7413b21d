// The runtime's rules referee at the seams the game actor calls: a player
// that could not be made ready ends the game for no one, whichever side is
// to move (a dead white engine used to score the side to move a loss).
#include <boost/test/unit_test.hpp>

#include "tourney/runtime/rules_referee.hpp"
#include "tourney/shogi/position.hpp"

using namespace tourney;

namespace {

std::unique_ptr<rt::game_referee> referee_from(const std::string& sfen) {
  static spec::tournament_spec spec;
  spec.players.resize(2);
  static schedule::game_assignment game;
  static schedule::opening opening;
  opening.start_sfen = sfen;
  opening.sfen = sfen;
  static const std::string id = "0123abcd-00000";
  auto made = rt::make_rules_referee(rt::game_context{spec, game, opening, id});
  BOOST_REQUIRE_MESSAGE(made, (made ? "" : made.error().message));
  return std::move(*made);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runtime_rules_referee)

BOOST_AUTO_TEST_CASE(a_start_failure_is_an_error_game_for_either_side_to_move) {
  const char* positions[] = {
      "lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1",   // black to move
      "lnsgkgsnl/1r5b1/ppppppppp/9/9/2P6/PP1PPPPPP/1B5R1/LNSGKGSNL w - 2",  // white to move
  };
  for (const char* sfen : positions) {
    BOOST_TEST_CONTEXT(sfen) {
      auto ref = referee_from(sfen);
      auto t = ref->next_turn();
      BOOST_REQUIRE(t.has_value());
      ref->on_start_failure("white player 'dead' could not start: no usiok");
      BOOST_TEST(!ref->next_turn().has_value());
      auto g = ref->result();
      BOOST_TEST((g.result == game::result::error));
      BOOST_TEST(g.reason == "error");
      BOOST_REQUIRE(g.record.has_value());
      BOOST_TEST(g.record->detail == "white player 'dead' could not start: no usiok");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_missing_answer_after_the_start_is_still_the_movers_loss) {
  auto ref = referee_from("lnsgkgsnl/1r5b1/ppppppppp/9/9/2P6/PP1PPPPPP/1B5R1/LNSGKGSNL w - 2");
  BOOST_REQUIRE(ref->next_turn().has_value());
  ref->on_no_decision(rt::no_decision::player_gone, "engine exited");
  auto g = ref->result();
  BOOST_TEST((g.result == game::result::black_win));
  BOOST_TEST(g.reason == "disconnect");
}

BOOST_AUTO_TEST_SUITE_END()
