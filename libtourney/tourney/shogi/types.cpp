#include "tourney/shogi/types.hpp"

namespace tourney::shogi {

piece_kind promoted(piece_kind k) {
  switch (k) {
    case piece_kind::pawn:
      return piece_kind::pro_pawn;
    case piece_kind::lance:
      return piece_kind::pro_lance;
    case piece_kind::knight:
      return piece_kind::pro_knight;
    case piece_kind::silver:
      return piece_kind::pro_silver;
    case piece_kind::bishop:
      return piece_kind::horse;
    case piece_kind::rook:
      return piece_kind::dragon;
    default:
      return k;
  }
}

piece_kind unpromoted(piece_kind k) {
  switch (k) {
    case piece_kind::pro_pawn:
      return piece_kind::pawn;
    case piece_kind::pro_lance:
      return piece_kind::lance;
    case piece_kind::pro_knight:
      return piece_kind::knight;
    case piece_kind::pro_silver:
      return piece_kind::silver;
    case piece_kind::horse:
      return piece_kind::bishop;
    case piece_kind::dragon:
      return piece_kind::rook;
    default:
      return k;
  }
}

}  // namespace tourney::shogi
