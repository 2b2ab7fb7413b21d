#include "tourney/game/referee.hpp"

#include <boost/test/unit_test.hpp>

#include "tourney/game/declaration.hpp"
#include "tourney/shogi/notation.hpp"

using namespace tourney;
using game::reason;
using game::referee;
using game::result;
using players::decision;
using shogi::color;
using std::chrono::milliseconds;

namespace {

shogi::position sfen(const char* text) {
  auto pos = shogi::position::from_sfen(text);
  BOOST_REQUIRE_MESSAGE(pos.has_value(), text);
  return *pos;
}

shogi::move usi(const shogi::position& pos, const std::string& text) {
  auto m = shogi::parse_legal_usi_move(pos, text);
  BOOST_REQUIRE_MESSAGE(m.has_value(), text);
  return *m;
}

/// Plays USI moves through the referee; every move but possibly the last
/// must leave the game running. Returns the end after the last move.
std::optional<game::game_end> play(referee& r, const std::vector<std::string>& moves,
                                   std::optional<int> score = std::nullopt) {
  std::optional<game::game_end> end;
  for (std::size_t i = 0; i < moves.size(); ++i) {
    BOOST_REQUIRE_MESSAGE(r.needs_move(),
                          "game ended before move " << i + 1 << " (" << moves[i] << ")");
    decision d = decision::play(usi(r.position(), moves[i]));
    d.score_cp = score;
    end = r.apply(r.side_to_move(), d, milliseconds{0});
  }
  return end;
}

game::referee_settings settings(int max_plies = 512) {
  game::referee_settings s;
  s.adjudication.max_plies = max_plies;
  return s;
}

// Black rook on 2e, white king alone on 1a, black king on 9i; black to move.
const char* const rook_chase = "8k/9/9/9/7R1/9/9/9/K8 b - 1";

}  // namespace

BOOST_AUTO_TEST_SUITE(game_referee)

BOOST_AUTO_TEST_CASE(rook_shuffle_is_sennichite_on_the_fourth_occurrence) {
  referee r(shogi::position::startpos(), {}, settings());
  const std::vector<std::string> cycle = {"2h3h", "8b7b", "3h2h", "7b8b"};
  // The start position occurs at plies 0, 4, 8: three times, no verdict.
  play(r, cycle);
  play(r, cycle);
  BOOST_TEST(r.needs_move());
  BOOST_TEST(r.plies() == 8);
  auto end = play(r, cycle);  // 4th occurrence at ply 12
  BOOST_REQUIRE(end.has_value());
  BOOST_TEST((end->outcome == result::draw));
  BOOST_TEST((end->why == reason::sennichite));
  BOOST_TEST(r.plies() == 12);
  BOOST_TEST(!r.needs_move());
}

BOOST_AUTO_TEST_CASE(checking_on_every_move_of_the_cycle_loses) {
  referee r(sfen(rook_chase), {}, settings());
  // Black checks along file 1 and file 2; the king steps 1a <-> 2a.
  const std::vector<std::string> cycle = {"2e1e", "1a2a", "1e2e", "2a1a"};
  play(r, cycle);
  play(r, cycle);
  auto end = play(r, cycle);
  BOOST_REQUIRE(end.has_value());
  BOOST_TEST((end->why == reason::perpetual_check));
  BOOST_TEST((end->outcome == result::white_win));
  BOOST_TEST(end->detail.find("black gave check") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(white_checking_on_every_move_loses_too) {
  // Mirror: white rook on 8e, black king alone on 9i, white king 1a; white
  // to move checks along files 9 and 8, the black king steps 9i <-> 8i.
  referee r(sfen("8k/9/9/9/1r7/9/9/9/K8 w - 1"), {}, settings());
  const std::vector<std::string> cycle = {"8e9e", "9i8i", "9e8e", "8i9i"};
  play(r, cycle);
  play(r, cycle);
  auto end = play(r, cycle);
  BOOST_REQUIRE(end.has_value());
  BOOST_TEST((end->why == reason::perpetual_check));
  BOOST_TEST((end->outcome == result::black_win));
}

BOOST_AUTO_TEST_CASE(a_pawn_drop_mate_is_an_illegal_move) {
  // White king 1a; black silver 3b covers 2a, black gold 2c covers 2b and
  // protects 1b: P*1b would mate, which the rules forbid (uchifuzume).
  referee r(sfen("8k/6S2/7G1/9/9/9/9/9/K8 b P 1"), {}, settings());
  auto drop = shogi::parse_usi_move("P*1b");
  BOOST_REQUIRE(drop.has_value());
  auto end = r.apply(color::black, decision::play(*drop), milliseconds{0});
  BOOST_REQUIRE(end.has_value());
  BOOST_TEST((end->why == reason::illegal_move));
  BOOST_TEST((end->outcome == result::white_win));
}

BOOST_AUTO_TEST_CASE(checks_that_began_after_the_first_occurrence_are_a_plain_draw) {
  referee r(sfen(rook_chase), {}, settings());
  // First a quiet cycle (rook 2e-2d, king 1a-1b: no check), then two
  // checking cycles; the 4th occurrence of the start comes at ply 12, but
  // black's first two moves since ply 0 were not checks.
  play(r, {"2e2d", "1a1b", "2d2e", "1b1a"});
  const std::vector<std::string> checking = {"2e1e", "1a2a", "1e2e", "2a1a"};
  play(r, checking);
  auto end = play(r, checking);
  BOOST_REQUIRE(end.has_value());
  BOOST_TEST((end->why == reason::sennichite));
  BOOST_TEST((end->outcome == result::draw));
}

BOOST_AUTO_TEST_CASE(checkmate_ends_the_game_before_the_mated_side_is_asked) {
  // White king 1a, black pawn 1c, black gold in hand: G*1b is mate (1b is
  // protected by the pawn; 2a and 2b are covered by the gold).
  referee r(sfen("8k/9/8P/9/9/9/9/9/K8 b G 1"), {}, settings());
  auto end = play(r, {"G*1b"});
  BOOST_REQUIRE(end.has_value());
  BOOST_TEST((end->why == reason::checkmate));
  BOOST_TEST((end->outcome == result::black_win));
  BOOST_TEST(!r.needs_move());
  // The first end stands: a late answer changes nothing.
  auto again = r.apply(color::white, decision::resign(), milliseconds{0});
  BOOST_TEST((again->why == reason::checkmate));
}

BOOST_AUTO_TEST_CASE(no_legal_move_without_check_is_a_loss) {
  // After 2d2c the lone white king on 1a is not in check, but 2a (silver on
  // 3b), 2b and 1b (gold on 2c) are all covered.
  referee r(sfen("8k/6S2/9/7G1/9/9/9/9/K8 b - 1"), {}, settings());
  auto end = play(r, {"2d2c"});
  BOOST_REQUIRE(end.has_value());
  BOOST_TEST((end->why == reason::no_legal_move));
  BOOST_TEST((end->outcome == result::black_win));
}

BOOST_AUTO_TEST_CASE(a_start_position_without_legal_moves_is_over_at_once) {
  // The position above after 2d2c, white to move.
  referee r(sfen("8k/6S2/7G1/9/9/9/9/9/K8 w - 1"), {}, settings());
  BOOST_TEST(!r.needs_move());
  BOOST_TEST((r.end()->why == reason::no_legal_move));
  BOOST_TEST((r.end()->outcome == result::black_win));
}

BOOST_AUTO_TEST_CASE(an_illegal_move_loses) {
  referee r(shogi::position::startpos(), {}, settings());
  // 7g7e: a pawn cannot move two squares.
  auto bad = shogi::parse_usi_move("7g7e");
  BOOST_REQUIRE(bad.has_value());
  auto end = r.apply(color::black, decision::play(*bad), milliseconds{5});
  BOOST_REQUIRE(end.has_value());
  BOOST_TEST((end->why == reason::illegal_move));
  BOOST_TEST((end->outcome == result::white_win));
  BOOST_TEST(end->detail.find("7g7e") != std::string::npos);
  BOOST_TEST(r.plies() == 0);
}

BOOST_AUTO_TEST_CASE(a_move_out_of_turn_or_a_null_move_loses) {
  referee r(shogi::position::startpos(), {}, settings());
  auto end = r.apply(color::white, decision::play(usi(r.position(), "7g7f")), milliseconds{0});
  BOOST_TEST((end->why == reason::illegal_move));
  BOOST_TEST((end->outcome == result::black_win));

  referee r2(shogi::position::startpos(), {}, settings());
  auto end2 = r2.apply(color::black, decision::play(shogi::move{}), milliseconds{0});
  BOOST_TEST((end2->why == reason::illegal_move));
  BOOST_TEST((end2->outcome == result::white_win));
  // A hand-built move with an out-of-range square is refused, not trusted.
  referee r3(shogi::position::startpos(), {}, settings());
  auto end3 =
      r3.apply(color::black, decision::play(shogi::move::board(100, 120, false)), milliseconds{0});
  BOOST_TEST((end3->why == reason::illegal_move));
}

BOOST_AUTO_TEST_CASE(resignation_loses) {
  referee r(shogi::position::startpos(), {}, settings());
  play(r, {"7g7f"});
  auto end = r.apply(color::white, decision::resign(), milliseconds{0});
  BOOST_TEST((end->why == reason::resign));
  BOOST_TEST((end->outcome == result::black_win));
}

BOOST_AUTO_TEST_CASE(max_plies_is_a_draw_but_a_mate_on_the_last_ply_wins) {
  referee r(shogi::position::startpos(), {}, settings(4));
  play(r, {"7g7f", "3c3d", "2g2f"});
  BOOST_TEST(r.needs_move());
  auto end = play(r, {"4c4d"});
  BOOST_REQUIRE(end.has_value());
  BOOST_TEST((end->why == reason::max_plies));
  BOOST_TEST((end->outcome == result::draw));

  referee mate(sfen("8k/9/8P/9/9/9/9/9/K8 b G 1"), {}, settings(1));
  auto mate_end = play(mate, {"G*1b"});
  BOOST_TEST((mate_end->why == reason::checkmate));
}

BOOST_AUTO_TEST_CASE(opening_moves_are_book_and_an_illegal_one_is_an_error) {
  const auto start = shogi::position::startpos();
  std::vector<shogi::move> opening = {usi(start, "7g7f")};
  referee r(start, opening, settings());
  BOOST_TEST(r.needs_move());
  BOOST_TEST((r.side_to_move() == color::white));
  BOOST_TEST(r.history().size() == 1u);
  BOOST_TEST(r.entries()[0].book);

  auto bad = shogi::parse_usi_move("7g7e");
  referee broken(start, {*bad}, settings());
  BOOST_TEST(!broken.needs_move());
  BOOST_TEST((broken.end()->outcome == result::error));
  BOOST_TEST(broken.end()->detail.find("opening move 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(clock_overrun_is_a_timeout_and_clockless_overrun_a_stall) {
  auto s = settings();
  s.clock.byoyomi = milliseconds{1000};
  s.clock.margin = milliseconds{100};
  referee r(shogi::position::startpos(), {}, s);
  BOOST_TEST(r.deadline().count() == 1100);
  BOOST_TEST(r.limits().byoyomi.count() == 1000);
  BOOST_TEST((r.overdue_reason() == reason::timeout));
  auto end = r.apply(color::black, decision::play(usi(r.position(), "7g7f")), milliseconds{1101});
  BOOST_TEST((end->why == reason::timeout));
  BOOST_TEST((end->outcome == result::white_win));
  BOOST_TEST(r.plies() == 0);  // a late move is not played

  auto c = settings();
  c.clock.depth = 3;
  c.clock.clockless_move_budget = milliseconds{2000};
  referee clockless(shogi::position::startpos(), {}, c);
  BOOST_TEST((clockless.overdue_reason() == reason::stall));
  auto stall = clockless.apply(color::black, decision::play(usi(clockless.position(), "7g7f")),
                               milliseconds{2001});
  BOOST_TEST((stall->why == reason::stall));
}

BOOST_AUTO_TEST_CASE(forfeits_from_outside) {
  referee r(shogi::position::startpos(), {}, settings());
  auto end = r.forfeit(color::black, reason::disconnect, "engine exited with status 1");
  BOOST_TEST((end.outcome == result::white_win));
  BOOST_TEST((end.why == reason::disconnect));
  // The first end stands.
  auto later = r.forfeit(color::white, reason::timeout, "");
  BOOST_TEST((later.why == reason::disconnect));

  referee c(shogi::position::startpos(), {}, settings());
  auto cancelled = c.forfeit(color::white, reason::cancelled, "tournament cancelled");
  BOOST_TEST((cancelled.outcome == result::error));
  auto rec = c.record();
  BOOST_TEST((rec.reason == reason::cancelled));
  BOOST_TEST(rec.detail == "tournament cancelled");
}

// --- entering-king declarations ---------------------------------------------
// Black: king 5b; in ranks a-c: R 9a, B 8a, G 7a, G 6a, S 4b, S 3b, N 9c,
// N 8c, L 7c, L 6c = 10 pieces, 5+5+8*1 = 18 points; white king alone on 5i.
// Counted by hand: with 10 pawns in hand 28 points, with 9 pawns 27, with
// 13 pawns 31.
const char* const black_camp_10p = "RBGG5/4KSS2/NNLL5/9/9/9/9/9/4k4 b 10P 1";
const char* const black_camp_9p = "RBGG5/4KSS2/NNLL5/9/9/9/9/9/4k4 b 9P 1";
const char* const black_camp_13p = "RBGG5/4KSS2/NNLL5/9/9/9/9/9/4k4 b 13P 1";
// The same with a white rook on 5e checking the black king (5c, 5d empty).
const char* const black_camp_in_check = "RBGG5/4KSS2/NNLL5/9/4r4/9/9/9/4k4 b 10P 1";
// Only 9 pieces in the camp (no lance on 6c) but 19 pawns' worth... 9 pieces
// + 11 pawns: 5+5+7 = 17 + 11 = 28 points, yet fewer than 10 pieces.
const char* const black_camp_9_pieces = "RBGG5/4KSS2/NNL6/9/9/9/9/9/4k4 b 11P 1";
// Black king on 5d: outside the camp (ranks a-c).
const char* const black_king_outside = "RBGG5/5SS2/NNLL5/4K4/9/9/9/9/4k4 b 10P 1";
// White mirror: king 5h; in ranks g-i: r 1i, b 2i, g 3i, g 4i, s 6h, s 7h,
// n 1g, n 2g, l 3g, l 4g = 10 pieces, 18 points; 9 pawns in hand: 27.
const char* const white_camp_9p = "4K4/9/9/9/9/9/5llnn/2ssk4/5ggbr w 9p 1";

BOOST_AUTO_TEST_CASE(declaration_points_are_counted_as_the_rule_says) {
  using game::check_declaration;
  using spec::entering_king_rule;
  auto d = check_declaration(sfen(black_camp_10p), entering_king_rule::points_27);
  BOOST_TEST(d.points == 28);
  BOOST_TEST(d.pieces_in_camp == 10);
  BOOST_TEST(d.king_in_camp);
  BOOST_TEST(d.valid);
  // 27 points: enough for white, not for black.
  BOOST_TEST(!check_declaration(sfen(black_camp_9p), entering_king_rule::points_27).valid);
  auto w = check_declaration(sfen(white_camp_9p), entering_king_rule::points_27);
  BOOST_TEST(w.points == 27);
  BOOST_TEST(w.valid);
  // The 24-point variant needs 31 for either side.
  BOOST_TEST(!check_declaration(sfen(black_camp_10p), entering_king_rule::points_24).valid);
  BOOST_TEST(!check_declaration(sfen(white_camp_9p), entering_king_rule::points_24).valid);
  BOOST_TEST(check_declaration(sfen(black_camp_13p), entering_king_rule::points_24).valid);
  // Other conditions.
  auto in_check = check_declaration(sfen(black_camp_in_check), entering_king_rule::points_27);
  BOOST_TEST(in_check.in_check);
  BOOST_TEST(!in_check.valid);
  auto few = check_declaration(sfen(black_camp_9_pieces), entering_king_rule::points_27);
  BOOST_TEST(few.points == 28);
  BOOST_TEST(few.pieces_in_camp == 9);
  BOOST_TEST(!few.valid);
  auto outside = check_declaration(sfen(black_king_outside), entering_king_rule::points_27);
  BOOST_TEST(!outside.king_in_camp);
  BOOST_TEST(!outside.valid);
  BOOST_TEST(!check_declaration(sfen(black_camp_13p), entering_king_rule::none).valid);
}

BOOST_AUTO_TEST_CASE(a_true_declaration_wins_and_a_false_one_loses) {
  auto s = settings();
  s.adjudication.entering_king = spec::entering_king_rule::points_27;
  referee good(sfen(black_camp_10p), {}, s);
  auto win = good.apply(color::black, decision::declare_win(), milliseconds{0});
  BOOST_TEST((win->why == reason::declaration));
  BOOST_TEST((win->outcome == result::black_win));

  referee bad(sfen(black_camp_9p), {}, s);
  auto loss = bad.apply(color::black, decision::declare_win(), milliseconds{0});
  BOOST_TEST((loss->why == reason::illegal_declaration));
  BOOST_TEST((loss->outcome == result::white_win));
  BOOST_TEST(loss->detail.find("27 points (28 needed)") != std::string::npos);

  s.adjudication.entering_king = spec::entering_king_rule::none;
  referee none(sfen(black_camp_13p), {}, s);
  auto never = none.apply(color::black, decision::declare_win(), milliseconds{0});
  BOOST_TEST((never->why == reason::illegal_declaration));
}

// --- score adjudication -----------------------------------------------------

BOOST_AUTO_TEST_CASE(resign_adjudication_needs_both_sides_to_agree) {
  auto s = settings();
  s.adjudication.resign_moves = 2;
  s.adjudication.resign_score_cp = 500;
  referee r(shogi::position::startpos(), {}, s);
  // Black thinks it is lost (-600), white thinks it is winning (+700).
  const std::vector<std::pair<std::string, int>> moves = {
      {"2h3h", -600}, {"8b7b", 700}, {"3h2h", -900}};
  for (const auto& [text, score] : moves) {
    decision d = decision::play(usi(r.position(), text));
    d.score_cp = score;
    BOOST_TEST(!r.apply(r.side_to_move(), d, milliseconds{0}).has_value());
  }
  decision last = decision::play(usi(r.position(), "7b8b"));
  last.score_cp = 800;
  auto end = r.apply(color::white, last, milliseconds{0});
  BOOST_REQUIRE(end.has_value());
  BOOST_TEST((end->why == reason::adjudication));
  BOOST_TEST((end->outcome == result::white_win));
}

BOOST_AUTO_TEST_CASE(a_move_without_score_breaks_the_adjudication_run) {
  auto s = settings();
  s.adjudication.draw_moves = 2;
  s.adjudication.draw_score_cp = 10;
  referee r(shogi::position::startpos(), {}, s);
  const std::vector<std::pair<std::string, std::optional<int>>> moves = {
      {"2h3h", 0}, {"8b7b", 5}, {"3h2h", std::nullopt}, {"7b8b", -3},
      {"2h3h", 2}, {"8b7b", 1}};  // white has 3 in a row, black only 1 since its unscored move
  for (const auto& [text, score] : moves) {
    decision d = decision::play(usi(r.position(), text));
    d.score_cp = score;
    BOOST_TEST(!r.apply(r.side_to_move(), d, milliseconds{0}).has_value());
  }
  decision d = decision::play(usi(r.position(), "3h2h"));
  d.score_cp = -4;
  auto end = r.apply(color::black, d, milliseconds{0});
  BOOST_REQUIRE(end.has_value());
  BOOST_TEST((end->why == reason::adjudication));
  BOOST_TEST((end->outcome == result::draw));
}

BOOST_AUTO_TEST_CASE(the_record_holds_moves_times_and_search_information) {
  referee r(shogi::position::startpos(), {}, settings());
  decision d = decision::play(usi(r.position(), "7g7f"));
  d.score_cp = 35;
  d.depth = 4;
  d.nodes = 1234;
  d.pv = {"7g7f", "3c3d"};
  r.apply(color::black, d, milliseconds{1500});
  r.apply(color::white, decision::resign(), milliseconds{10});
  auto rec = r.record();
  BOOST_TEST(rec.start_sfen == shogi::position::startpos().to_sfen());
  BOOST_REQUIRE(rec.moves.size() == 1u);
  BOOST_TEST(rec.moves[0].elapsed.count() == 1500);
  BOOST_TEST((rec.moves[0].score_cp == 35));
  BOOST_TEST((rec.moves[0].nodes == std::uint64_t{1234}));
  BOOST_TEST(rec.moves[0].pv.size() == 2u);
  BOOST_TEST((rec.result == result::black_win));
  BOOST_TEST((rec.reason == reason::resign));
}

BOOST_AUTO_TEST_SUITE_END()
