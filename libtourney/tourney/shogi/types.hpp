#pragma once
// Basic shogi value types: colours, piece kinds, squares and moves.
#include <cstdint>

namespace tourney::shogi {

/// Black (sente) moves first; White is gote.
enum class color : std::uint8_t { black = 0, white = 1 };

constexpr color opponent(color c) {
  return c == color::black ? color::white : color::black;
}

/// Kinds 0..6 are the kinds a hand can hold, in that order (pawn..rook);
/// king is 7; promoted kinds follow.
enum class piece_kind : std::uint8_t {
  pawn = 0,
  lance,
  knight,
  silver,
  gold,
  bishop,
  rook,
  king,
  pro_pawn,
  pro_lance,
  pro_knight,
  pro_silver,
  horse,   // promoted bishop
  dragon,  // promoted rook
};

constexpr int hand_kind_count = 7;
constexpr int piece_kind_count = 14;

constexpr bool is_promoted(piece_kind k) {
  return k >= piece_kind::pro_pawn;
}
/// Pawn, lance, knight, silver, bishop and rook may promote; gold and king never.
constexpr bool can_promote(piece_kind k) {
  return k == piece_kind::pawn || k == piece_kind::lance || k == piece_kind::knight ||
         k == piece_kind::silver || k == piece_kind::bishop || k == piece_kind::rook;
}
piece_kind promoted(piece_kind k);    // precondition: can_promote(k)
piece_kind unpromoted(piece_kind k);  // identity for unpromoted kinds

struct piece {
  piece_kind kind;
  color owner;
  friend constexpr bool operator==(piece a, piece b) {
    return a.kind == b.kind && a.owner == b.owner;
  }
  friend constexpr bool operator!=(piece a, piece b) {
    return !(a == b);
  }
};

/// Square index 0..80: (rank - 1) * 9 + (file - 1), with file 1..9 (right to
/// left from Black) and rank 1..9 (USI a..i, top to bottom from Black).
using square = std::uint8_t;
constexpr int square_count = 81;

constexpr square make_square(int file, int rank) {
  return static_cast<square>((rank - 1) * 9 + (file - 1));
}
constexpr int file_of(square s) {
  return s % 9 + 1;
}
constexpr int rank_of(square s) {
  return s / 9 + 1;
}

/// A board move (from, to, promotion flag) or a drop (kind, to). 16 bits.
class move {
 public:
  constexpr move() = default;
  static constexpr move board(square from, square to, bool promote) {
    return move(static_cast<std::uint16_t>(from | (to << 7) | (promote ? promote_bit : 0)));
  }
  /// kind must be a hand kind (pawn..rook).
  static constexpr move drop(piece_kind kind, square to) {
    return move(static_cast<std::uint16_t>((81 + static_cast<int>(kind)) | (to << 7)));
  }
  constexpr bool is_drop() const {
    return (raw_ & 0x7f) >= 81;
  }
  constexpr square from() const {  // precondition: !is_drop()
    return static_cast<square>(raw_ & 0x7f);
  }
  constexpr square to() const {
    return static_cast<square>((raw_ >> 7) & 0x7f);
  }
  constexpr bool promotes() const {
    return (raw_ & promote_bit) != 0;
  }
  constexpr piece_kind dropped() const {  // precondition: is_drop()
    return static_cast<piece_kind>((raw_ & 0x7f) - 81);
  }
  constexpr std::uint16_t raw() const {
    return raw_;
  }
  constexpr bool is_null() const {
    return raw_ == 0;
  }
  friend constexpr bool operator==(move a, move b) {
    return a.raw_ == b.raw_;
  }
  friend constexpr bool operator!=(move a, move b) {
    return a.raw_ != b.raw_;
  }

 private:
  static constexpr std::uint16_t promote_bit = 0x4000;
  constexpr explicit move(std::uint16_t raw) : raw_(raw) {}
  std::uint16_t raw_ = 0;  // 0 (square 0 to square 0) is never a legal move: the null move
};

}  // namespace tourney::shogi
