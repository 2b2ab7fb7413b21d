#pragma once
// The tests' own encoder for both layouts, written from the published
// descriptions (docs/encodings.md) and sharing nothing with the library but
// its types: it reads a position's SFEN text, works in absolute board
// coordinates (file, rank) with its own attack table (White's moves as
// Black's negated, instead of turning the board first), finds dlshogi's
// direction by walking Pgx's rays from the destination (instead of
// classifying the offset), and AlphaZero's plane by searching every compass
// direction and distance. Moves are read from their USI text.
#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "tourney/shogi/position.hpp"

namespace encoding_oracle {

struct text_piece {
  char letter;  // upper case: P L N S G B R K
  bool promoted;
  bool black;
};

struct text_position {
  std::array<std::array<std::optional<text_piece>, 10>, 10> cell{};  // [file][rank], 1..9
  std::array<std::array<int, 7>, 2> hand{};                          // [black/white][P L N S G B R]
  bool black_to_move = true;
};

constexpr const char* hand_letters = "PLNSGBR";

inline int hand_index(char upper) {
  const std::string letters = hand_letters;
  const auto i = letters.find(upper);
  if (i == std::string::npos) {
    throw std::invalid_argument(std::string("not a hand piece: ") + upper);
  }
  return static_cast<int>(i);
}

inline text_position parse_sfen(const std::string& sfen) {
  text_position out;
  std::size_t i = 0;
  int rank = 1, file = 9;
  bool promoted = false;
  for (; sfen[i] != ' '; ++i) {
    const char c = sfen[i];
    if (c == '/') {
      ++rank;
      file = 9;
    } else if (c == '+') {
      promoted = true;
    } else if (c >= '1' && c <= '9') {
      file -= c - '0';
    } else {
      const bool black = c >= 'A' && c <= 'Z';
      const char upper = black ? c : static_cast<char>(c - 'a' + 'A');
      out.cell[static_cast<std::size_t>(file)][static_cast<std::size_t>(rank)] =
          text_piece{upper, promoted, black};
      promoted = false;
      --file;
    }
  }
  ++i;
  out.black_to_move = sfen[i] == 'b';
  i += 2;
  int count = 0;
  for (; i < sfen.size() && sfen[i] != ' '; ++i) {
    const char c = sfen[i];
    if (c == '-') {
      continue;
    }
    if (c >= '0' && c <= '9') {
      count = count * 10 + (c - '0');
      continue;
    }
    const bool black = c >= 'A' && c <= 'Z';
    const char upper = black ? c : static_cast<char>(c - 'a' + 'A');
    out.hand[black ? 0 : 1][static_cast<std::size_t>(hand_index(upper))] += count == 0 ? 1 : count;
    count = 0;
  }
  return out;
}

struct step {
  int df;
  int dr;
};

// How a piece moves for Black (rank 1 is Black's far side, so forward is dr = -1).
struct motion {
  std::vector<step> steps;
  std::vector<step> slides;
};

inline motion black_motion(const text_piece& p) {
  const std::vector<step> gold{{0, -1}, {-1, -1}, {1, -1}, {-1, 0}, {1, 0}, {0, 1}};
  const std::vector<step> rook{{0, -1}, {0, 1}, {-1, 0}, {1, 0}};
  const std::vector<step> bishop{{-1, -1}, {1, -1}, {-1, 1}, {1, 1}};
  switch (p.letter) {
    case 'K':
      return {{{0, -1}, {0, 1}, {-1, 0}, {1, 0}, {-1, -1}, {1, -1}, {-1, 1}, {1, 1}}, {}};
    case 'G':
      return {gold, {}};
    case 'B':
      return p.promoted ? motion{rook, bishop} : motion{{}, bishop};
    case 'R':
      return p.promoted ? motion{bishop, rook} : motion{{}, rook};
    default:
      break;
  }
  if (p.promoted) {
    return {gold, {}};
  }
  switch (p.letter) {
    case 'P':
      return {{{0, -1}}, {}};
    case 'L':
      return {{}, {{0, -1}}};
    case 'N':
      return {{{-1, -2}, {1, -2}}, {}};
    default:  // 'S'
      return {{{0, -1}, {-1, -1}, {1, -1}, {-1, 1}, {1, 1}}, {}};
  }
}

inline bool on_board(int f, int r) {
  return f >= 1 && f <= 9 && r >= 1 && r <= 9;
}

/// The squares (file, rank) the piece on (f, r) attacks.
inline std::vector<step> attacked_squares(const text_position& b, int f, int r) {
  const text_piece p = *b.cell[static_cast<std::size_t>(f)][static_cast<std::size_t>(r)];
  const int sign = p.black ? 1 : -1;
  const motion m = black_motion(p);
  std::vector<step> out;
  for (const step s : m.steps) {
    const int tf = f + sign * s.df, tr = r + sign * s.dr;
    if (on_board(tf, tr)) {
      out.push_back({tf, tr});
    }
  }
  for (const step s : m.slides) {
    for (int tf = f + sign * s.df, tr = r + sign * s.dr; on_board(tf, tr);
         tf += sign * s.df, tr += sign * s.dr) {
      out.push_back({tf, tr});
      if (b.cell[static_cast<std::size_t>(tf)][static_cast<std::size_t>(tr)]) {
        break;
      }
    }
  }
  return out;
}

inline bool side_to_move_in_check(const text_position& b) {
  int kf = 0, kr = 0;
  for (int f = 1; f <= 9; ++f) {
    for (int r = 1; r <= 9; ++r) {
      const auto& p = b.cell[static_cast<std::size_t>(f)][static_cast<std::size_t>(r)];
      if (p && p->letter == 'K' && p->black == b.black_to_move) {
        kf = f;
        kr = r;
      }
    }
  }
  for (int f = 1; f <= 9; ++f) {
    for (int r = 1; r <= 9; ++r) {
      const auto& p = b.cell[static_cast<std::size_t>(f)][static_cast<std::size_t>(r)];
      if (p && p->black != b.black_to_move) {
        for (const step t : attacked_squares(b, f, r)) {
          if (t.df == kf && t.dr == kr) {
            return true;
          }
        }
      }
    }
  }
  return false;
}

/// The plane cell of (file, rank) for the side to move: the board as that
/// side sees it (White's turned around), row by row from its far side, file
/// 9 (its left) first.
inline int picture_cell(const text_position& b, int f, int r) {
  const int vf = b.black_to_move ? f : 10 - f;
  const int vr = b.black_to_move ? r : 10 - r;
  return (vr - 1) * 9 + (9 - vf);
}

// ---- dlshogi (Pgx's table) -------------------------------------------------

/// Pgx's piece ids: P L N S B R G K, then +P +L +N +S +B +R.
inline int pgx_id(const text_piece& p) {
  const std::string plain = "PLNSBRGK";
  if (!p.promoted) {
    return static_cast<int>(plain.find(p.letter));
  }
  const std::string promoted = "PLNSBR";
  return 8 + static_cast<int>(promoted.find(p.letter));
}

inline std::vector<float> dlshogi_planes(const std::string& sfen) {
  const text_position b = parse_sfen(sfen);
  std::vector<float> out(119 * 81, 0.0f);
  std::array<std::array<std::array<int, 10>, 10>, 2> attackers{};  // [mine?0:1][file][rank]
  for (int f = 1; f <= 9; ++f) {
    for (int r = 1; r <= 9; ++r) {
      const auto& p = b.cell[static_cast<std::size_t>(f)][static_cast<std::size_t>(r)];
      if (!p) {
        continue;
      }
      const bool mine = p->black == b.black_to_move;
      const int id = pgx_id(*p);
      out[static_cast<std::size_t>(((mine ? 0 : 31) + id) * 81 + picture_cell(b, f, r))] = 1.0f;
      for (const step t : attacked_squares(b, f, r)) {
        out[static_cast<std::size_t>(((mine ? 14 : 45) + id) * 81 + picture_cell(b, t.df, t.dr))] =
            1.0f;
        ++attackers[mine ? 0 : 1][static_cast<std::size_t>(t.df)][static_cast<std::size_t>(t.dr)];
      }
    }
  }
  for (int side = 0; side < 2; ++side) {
    for (int f = 1; f <= 9; ++f) {
      for (int r = 1; r <= 9; ++r) {
        for (int n = 1; n <= 3; ++n) {
          if (attackers[static_cast<std::size_t>(side)][static_cast<std::size_t>(f)]
                       [static_cast<std::size_t>(r)] >= n) {
            out[static_cast<std::size_t>(((side == 0 ? 28 : 59) + n - 1) * 81 +
                                         picture_cell(b, f, r))] = 1.0f;
          }
        }
      }
    }
  }
  // Hands: P 8 planes, L N S G 4 each, B R 2 each: plane "has >= n".
  const std::array<int, 7> planes_of{8, 4, 4, 4, 4, 2, 2};
  for (int side = 0; side < 2; ++side) {
    const int owner = (side == 0) == b.black_to_move ? 0 : 1;  // side 0: the side to move
    int plane = side == 0 ? 62 : 90;
    for (std::size_t k = 0; k < 7; ++k) {
      for (int n = 1; n <= planes_of[k]; ++n, ++plane) {
        if (b.hand[static_cast<std::size_t>(owner)][k] >= n) {
          for (int c = 0; c < 81; ++c) {
            out[static_cast<std::size_t>(plane * 81 + c)] = 1.0f;
          }
        }
      }
    }
  }
  if (side_to_move_in_check(b)) {
    for (int c = 0; c < 81; ++c) {
      out[static_cast<std::size_t>(118 * 81 + c)] = 1.0f;
    }
  }
  return out;
}

struct usi_move {
  bool drop = false;
  char piece = 0;  // drops
  int from_file = 0, from_rank = 0, to_file = 0, to_rank = 0;
  bool promote = false;
};

inline usi_move read_usi(const std::string& text) {
  usi_move m;
  if (text[1] == '*') {
    m.drop = true;
    m.piece = text[0];
    m.to_file = text[2] - '0';
    m.to_rank = text[3] - 'a' + 1;
    return m;
  }
  m.from_file = text[0] - '0';
  m.from_rank = text[1] - 'a' + 1;
  m.to_file = text[2] - '0';
  m.to_rank = text[3] - 'a' + 1;
  m.promote = text.size() == 5 && text[4] == '+';
  return m;
}

/// dlshogi's label of a USI move: Pgx's direction table walked from the
/// destination (x = file - 1, y = rank - 1, in the mover's view; a
/// direction's (dx, dy) is where the piece came from, relative to where it
/// went), destination (file - 1) * 9 + rank - 1. -1 if none matches.
inline int dlshogi_action(bool black_to_move, const std::string& usi) {
  const usi_move m = read_usi(usi);
  auto view = [&](int v) { return black_to_move ? v : 10 - v; };
  const int tx = view(m.to_file) - 1, ty = view(m.to_rank) - 1;
  const int destination = tx * 9 + ty;
  if (m.drop) {
    const std::string order = "PLNSBRG";
    return (20 + static_cast<int>(order.find(m.piece))) * 81 + destination;
  }
  const int fx = view(m.from_file) - 1, fy = view(m.from_rank) - 1;
  //                              up    upleft  upright  left    right  down     downleft  downright
  //                              up2l    up2r
  const std::array<step, 10> dirs{
      {{0, 1}, {-1, 1}, {1, 1}, {-1, 0}, {1, 0}, {0, -1}, {-1, -1}, {1, -1}, {-1, 2}, {1, 2}}};
  for (int d = 0; d < 10; ++d) {
    const int reach = d >= 8 ? 1 : 8;
    for (int k = 1; k <= reach; ++k) {
      if (tx + k * dirs[static_cast<std::size_t>(d)].df == fx &&
          ty + k * dirs[static_cast<std::size_t>(d)].dr == fy) {
        return (d + (m.promote ? 10 : 0)) * 81 + destination;
      }
    }
  }
  return -1;
}

// ---- AlphaZero ---------------------------------------------------------------

/// tourney's piece_kind order: P L N S G B R K, then +P +L +N +S +B +R.
inline int tourney_kind(const text_piece& p) {
  const std::string plain = "PLNSGBRK";
  if (!p.promoted) {
    return static_cast<int>(plain.find(p.letter));
  }
  const std::string promoted = "PLNSBR";
  return 8 + static_cast<int>(promoted.find(p.letter));
}

inline std::vector<float> alphazero_planes(const std::string& sfen, int earlier_occurrences) {
  const text_position b = parse_sfen(sfen);
  std::vector<float> out(44 * 81, 0.0f);
  for (int f = 1; f <= 9; ++f) {
    for (int r = 1; r <= 9; ++r) {
      const auto& p = b.cell[static_cast<std::size_t>(f)][static_cast<std::size_t>(r)];
      if (p) {
        const bool mine = p->black == b.black_to_move;
        out[static_cast<std::size_t>(((mine ? 0 : 14) + tourney_kind(*p)) * 81 +
                                     picture_cell(b, f, r))] = 1.0f;
      }
    }
  }
  const std::array<int, 7> most{18, 4, 4, 4, 4, 2, 2};
  auto fill = [&](int plane, float value) {
    for (int c = 0; c < 81; ++c) {
      out[static_cast<std::size_t>(plane * 81 + c)] = value;
    }
  };
  const std::size_t mover = b.black_to_move ? 0 : 1;
  for (std::size_t k = 0; k < 7; ++k) {
    fill(28 + static_cast<int>(k),
         static_cast<float>(b.hand[mover][k]) / static_cast<float>(most[k]));
    fill(35 + static_cast<int>(k),
         static_cast<float>(b.hand[1 - mover][k]) / static_cast<float>(most[k]));
  }
  fill(42, b.black_to_move ? 1.0f : 0.0f);
  fill(43, static_cast<float>(earlier_occurrences < 3 ? earlier_occurrences : 3) / 3.0f);
  return out;
}

/// AlphaZero's action of a USI move: every compass direction and distance
/// tried in absolute coordinates (Black's north is rank - 1, its east file -
/// 1; White's directions are Black's negated), then the knight jumps.
inline int alphazero_action(bool black_to_move, const std::string& usi) {
  const usi_move m = read_usi(usi);
  text_position side;
  side.black_to_move = black_to_move;
  if (m.drop) {
    const std::string order = "PLNSGBR";
    return (132 + static_cast<int>(order.find(m.piece))) * 81 +
           picture_cell(side, m.to_file, m.to_rank);
  }
  const int sign = black_to_move ? 1 : -1;
  //                                  N        NE        E        SE       S       SW      W NW
  const std::array<step, 8> compass{
      {{0, -1}, {-1, -1}, {-1, 0}, {-1, 1}, {0, 1}, {1, 1}, {1, 0}, {1, -1}}};
  int plane = -1;
  for (int c = 0; c < 8; ++c) {
    for (int distance = 1; distance <= 8; ++distance) {
      if (m.from_file + sign * distance * compass[static_cast<std::size_t>(c)].df == m.to_file &&
          m.from_rank + sign * distance * compass[static_cast<std::size_t>(c)].dr == m.to_rank) {
        plane = c * 8 + distance - 1;
      }
    }
  }
  const std::array<step, 2> knight{
      {{-1, -2}, {1, -2}}};  // two up and one right, two up and one left
  for (int j = 0; j < 2; ++j) {
    if (m.from_file + sign * knight[static_cast<std::size_t>(j)].df == m.to_file &&
        m.from_rank + sign * knight[static_cast<std::size_t>(j)].dr == m.to_rank) {
      plane = 64 + j;
    }
  }
  if (plane < 0) {
    return -1;
  }
  return (plane + (m.promote ? 66 : 0)) * 81 + picture_cell(side, m.from_file, m.from_rank);
}

// ---- Playouts ---------------------------------------------------------------

/// The SFEN without its move number: what a repetition compares.
inline std::string without_move_number(const std::string& sfen) {
  return sfen.substr(0, sfen.rfind(' '));
}

/// A random playout from the start position of up to max_plies moves; calls
/// visit(pos, history) at every position, history being the moves so far.
template <class Visit>
void playout(std::uint64_t seed, int max_plies, Visit&& visit) {
  std::mt19937_64 rng(seed);
  tourney::shogi::position pos = tourney::shogi::position::startpos();
  std::vector<tourney::shogi::move> history;
  for (int ply = 0; ply < max_plies; ++ply) {
    visit(pos, history);
    const auto moves = pos.legal_moves();
    if (moves.empty()) {
      return;
    }
    const auto m = moves[rng() % moves.size()];
    pos.play(m);
    history.push_back(m);
  }
  visit(pos, history);
}

}  // namespace encoding_oracle

namespace encoding_oracle {

/// "" when equal, else where the first difference is (plane, row, column).
inline std::string first_difference(const std::vector<float>& expected,
                                    const std::vector<float>& actual) {
  if (expected.size() != actual.size()) {
    return "sizes differ: " + std::to_string(expected.size()) + " vs " +
           std::to_string(actual.size());
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (expected[i] != actual[i]) {
      const std::size_t plane = i / 81, cell = i % 81;
      return "plane " + std::to_string(plane) + " row " + std::to_string(cell / 9) + " column " +
             std::to_string(cell % 9) + ": expected " + std::to_string(expected[i]) + ", got " +
             std::to_string(actual[i]);
    }
  }
  return "";
}

}  // namespace encoding_oracle
