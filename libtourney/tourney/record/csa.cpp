#include "tourney/record/csa.hpp"

#include <array>
#include <ctime>

#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"

namespace tourney::record {

using game::reason;
using game::result;
using shogi::color;

namespace {

constexpr std::array<const char*, shogi::piece_kind_count> csa_names = {
    "FU", "KY", "KE", "GI", "KI", "KA", "HI", "OU", "TO", "NY", "NK", "NG", "UM", "RY"};

// CSA hand order: rook, bishop, gold, silver, knight, lance, pawn.
constexpr std::array<shogi::piece_kind, 7> hand_order = {
    shogi::piece_kind::rook,   shogi::piece_kind::bishop, shogi::piece_kind::gold,
    shogi::piece_kind::silver, shogi::piece_kind::knight, shogi::piece_kind::lance,
    shogi::piece_kind::pawn};

std::string csa_time(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y/%m/%d %H:%M:%S", &tm);
  return buf;
}

char sign(color c) {
  return c == color::black ? '+' : '-';
}

std::string board_lines(const shogi::position& pos) {
  std::string out;
  for (int rank = 1; rank <= 9; ++rank) {
    out += 'P';
    out += static_cast<char>('0' + rank);
    for (int file = 9; file >= 1; --file) {
      const auto p = pos.at(shogi::make_square(file, rank));
      if (!p) {
        out += " * ";
      } else {
        out += sign(p->owner);
        out += csa_names[static_cast<std::size_t>(p->kind)];
      }
    }
    out += '\n';
  }
  for (const color c : {color::black, color::white}) {
    std::string hand;
    for (const auto kind : hand_order) {
      for (int n = pos.hand_count(c, kind); n > 0; --n) {
        hand += "00";
        hand += csa_names[static_cast<std::size_t>(kind)];
      }
    }
    if (!hand.empty()) {
      out += 'P';
      out += sign(c);
      out += hand;
      out += '\n';
    }
  }
  return out;
}

/// The special move that ends the record; `to_move` is the side to move in
/// the final position.
std::string ending(const game_record& rec, color to_move) {
  game::game_end end{rec.result, rec.reason, rec.detail};
  const auto loser = end.loser();
  // The loser is not the side to move (perpetual check, a fault while the
  // opponent thinks): V2.2 names the offending side.
  auto loss_by = [&](const char* when_to_move) -> std::string {
    if (!loser || *loser == to_move) {
      return when_to_move;
    }
    return std::string("%") + sign(*loser) + "ILLEGAL_ACTION";
  };
  if (rec.result == result::error) {
    return rec.reason == reason::cancelled ? "%CHUDAN" : "%ERROR";
  }
  switch (rec.reason) {
    case reason::checkmate:
    case reason::no_legal_move:
      return "%TSUMI";
    case reason::resign:
      return loss_by("%TORYO");
    case reason::declaration:
      return "%KACHI";
    case reason::illegal_declaration:
    case reason::illegal_move:
      return loss_by("%ILLEGAL_MOVE");
    case reason::sennichite:
      return "%SENNICHITE";
    case reason::perpetual_check:
      return loss_by("%ILLEGAL_MOVE");
    case reason::max_plies:
      return "%MAX_MOVES";
    case reason::timeout:
    case reason::stall:
      return loss_by("%TIME_UP");
    case reason::adjudication:
      return rec.result == result::draw ? "%HIKIWAKE" : loss_by("%TORYO");
    case reason::disconnect:
    case reason::error:
    case reason::cancelled:
      return loser ? loss_by("%TORYO") : "%CHUDAN";
  }
  return "%ERROR";
}

}  // namespace

expected<std::string> to_csa(const game_record& rec) {
  auto start = shogi::position::from_sfen(rec.start_sfen);
  if (!start) {
    return fail("csa: start position: " + start.error().message);
  }
  std::string out = "V2.2\n";
  out += "N+" + one_line(rec.black) + "\n";
  out += "N-" + one_line(rec.white) + "\n";
  if (rec.start_time.time_since_epoch().count() != 0) {
    out += "$START_TIME:" + csa_time(rec.start_time) + "\n";
  }
  if (rec.end_time.time_since_epoch().count() != 0) {
    out += "$END_TIME:" + csa_time(rec.end_time) + "\n";
  }
  if (!rec.game_id.empty()) {
    out += "'game_id: " + one_line(rec.game_id) + "\n";
  }
  if (is_startpos_sfen(rec.start_sfen)) {
    out += "PI\n";
  } else {
    out += board_lines(*start);
  }
  out += sign(start->side_to_move());
  out += '\n';
  shogi::position pos = *start;
  for (std::size_t i = 0; i < rec.moves.size(); ++i) {
    const shogi::move m = rec.moves[i].move;
    if (!pos.is_legal(m)) {
      return fail("csa: move " + std::to_string(i + 1) + " (" + shogi::to_usi(m) +
                  ") is illegal in " + pos.to_sfen());
    }
    out += shogi::to_csa(pos, m);
    out += "\nT" + std::to_string(rec.moves[i].elapsed.count() / 1000) + "\n";
    pos.play(m);
  }
  out += ending(rec, pos.side_to_move()) + "\n";
  if (rec.reason == reason::perpetual_check) {
    out += "'OUTE_SENNICHITE\n";
  }
  out += "'" + result_comment(rec) + "\n";
  return out;
}

}  // namespace tourney::record
