// Expected SFENs are worked by hand from the shogi rules: from the hirate
// position (the standard SFEN, docs/shogi.md), 7g7f moves the 7th-file pawn to
// rank f; 3c3d the 3rd-file gote pawn to rank d.
#include "tourney/schedule/openings.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>

#include <boost/test/unit_test.hpp>

#include "support/temp_dir.hpp"

using namespace tourney;
namespace sched = tourney::schedule;

namespace {
const std::string dir = std::string(TOURNEY_TEST_DATA_DIR) + "/openings/";
const std::string hirate = "lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1";
const std::string after_7g7f = "lnsgkgsnl/1r5b1/ppppppppp/9/9/2P6/PP1PPPPPP/1B5R1/LNSGKGSNL w - 2";
const std::string after_7g7f_3c3d =
    "lnsgkgsnl/1r5b1/pppppp1pp/6p2/9/2P6/PP1PPPPPP/1B5R1/LNSGKGSNL b - 3";

spec::openings_spec book(const std::string& name, int ply_cut = 0) {
  spec::openings_spec s;
  s.file = dir + name;
  s.ply_cut = ply_cut;
  return s;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(schedule_openings)

BOOST_AUTO_TEST_CASE(every_line_form_is_read) {
  auto list = sched::load_openings(book("book.sfen"));
  BOOST_REQUIRE_MESSAGE(list.has_value(), (list ? "" : list.error().message));
  BOOST_REQUIRE(list->size() == 6u);
  const int lines[] = {3, 4, 5, 6, 7, 9};
  for (std::size_t i = 0; i < 6; ++i) {
    BOOST_TEST((*list)[i].line == lines[i]);
  }
  const auto& plain = (*list)[0];
  BOOST_TEST(plain.from_startpos);
  BOOST_TEST(plain.sfen == hirate);
  BOOST_TEST(plain.usi_position() == "startpos");
  const auto& two = (*list)[1];
  BOOST_TEST(two.moves.size() == 2u);
  BOOST_TEST(two.sfen == after_7g7f_3c3d);
  BOOST_TEST(two.usi_position() == "startpos moves 7g7f 3c3d");
  BOOST_TEST((*list)[2].usi_position() == "startpos moves 2g2f 8c8d 2f2e");
  const auto& with_sfen = (*list)[3];
  BOOST_TEST(!with_sfen.from_startpos);
  BOOST_TEST(with_sfen.start_sfen == hirate);
  BOOST_TEST(with_sfen.sfen == after_7g7f);
  BOOST_TEST(with_sfen.usi_position() == "sfen " + hirate + " moves 7g7f");
  const auto& bare = (*list)[4];
  BOOST_TEST(bare.sfen == after_7g7f_3c3d);
  BOOST_TEST(bare.moves.empty());
  auto white = (*list)[5].final_position();
  BOOST_REQUIRE(white.has_value());
  BOOST_TEST((white->side_to_move() == shogi::color::white));
}

BOOST_AUTO_TEST_CASE(ply_cut_keeps_the_first_moves) {
  auto list = sched::load_openings(book("book.sfen", 1));
  BOOST_REQUIRE(list.has_value());
  BOOST_TEST((*list)[1].moves.size() == 1u);
  BOOST_TEST((*list)[1].sfen == after_7g7f);
  BOOST_TEST((*list)[1].usi_position() == "startpos moves 7g7f");
  BOOST_TEST((*list)[2].usi_position() == "startpos moves 2g2f");
  auto negative = sched::load_openings(book("book.sfen", -1));
  BOOST_TEST(!negative.has_value());
}

BOOST_AUTO_TEST_CASE(no_file_is_the_start_position) {
  auto list = sched::load_openings(spec::openings_spec{});
  BOOST_REQUIRE(list.has_value());
  BOOST_REQUIRE(list->size() == 1u);
  BOOST_TEST(list->front().sfen == hirate);
  BOOST_TEST(list->front().line == 0);
}

BOOST_AUTO_TEST_CASE(crlf_and_comment_lines) {
  auto list = sched::load_openings(book("crlf.sfen"));
  BOOST_REQUIRE(list.has_value());
  BOOST_REQUIRE(list->size() == 2u);
  BOOST_TEST((*list)[0].line == 1);
  BOOST_TEST((*list)[1].line == 3);
  BOOST_TEST((*list)[1].usi_position() == "startpos moves 2g2f");
}

BOOST_AUTO_TEST_CASE(errors_name_file_line_and_problem) {
  auto illegal = sched::load_openings(book("illegal_move.sfen"));
  BOOST_REQUIRE(!illegal.has_value());
  BOOST_TEST(
      illegal.error().message.find("illegal_move.sfen:3: move 3 (7f7d)") != std::string::npos,
      illegal.error().message);
  auto bad = sched::load_openings(book("bad_sfen.sfen"));
  BOOST_REQUIRE(!bad.has_value());
  BOOST_TEST(bad.error().message.find("bad_sfen.sfen:2:") != std::string::npos,
             bad.error().message);
  auto empty = sched::load_openings(book("empty.sfen"));
  BOOST_REQUIRE(!empty.has_value());
  BOOST_TEST(empty.error().message.find("no opening positions") != std::string::npos);
  auto missing = sched::load_openings(book("no_such_book.sfen"));
  BOOST_REQUIRE(!missing.has_value());
  BOOST_TEST(missing.error().message.find("no_such_book.sfen: cannot open") != std::string::npos);
  auto mated = sched::load_openings(book("mated.sfen"));
  BOOST_REQUIRE(!mated.has_value());
  BOOST_TEST(mated.error().message.find("mated.sfen:1: ") != std::string::npos,
             mated.error().message);
  BOOST_TEST(mated.error().message.find("no legal move") != std::string::npos,
             mated.error().message);
}

BOOST_AUTO_TEST_CASE(malformed_lines) {
  BOOST_TEST(!sched::parse_opening_line("startpos 7g7f", 0).has_value());
  BOOST_TEST(!sched::parse_opening_line("startpos moves", 0).has_value());
  BOOST_TEST(!sched::parse_opening_line("sfen", 0).has_value());
  BOOST_TEST(!sched::parse_opening_line("position", 0).has_value());
  BOOST_TEST(!sched::parse_opening_line("9/9/9 b - 1 2 3", 0).has_value());
  BOOST_TEST(!sched::parse_opening_line("startpos moves 7g7f zz", 0).has_value());
  auto text = sched::parse_openings("startpos\n\n  startpos moves 9g9f", "inline", 0);
  BOOST_REQUIRE(text.has_value());
  BOOST_TEST(text->size() == 2u);
  BOOST_TEST((*text)[1].line == 3);
}

// The limits (README, Configs): an openings file of at most 256 MiB, 1,000,000
// positions and 64 KiB a line, read in chunks and stopped at the limit.
BOOST_AUTO_TEST_CASE(oversize_openings_file_is_rejected_naming_the_file_and_the_limit) {
  tourney::test::temp_dir dir;
  // Sparse: 257 MiB long without writing it (a file of NUL bytes).
  const auto path = (std::filesystem::path(dir.path()) / "huge.sfen").string();
  std::ofstream(path) << "startpos\n";
  std::filesystem::resize_file(path, 257u << 20);
  spec::openings_spec s;
  s.file = path;
  auto list = sched::load_openings(s);
  BOOST_REQUIRE(!list.has_value());
  BOOST_TEST(
      list.error().message.find(path + ": larger than the limit of 256 MiB") != std::string::npos,
      list.error().message.substr(0, 300));
}

BOOST_AUTO_TEST_CASE(too_many_positions_are_rejected_at_the_first_line_past_the_limit) {
  tourney::test::temp_dir dir;
  const auto path = (std::filesystem::path(dir.path()) / "long.sfen").string();
  {
    std::ofstream out(path);
    for (int i = 0; i < 1000001; ++i) {
      out << "startpos\n";
    }
  }
  spec::openings_spec s;
  s.file = path;
  auto list = sched::load_openings(s);
  BOOST_REQUIRE(!list.has_value());
  BOOST_TEST(list.error().message.find(
                 path + ":1000001: more than the limit of 1000000 positions") != std::string::npos,
             list.error().message);
}

BOOST_AUTO_TEST_CASE(an_overlong_line_is_rejected_with_its_line_number) {
  tourney::test::temp_dir dir;
  const auto path = (std::filesystem::path(dir.path()) / "wide.sfen").string();
  // A good line padded with 70 KiB of blanks: trimmed, it would be accepted.
  std::ofstream(path) << "startpos\nstartpos" << std::string(70u << 10, ' ') << "\nstartpos\n";
  spec::openings_spec s;
  s.file = path;
  auto list = sched::load_openings(s);
  BOOST_REQUIRE(!list.has_value());
  BOOST_TEST(list.error().message.find(path + ":2: longer than the limit of 64 KiB a line") !=
                 std::string::npos,
             list.error().message);
}

BOOST_AUTO_TEST_SUITE_END()
