#include "tourney/record/kif.hpp"

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "record/record_fixture.hpp"

using namespace tourney;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(record_kif)

BOOST_AUTO_TEST_CASE(a_short_game_is_written_as_kakinoki_writes_it) {
  auto kif = record::to_kif(test::short_game());
  BOOST_REQUIRE_MESSAGE(kif.has_value(), kif.error().message);
  // Written by hand from docs/shogi.md section 8 (Kakinoki KIF): header, column
  // line, moves padded to 13 display columns, per-move m:ss and per-side
  // cumulative hh:mm:ss, 同　 for the recapture on 2b, the resignation and
  // the summary.
  const std::vector<std::string> expected = {
      "#KIF version=2.0 encoding=UTF-8",
      "#game_id: g-0001",
      "開始日時：2026/11/29 10:00:00",
      "終了日時：2026/11/29 10:00:04",
      "手合割：平手",
      "先手：alice",
      "後手：bob",
      "手数----指手---------消費時間--",
      "   1 ７六歩(77)   ( 0:01/00:00:01)",
      "   2 ３四歩(33)   ( 0:00/00:00:00)",
      "   3 ２二角成(88) ( 0:02/00:00:03)",
      "   4 同　銀(31)   ( 0:00/00:00:00)",
      "   5 投了",
      "まで4手で後手の勝ち",
      "#tourney result=white_win reason=resign detail=black resigned",
  };
  BOOST_TEST(lines_of(*kif) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(long_thinks_fill_the_time_columns_as_the_format_says) {
  // docs/shogi.md section 8: per move m:ss (minutes right-aligned in two
  // columns, more when needed), per side hh:mm:ss.
  auto rec = test::short_game();
  rec.moves[0].elapsed = std::chrono::milliseconds(3725000);   // 62:05
  rec.moves[2].elapsed = std::chrono::milliseconds(363599000); // 6059:59; Black's total 3725 + 363599 s = 102:02:04
  auto kif = record::to_kif(rec);
  BOOST_REQUIRE_MESSAGE(kif.has_value(), kif.error().message);
  const auto lines = lines_of(*kif);
  BOOST_REQUIRE(lines.size() > 10u);
  BOOST_TEST(lines[8] == "   1 ７六歩(77)   (62:05/01:02:05)");
  BOOST_TEST(lines[10] == "   3 ２二角成(88) (6059:59/102:02:04)");
}

BOOST_AUTO_TEST_CASE(drops_non_promotions_and_a_board_diagram) {
  auto rec = test::short_game();
  // Black silver on 3d, pawn 1c, gold in hand; white king 1a; black king 9i.
  rec.start_sfen = "8k/9/8P/6S2/9/9/9/9/K8 b G 1";
  rec.moves.clear();
  for (const char* text : {"3d3c", "1a2a", "G*2b"}) {
    record::move_entry entry;
    entry.move = *shogi::parse_usi_move(text);
    rec.moves.push_back(entry);
  }
  rec.result = game::result::black_win;
  rec.reason = game::reason::checkmate;
  rec.detail.clear();
  auto kif = record::to_kif(rec);
  BOOST_REQUIRE_MESSAGE(kif.has_value(), kif.error().message);
  const auto lines = lines_of(*kif);
  const std::vector<std::string> expected = {
      "後手の持駒：なし",
      "  ９ ８ ７ ６ ５ ４ ３ ２ １",
      "+---------------------------+",
      "| ・ ・ ・ ・ ・ ・ ・ ・v玉|一",
      "| ・ ・ ・ ・ ・ ・ ・ ・ ・|二",
      "| ・ ・ ・ ・ ・ ・ ・ ・ 歩|三",
      "| ・ ・ ・ ・ ・ ・ 銀 ・ ・|四",
      "| ・ ・ ・ ・ ・ ・ ・ ・ ・|五",
      "| ・ ・ ・ ・ ・ ・ ・ ・ ・|六",
      "| ・ ・ ・ ・ ・ ・ ・ ・ ・|七",
      "| ・ ・ ・ ・ ・ ・ ・ ・ ・|八",
      "| 玉 ・ ・ ・ ・ ・ ・ ・ ・|九",
      "+---------------------------+",
      "先手の持駒：金　",
      "先手：alice",
      "後手：bob",
      "手数----指手---------消費時間--",
      "   1 ３三銀不成(34) ( 0:00/00:00:00)",
      "   2 ２一玉(11)   ( 0:00/00:00:00)",
      "   3 ２二金打     ( 0:00/00:00:00)",
      "   4 詰み",
      "まで3手で先手の勝ち",
  };
  const std::vector<std::string> body(lines.begin() + 4, lines.end() - 1);
  BOOST_TEST(body == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
