#include "tourney/shogi/types.hpp"

#include <boost/test/unit_test.hpp>

using namespace tourney::shogi;

BOOST_AUTO_TEST_SUITE(shogi_types)

BOOST_AUTO_TEST_CASE(promotion_pairs_follow_the_rules) {
  // Promoted silver/knight/lance/pawn move as gold; bishop->horse, rook->dragon.
  BOOST_TEST((promoted(piece_kind::pawn) == piece_kind::pro_pawn));
  BOOST_TEST((promoted(piece_kind::bishop) == piece_kind::horse));
  BOOST_TEST((promoted(piece_kind::rook) == piece_kind::dragon));
  BOOST_TEST((unpromoted(piece_kind::dragon) == piece_kind::rook));
  BOOST_TEST((unpromoted(piece_kind::pro_knight) == piece_kind::knight));
  BOOST_TEST(!can_promote(piece_kind::gold));
  BOOST_TEST(!can_promote(piece_kind::king));
  BOOST_TEST(!can_promote(piece_kind::horse));
  for (int k = 0; k < piece_kind_count; ++k) {
    auto kind = static_cast<piece_kind>(k);
    if (can_promote(kind)) {
      BOOST_TEST((unpromoted(promoted(kind)) == kind));
      BOOST_TEST(is_promoted(promoted(kind)));
    }
  }
}

BOOST_AUTO_TEST_CASE(move_encoding_round_trips) {
  auto m = move::board(make_square(7, 7), make_square(7, 6), false);
  BOOST_TEST(!m.is_drop());
  BOOST_TEST(file_of(m.from()) == 7);
  BOOST_TEST(rank_of(m.to()) == 6);
  auto p = move::board(make_square(8, 8), make_square(2, 2), true);
  BOOST_TEST(p.promotes());
  auto d = move::drop(piece_kind::rook, make_square(5, 5));
  BOOST_TEST(d.is_drop());
  BOOST_TEST((d.dropped() == piece_kind::rook));
  BOOST_TEST(d.to() == make_square(5, 5));
  BOOST_TEST(move{}.is_null());
  BOOST_TEST(!move::board(make_square(1, 1), make_square(1, 2), false).is_null());
}

BOOST_AUTO_TEST_SUITE_END()
