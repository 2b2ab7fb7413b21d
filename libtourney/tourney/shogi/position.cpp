#include "tourney/shogi/position.hpp"

#include <algorithm>

#include "tourney/shogi/board_geometry.hpp"
#include "tourney/shogi/position_internals.hpp"
#include "tourney/shogi/zobrist.hpp"

namespace tourney::shogi {

namespace g = geometry;

bool move_list::contains(move m) const {
  return std::find(begin(), end(), m) != end();
}

position::position(empty_board_tag) {
  board_.fill(g::wall);
  for (int rank = 1; rank <= 9; ++rank) {
    for (int file = 1; file <= 9; ++file) {
      board_[g::padded(file, rank)] = g::empty;
    }
  }
}

position position_internals::empty_board() {
  return position(position::empty_board_tag{});
}

void position_internals::put(position& pos, int p, std::uint8_t code) {
  auto s = static_cast<square>(g::table.to_square[p]);
  std::uint8_t old = pos.board_[p];
  if (old != g::empty) {
    pos.key_ ^= zobrist::piece_key(g::owner_of(old), g::kind_of(old), s);
    g::clear_bit(pos.occupied_[static_cast<int>(g::owner_of(old))], s);
  }
  pos.board_[p] = code;
  if (code != g::empty) {
    pos.key_ ^= zobrist::piece_key(g::owner_of(code), g::kind_of(code), s);
    g::set_bit(pos.occupied_[static_cast<int>(g::owner_of(code))], s);
    if (g::kind_of(code) == piece_kind::king) {
      pos.kings_[static_cast<int>(g::owner_of(code))] = static_cast<std::uint8_t>(p);
    }
  }
}

void position_internals::set_hand(position& pos, color c, piece_kind k, int count) {
  auto& slot = pos.hands_[static_cast<int>(c)][static_cast<int>(k)];
  const auto& keys = zobrist::table.hand[static_cast<int>(c)][static_cast<int>(k)];
  pos.key_ ^= keys[slot] ^ keys[count];
  slot = static_cast<std::uint8_t>(count);
}

void position_internals::set_side(position& pos, color c) {
  if (pos.side_ != c) {
    pos.key_ ^= zobrist::table.white_to_move;
  }
  pos.side_ = c;
}

bool position_internals::attacked(const board_type& board, int target, color by) {
  const std::uint8_t by_bit = g::color_bit(by);
  for (int d = 0; d < 8; ++d) {
    const int step = g::delta[d];
    int t = target + step;
    std::uint8_t c = board[t];
    const std::uint16_t from_dir = g::bit(g::opposite(d));
    if (c != g::empty) {
      if ((c & by_bit) != 0 && (g::table.adjacent[c] & from_dir) != 0) {
        return true;
      }
      continue;
    }
    do {
      t += step;
      c = board[t];
    } while (c == g::empty);
    if ((c & by_bit) != 0 && (g::table.masks[c].slide & from_dir) != 0) {
      return true;
    }
  }
  const std::uint8_t knight = g::code_of(by, piece_kind::knight);
  const int k0 = by == color::black ? 8 : 10;
  return board[target - g::delta[k0]] == knight || board[target - g::delta[k0 + 1]] == knight;
}

position position::startpos() {
  // Parsed once; from_sfen cannot fail on it (the perft tests parse it too).
  static const position start =
      *from_sfen("lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1");
  return start;
}

position::position() : position(startpos()) {}

color position::side_to_move() const {
  return side_;
}

int position::move_number() const {
  return move_number_;
}

std::optional<piece> position::at(square s) const {
  if (s >= square_count) {
    return std::nullopt;
  }
  std::uint8_t c = board_[g::table.to_padded[s]];
  if (c == g::empty) {
    return std::nullopt;
  }
  return piece{g::kind_of(c), g::owner_of(c)};
}

int position::hand_count(color c, piece_kind kind) const {
  int k = static_cast<int>(kind);
  if (k < 0 || k >= hand_kind_count) {
    return 0;
  }
  return hands_[static_cast<int>(c)][k];
}

square position::king_square(color c) const {
  return static_cast<square>(g::table.to_square[kings_[static_cast<int>(c)]]);
}

std::uint64_t position::key() const {
  return key_;
}

std::uint64_t position::compute_key() const {
  std::uint64_t k = 0;
  for (int s = 0; s < square_count; ++s) {
    std::uint8_t c = board_[g::table.to_padded[s]];
    if (c != g::empty) {
      k ^= zobrist::piece_key(g::owner_of(c), g::kind_of(c), static_cast<square>(s));
    }
  }
  for (int c = 0; c < 2; ++c) {
    for (int h = 0; h < hand_kind_count; ++h) {
      k ^= zobrist::table.hand[c][h][hands_[c][h]];
    }
  }
  if (side_ == color::white) {
    k ^= zobrist::table.white_to_move;
  }
  return k;
}

bool position::in_check() const {
  return position_internals::attacked(board_, kings_[static_cast<int>(side_)], opponent(side_));
}

move_list position::legal_moves() const {
  return position_internals::generate(*this);
}

bool position::is_legal(move m) const {
  if (m.is_null() || m.to() >= square_count) {
    return false;
  }
  if (m.is_drop() ? static_cast<int>(m.dropped()) >= hand_kind_count : m.from() >= square_count) {
    return false;
  }
  return position_internals::is_legal(*this, m);
}

bool position::has_legal_move() const {
  // Asked after every move of every game: two exact shortcuts before the
  // whole list. Out of check, a silver, gold, bishop or rook in hand can be
  // dropped on any empty square (there always is one).
  const int us = static_cast<int>(side_);
  if (!in_check()) {
    for (piece_kind k : {piece_kind::silver, piece_kind::gold, piece_kind::bishop, piece_kind::rook}) {
      if (hands_[us][static_cast<int>(k)] != 0) {
        return true;
      }
    }
  }
  // A king step (most positions have one).
  const auto king = static_cast<square>(g::table.to_square[kings_[us]]);
  for (int d = 0; d < 8; ++d) {
    const int to = kings_[us] + g::delta[d];
    if (g::table.to_square[to] >= 0 &&
        position_internals::is_legal(*this, move::board(king, static_cast<square>(g::table.to_square[to]), false))) {
      return true;
    }
  }
  return !legal_moves().empty();
}

bool position::is_checkmate() const {
  return in_check() && !has_legal_move();
}

bool position::gives_check(move m) const {
  position after = *this;
  after.play(m);
  return after.in_check();
}

void position::play(move m) {
  const color us = side_;
  const int ui = static_cast<int>(us);
  const int to = g::table.to_padded[m.to()];
  const auto to_sq = m.to();
  if (m.is_drop()) {
    const piece_kind k = m.dropped();
    const int ki = static_cast<int>(k);
    const auto& keys = zobrist::table.hand[ui][ki];
    std::uint8_t& n = hands_[ui][ki];
    key_ ^= keys[n] ^ keys[n - 1];
    --n;
    board_[to] = g::code_of(us, k);
    key_ ^= zobrist::piece_key(us, k, to_sq);
    g::set_bit(occupied_[ui], to_sq);
  } else {
    const int from = g::table.to_padded[m.from()];
    const std::uint8_t code = board_[from];
    const piece_kind k = g::kind_of(code);
    const std::uint8_t captured = board_[to];
    if (captured != g::empty) {
      const piece_kind ck = g::kind_of(captured);
      key_ ^= zobrist::piece_key(opponent(us), ck, to_sq);
      g::clear_bit(occupied_[1 - ui], to_sq);
      const int hk = static_cast<int>(unpromoted(ck));
      const auto& keys = zobrist::table.hand[ui][hk];
      std::uint8_t& n = hands_[ui][hk];
      key_ ^= keys[n] ^ keys[n + 1];
      ++n;
    }
    const piece_kind nk = m.promotes() ? promoted(k) : k;
    key_ ^= zobrist::piece_key(us, k, m.from()) ^ zobrist::piece_key(us, nk, to_sq);
    board_[from] = g::empty;
    board_[to] = g::code_of(us, nk);
    g::clear_bit(occupied_[ui], m.from());
    g::set_bit(occupied_[ui], to_sq);
    if (k == piece_kind::king) {
      kings_[ui] = static_cast<std::uint8_t>(to);
    }
  }
  side_ = opponent(us);
  key_ ^= zobrist::table.white_to_move;
  ++move_number_;
}

}  // namespace tourney::shogi
