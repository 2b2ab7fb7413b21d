// Perft against the published table (docs/shogi.md, "Perft
// reference numbers": Qiita 'ak11' perft summary, TalkChess 'Shogi Perft
// numbers'; libosl's generateWithFullUnpromotions reproduces them).
#include <numeric>

#include <boost/test/unit_test.hpp>

#include "tourney/shogi/perft.hpp"
#include "tourney/shogi/position.hpp"

using namespace tourney::shogi;

namespace {

constexpr const char* start_sfen = "lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1";
constexpr const char* matsuri_sfen =
    "l6nl/5+P1gk/2np1S3/p1p4Pp/3P2Sp1/1PPb2P1P/P5GS1/R8/LN4bKL w GR5pnsg 1";

position parse(const char* sfen) {
  auto pos = position::from_sfen(sfen);
  BOOST_TEST_REQUIRE(pos.has_value(), (pos ? "" : pos.error().message));
  return *pos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shogi_perft)

BOOST_AUTO_TEST_CASE(start_position_depth_1_to_4) {
  const auto pos = parse(start_sfen);
  BOOST_TEST(perft(pos, 1) == 30u);
  BOOST_TEST(perft(pos, 2) == 900u);
  BOOST_TEST(perft(pos, 3) == 25470u);
  BOOST_TEST(perft(pos, 4) == 719731u);
}

BOOST_AUTO_TEST_CASE(start_position_depth_5) {
  BOOST_TEST(perft(parse(start_sfen), 5) == 19861490u);
}

BOOST_AUTO_TEST_CASE(startpos_equals_the_start_sfen) {
  BOOST_TEST(position::startpos().to_sfen() == start_sfen);
  BOOST_TEST(position::startpos().key() == parse(start_sfen).key());
}

BOOST_AUTO_TEST_CASE(matsuri_depth_1_to_3) {
  const auto pos = parse(matsuri_sfen);
  BOOST_TEST(perft(pos, 1) == 207u);
  BOOST_TEST(perft(pos, 2) == 28684u);
  BOOST_TEST(perft(pos, 3) == 4809015u);
}

BOOST_AUTO_TEST_CASE(divide_sums_to_perft) {
  // The total is the published start d3 figure; every legal first move appears once.
  const auto pos = parse(start_sfen);
  const auto divide = perft_divide(pos, 3);
  BOOST_TEST(divide.size() == 30u);
  std::uint64_t total = 0;
  for (const auto& entry : divide) {
    total += entry.second;
  }
  BOOST_TEST(total == 25470u);
}

BOOST_AUTO_TEST_CASE(start_position_depth_6, *boost::unit_test::label("slow")) {
  BOOST_TEST(perft(parse(start_sfen), 6) == 547581517u);
}

BOOST_AUTO_TEST_CASE(matsuri_depth_4, *boost::unit_test::label("slow")) {
  BOOST_TEST(perft(parse(matsuri_sfen), 4) == 516925165u);
}

BOOST_AUTO_TEST_SUITE_END()
