// Differential test of the rules core against libosl (OpenShogiLib, Debian
// libosl-dev), an independent implementation: over seeded random games, at
// every ply the positions (SFEN), the legal move sets (libosl's
// generateWithFullUnpromotions is the perft move set), check, checkmate, the
// CSA text of the played move, and for every pawn drop the nifu and
// uchifuzume (isPawnDropCheckmate) verdicts must agree.
// libosl aborts on bad input, so it only sees positions this program reached.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <osl/csa.h>
#include <osl/numEffectState.h>
#include <osl/usi.h>

#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"

using namespace tourney::shogi;

namespace {

std::string without_move_number(const std::string& sfen) {
  return sfen.substr(0, sfen.rfind(' '));
}

// libosl prints the start position as "startpos", anything else as "sfen ...".
std::string osl_sfen(const osl::NumEffectState& state) {
  const std::string text = osl::usi::show(state);
  if (text == "startpos") {
    return without_move_number(position::startpos().to_sfen());
  }
  return without_move_number(text.substr(5));
}

std::vector<std::string> our_moves(const position& pos) {
  std::vector<std::string> out;
  for (move m : pos.legal_moves()) {
    out.push_back(to_usi(m));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> osl_moves(const osl::NumEffectState& state) {
  osl::MoveVector moves;
  state.generateWithFullUnpromotions(moves);
  std::vector<std::string> out;
  for (const auto& m : moves) {
    out.push_back(osl::usi::show(m));
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct tally {
  long positions = 0;
  long checks = 0;
  long mates = 0;
  long pawn_drops = 0;
  long nifu = 0;
  long uchifuzume = 0;
};

// Our uchifuzume verdict, from the public API: the drop checks and leaves the
// opponent without a legal move.
bool pawn_drop_mates(const position& pos, move m) {
  if (!pos.gives_check(m)) {
    return false;
  }
  position after = pos;
  after.play(m);
  return !after.has_legal_move();
}

void compare_pawn_drops(const position& pos, const osl::NumEffectState& state, tally& t) {
  const color us = pos.side_to_move();
  if (pos.hand_count(us, piece_kind::pawn) == 0) {
    return;
  }
  const osl::Player player = us == color::black ? osl::BLACK : osl::WHITE;
  for (int file = 1; file <= 9; ++file) {
    for (int rank = 1; rank <= 9; ++rank) {
      const square s = make_square(file, rank);
      if (pos.at(s)) {
        continue;
      }
      const bool dead = (us == color::black ? rank : 10 - rank) == 1;
      if (dead) {
        BOOST_TEST_REQUIRE(!pos.is_legal(move::drop(piece_kind::pawn, s)));
        continue;
      }
      const move m = move::drop(piece_kind::pawn, s);
      ++t.pawn_drops;
      auto parsed = parse_legal_usi_move(pos, to_usi(m));
      const bool our_nifu = !parsed && parsed.error().message.find("nifu") != std::string::npos;
      const bool osl_nifu = state.isPawnMaskSet(player, file);
      BOOST_TEST_REQUIRE(our_nifu == osl_nifu, pos.to_sfen() << " " << to_usi(m) << " nifu");
      t.nifu += osl_nifu ? 1 : 0;
      if (osl_nifu) {
        continue;
      }
      const osl::Move om(osl::Square(file, rank), osl::PAWN, player);
      const bool osl_mates = state.isPawnDropCheckmate(om);
      BOOST_TEST_REQUIRE(pawn_drop_mates(pos, m) == osl_mates,
                         pos.to_sfen() << " " << to_usi(m) << " uchifuzume");
      if (osl_mates) {
        ++t.uchifuzume;
        BOOST_TEST_REQUIRE(!pos.is_legal(m));
        if (!state.inCheck()) {  // else it may also fail to answer the check
          BOOST_TEST_REQUIRE(parsed.error().message.find("uchifuzume") != std::string::npos,
                             pos.to_sfen() << " " << parsed.error().message);
        }
      }
    }
  }
}

// Plays one game, comparing at every ply; moves are chosen at random with a
// bias to checks and captures so that checks, mates and pawn-drop mates occur.
void play_game(std::uint64_t seed, int max_plies, tally& t) {
  std::mt19937_64 rng(seed);
  position pos = position::startpos();
  osl::NumEffectState state;
  for (int ply = 0; ply < max_plies; ++ply) {
    ++t.positions;
    BOOST_TEST_REQUIRE(without_move_number(pos.to_sfen()) ==
                           osl_sfen(state),
                       "seed " << seed << " ply " << ply);
    const auto ours = our_moves(pos);
    const auto theirs = osl_moves(state);
    BOOST_TEST_REQUIRE(ours == theirs, "legal moves differ in " << pos.to_sfen());
    BOOST_TEST_REQUIRE(pos.in_check() == state.inCheck(), pos.to_sfen());
    const bool osl_mate = state.inCheck() && theirs.empty();
    BOOST_TEST_REQUIRE(pos.is_checkmate() == osl_mate, pos.to_sfen());
    BOOST_TEST_REQUIRE(pos.has_legal_move() == !theirs.empty(), pos.to_sfen());
    t.checks += pos.in_check() ? 1 : 0;
    t.mates += osl_mate ? 1 : 0;
    compare_pawn_drops(pos, state, t);
    const move_list moves = pos.legal_moves();
    if (moves.empty()) {
      break;
    }
    std::vector<move> checks;
    std::vector<move> captures;
    for (move m : moves) {
      if (pos.gives_check(m)) {
        checks.push_back(m);
      }
      if (!m.is_drop() && pos.at(m.to())) {
        captures.push_back(m);
      }
    }
    const auto roll = rng() % 10;
    move chosen;
    if (roll < 3 && !checks.empty()) {
      chosen = checks[rng() % checks.size()];
    } else if (roll < 6 && !captures.empty()) {
      chosen = captures[rng() % captures.size()];
    } else {
      chosen = moves[rng() % moves.size()];
    }
    const osl::Move om = osl::usi::strToMove(to_usi(chosen), state);
    BOOST_TEST_REQUIRE(to_csa(pos, chosen) == osl::csa::show(om), pos.to_sfen());
    BOOST_TEST_REQUIRE(pos.gives_check(chosen) == state.isCheck(om), pos.to_sfen() << " " << to_usi(chosen));
    pos.play(chosen);
    state.makeMove(om);
  }
}

void run(std::uint64_t first_seed, int games, int max_plies) {
  tally t;
  for (int g = 0; g < games; ++g) {
    play_game(first_seed + static_cast<std::uint64_t>(g), max_plies, t);
  }
  BOOST_TEST_MESSAGE("compared " << t.positions << " positions, " << t.checks << " in check, "
                                 << t.mates << " mates, " << t.pawn_drops << " pawn drops ("
                                 << t.nifu << " nifu, " << t.uchifuzume << " uchifuzume)");
  // The comparison must have met the cases it is about.
  BOOST_TEST(t.checks > 0);
  BOOST_TEST(t.mates > 0);
  BOOST_TEST(t.nifu > 0);
  BOOST_TEST(t.uchifuzume > 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(osl_differential)

BOOST_AUTO_TEST_CASE(random_games_agree_with_libosl) {
  run(1, 200, 150);
}

BOOST_AUTO_TEST_CASE(many_random_games_agree_with_libosl, *boost::unit_test::label("slow")) {
  run(100000, 5000, 300);
}

BOOST_AUTO_TEST_SUITE_END()
