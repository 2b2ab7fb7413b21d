#include <atomic>

#include <boost/test/unit_test.hpp>

#include "tourney/game/referee.hpp"
#include "tourney/players/random_player.hpp"
#include "tourney/record/csa.hpp"
#include "tourney/record/json.hpp"
#include "tourney/record/kif.hpp"
#include "tourney/record/sfen_moves.hpp"

using namespace tourney;

BOOST_AUTO_TEST_SUITE(record_round_trip)

// Seeded random games of every length and ending: each record survives
// games.jsonl, replays as legal from its USI position line to the same final
// position, and both CSA and KIF writers accept it with one line per move.
BOOST_AUTO_TEST_CASE(random_games_survive_every_format) {
  std::atomic<bool> stop{false};
  for (std::uint64_t seed = 0; seed < 30; ++seed) {
    game::referee_settings settings;
    settings.adjudication.max_plies = 300;
    game::referee r(shogi::position::startpos(), {}, settings);
    players::random_player black(seed);
    players::random_player white(seed + 1000);
    black.new_game(seed);
    white.new_game(seed);
    while (r.needs_move()) {
      const auto side = r.side_to_move();
      const auto limits = r.limits();
      players::move_request request{r.start_position(), r.history(), r.position(), limits, stop};
      r.apply(side, (side == shogi::color::black ? black : white).decide(request),
              std::chrono::milliseconds{static_cast<int>(seed * 37 % 5000)});
    }
    auto rec = r.record();
    rec.game_id = "g" + std::to_string(seed);
    rec.black = "random-a";
    rec.white = "random-b";
    BOOST_TEST_CONTEXT("seed " << seed << " " << game::to_string(rec.reason)) {
      auto back = record::parse_json_line(record::to_json_line(rec));
      BOOST_REQUIRE(back.has_value());
      BOOST_TEST(back->usi_moves() == rec.usi_moves(), boost::test_tools::per_element());
      BOOST_TEST((back->reason == rec.reason));

      auto line = record::parse_position_line(
          record::format_position_line(back->start_sfen,
                                       std::vector<shogi::move>(r.history().begin(),
                                                                r.history().end())));
      BOOST_REQUIRE(line.has_value());
      BOOST_TEST(line->end.to_sfen() == r.position().to_sfen());

      auto csa = record::to_csa(*back);
      BOOST_REQUIRE(csa.has_value());
      std::size_t csa_moves = 0;
      for (std::size_t at = 0; (at = csa->find('\n', at)) != std::string::npos; ++at) {
        if (at + 1 < csa->size() && ((*csa)[at + 1] == '+' || (*csa)[at + 1] == '-') &&
            at + 2 < csa->size() && (*csa)[at + 2] >= '0' && (*csa)[at + 2] <= '9') {
          ++csa_moves;
        }
      }
      BOOST_TEST(csa_moves == rec.moves.size());
      auto kif = record::to_kif(*back);
      BOOST_REQUIRE(kif.has_value());
      BOOST_TEST(kif->find("まで" + std::to_string(rec.plies()) + "手で") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
