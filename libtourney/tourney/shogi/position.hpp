#pragma once
// A shogi position: board, hands, side to move, move number and an
// incrementally updated key. The referee's source of truth: engines are never
// trusted about legality.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include "tourney/shogi/types.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::shogi {

/// Fixed-capacity list of moves (no allocation; 593 is the known maximum
/// number of legal moves in a shogi position).
class move_list {
 public:
  static constexpr std::size_t capacity = 600;
  move_list() {}  // leaves the storage uninitialised: generation fills it
  move_list(const move_list& other) : size_(other.size_) {
    std::copy(other.begin(), other.end(), moves_);
  }
  move_list& operator=(const move_list& other) {
    size_ = other.size_;
    std::copy(other.begin(), other.end(), moves_);
    return *this;
  }
  void push_back(move m) {
    new (&moves_[size_++]) move(m);
  }
  std::size_t size() const {
    return size_;
  }
  bool empty() const {
    return size_ == 0;
  }
  move operator[](std::size_t i) const {
    return moves_[i];
  }
  const move* begin() const {
    return moves_;
  }
  const move* end() const {
    return moves_ + size_;
  }
  bool contains(move m) const;

 private:
  // A union member is not initialised by default: a move list is made per
  // generated position, and zeroing 600 moves each time costs perft speed.
  union {
    move moves_[capacity];
  };
  std::size_t size_ = 0;
};

class position {
 public:
  /// The standard start position (hirate), Black to move, move number 1.
  static position startpos();
  /// Same as startpos(): a default-constructed position is always valid.
  position();

  /// Parses an SFEN ("<board> <b|w> <hands|-> [move number]"). Every defect
  /// (rank lengths, unknown letters, too many pieces of a kind, dead pieces
  /// such as a pawn on the last rank, missing or extra king, nifu on the
  /// board, bad hand counts, bad side or move number) is an error that says
  /// what is wrong and where; it never aborts.
  [[nodiscard]] static expected<position> from_sfen(std::string_view sfen);

  /// SFEN with the move number.
  std::string to_sfen() const;

  color side_to_move() const;
  int move_number() const;
  std::optional<piece> at(square s) const;
  int hand_count(color c, piece_kind kind) const;  // kind: pawn..rook
  square king_square(color c) const;

  /// Zobrist key of board + hands + side to move (not the move number),
  /// updated incrementally by play().
  std::uint64_t key() const;
  /// The same key computed from scratch (for tests and assertions).
  std::uint64_t compute_key() const;

  /// Whether the side to move is in check.
  bool in_check() const;
  /// All legal moves of the side to move, with every optional non-promotion
  /// (the perft move set), without pawn-drop mates, nifu, dead-piece drops or
  /// moves that leave the own king attacked.
  move_list legal_moves() const;
  bool is_legal(move m) const;
  bool has_legal_move() const;
  /// In check with no legal move.
  bool is_checkmate() const;
  /// Whether playing m (legal) gives check to the opponent.
  bool gives_check(move m) const;

  /// Plays a legal move (precondition: is_legal(m)); increments the move
  /// number and updates the key.
  void play(move m);

 private:
  // A padded mailbox (see board_geometry.hpp): cells hold piece codes, walls
  // surround the 9x9 board so steps and slides need no bounds checks.
  friend struct position_internals;  // SFEN parsing and move generation
  struct empty_board_tag {};
  explicit position(empty_board_tag);  // walls around an empty board, no kings yet
  std::array<std::uint8_t, 131> board_{};
  std::array<std::array<std::uint8_t, hand_kind_count>, 2> hands_{};
  color side_ = color::black;
  int move_number_ = 1;
  std::uint64_t key_ = 0;
  std::array<std::uint8_t, 2> kings_{};  // padded indices
  // Occupied squares per colour, bit s = square s (words 0..63, 64..80): move
  // generation visits pieces and empty squares without scanning the board.
  std::array<std::array<std::uint64_t, 2>, 2> occupied_{};
};

/// Number of leaf nodes of the legal move tree to the given depth.
std::uint64_t perft(const position& pos, int depth);

}  // namespace tourney::shogi
