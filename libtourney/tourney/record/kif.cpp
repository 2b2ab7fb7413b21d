#include "tourney/record/kif.hpp"

#include <array>
#include <cstdio>
#include <ctime>

#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"

namespace tourney::record {

using game::reason;
using game::result;
using shogi::color;
using shogi::piece_kind;

namespace {

constexpr std::array<const char*, 10> wide_digits = {"０", "１", "２", "３", "４",
                                                     "５", "６", "７", "８", "９"};
constexpr std::array<const char*, 11> kanji_numbers = {"〇", "一", "二", "三", "四", "五",
                                                       "六", "七", "八", "九", "十"};
constexpr std::array<const char*, shogi::piece_kind_count> piece_names = {
    "歩", "香", "桂", "銀", "金", "角", "飛", "玉", "と", "成香", "成桂", "成銀", "馬", "龍"};
// One full-width cell for the board diagram (promoted lance/knight/silver
// use their one-character forms there).
constexpr std::array<const char*, shogi::piece_kind_count> diagram_names = {
    "歩", "香", "桂", "銀", "金", "角", "飛", "玉", "と", "杏", "圭", "全", "馬", "龍"};
constexpr std::array<piece_kind, 7> hand_order = {
    piece_kind::rook,   piece_kind::bishop, piece_kind::gold, piece_kind::silver,
    piece_kind::knight, piece_kind::lance,  piece_kind::pawn};

std::string kanji_count(int n) {
  if (n <= 10) {
    return kanji_numbers[static_cast<std::size_t>(n)];
  }
  return std::string("十") + kanji_numbers[static_cast<std::size_t>(n - 10)];
}

std::string kif_time(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y/%m/%d %H:%M:%S", &tm);
  return buf;
}

/// Display width: ASCII 1 column, everything else (kanji, full-width) 2.
int display_width(const std::string& text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      width += 1;
      i += 1;
    } else {
      width += 2;
      i += (c >= 0xf0) ? 4 : (c >= 0xe0) ? 3 : 2;
    }
  }
  return width;
}

bool in_zone(color side, shogi::square s) {
  const int rank = shogi::rank_of(s);
  return side == color::black ? rank <= 3 : rank >= 7;
}

std::string hand_text(const shogi::position& pos, color c) {
  std::string out;
  for (const auto kind : hand_order) {
    const int n = pos.hand_count(c, kind);
    if (n > 0) {
      out += piece_names[static_cast<std::size_t>(kind)];
      if (n > 1) {
        out += kanji_count(n);
      }
      out += "　";
    }
  }
  return out.empty() ? "なし" : out;
}

std::string diagram(const shogi::position& pos) {
  std::string out = "後手の持駒：" + hand_text(pos, color::white) + "\n";
  out += "  ９ ８ ７ ６ ５ ４ ３ ２ １\n";
  out += "+---------------------------+\n";
  for (int rank = 1; rank <= 9; ++rank) {
    out += '|';
    for (int file = 9; file >= 1; --file) {
      const auto p = pos.at(shogi::make_square(file, rank));
      if (!p) {
        out += " ・";
      } else {
        out += p->owner == color::white ? 'v' : ' ';
        out += diagram_names[static_cast<std::size_t>(p->kind)];
      }
    }
    out += '|';
    out += kanji_numbers[static_cast<std::size_t>(rank)];
    out += '\n';
  }
  out += "+---------------------------+\n";
  out += "先手の持駒：" + hand_text(pos, color::black) + "\n";
  if (pos.side_to_move() == color::white) {
    out += "後手番\n";
  }
  return out;
}

std::string move_text(const shogi::position& before, shogi::move m,
                      std::optional<shogi::square> previous_to) {
  std::string out;
  const shogi::square to = m.to();
  if (previous_to && *previous_to == to) {
    out += "同　";
  } else {
    out += wide_digits[static_cast<std::size_t>(shogi::file_of(to))];
    out += kanji_numbers[static_cast<std::size_t>(shogi::rank_of(to))];
  }
  if (m.is_drop()) {
    out += piece_names[static_cast<std::size_t>(m.dropped())];
    out += "打";
    return out;
  }
  const auto p = before.at(m.from());
  const piece_kind kind = p ? p->kind : piece_kind::pawn;
  out += piece_names[static_cast<std::size_t>(kind)];
  const color side = before.side_to_move();
  if (m.promotes()) {
    out += "成";
  } else if (shogi::can_promote(kind) && (in_zone(side, m.from()) || in_zone(side, to))) {
    out += "不成";
  }
  out += '(';
  out += static_cast<char>('0' + shogi::file_of(m.from()));
  out += static_cast<char>('0' + shogi::rank_of(m.from()));
  out += ')';
  return out;
}

// A non-negative number right-aligned in `width` with `fill`, as printf's
// %Nd / %0Nd (snprintf cost ~2,000 instructions a call, twice per move).
void append_number(std::string& out, long long value, int width, char fill) {
  char digits[24];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int i = count; i < width; ++i) {
    out += fill;
  }
  while (count > 0) {
    out += digits[--count];
  }
}

std::string time_text(long long move_s, long long total_s) {
  if (move_s < 0 || total_s < 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "(%2lld:%02lld/%02lld:%02lld:%02lld)", move_s / 60, move_s % 60,
                  total_s / 3600, (total_s / 60) % 60, total_s % 60);
    return buf;
  }
  std::string out = "(";
  append_number(out, move_s / 60, 2, ' ');
  out += ':';
  append_number(out, move_s % 60, 2, '0');
  out += '/';
  append_number(out, total_s / 3600, 2, '0');
  out += ':';
  append_number(out, (total_s / 60) % 60, 2, '0');
  out += ':';
  append_number(out, total_s % 60, 2, '0');
  out += ')';
  return out;
}

std::string padded(std::string text, int width) {
  int pad = width - display_width(text);
  if (pad < 1) {
    pad = 1;
  }
  text.append(static_cast<std::size_t>(pad), ' ');
  return text;
}

std::string ply_number(std::size_t n) {
  std::string out;
  append_number(out, static_cast<long long>(n), 4, ' ');
  out += ' ';
  return out;
}

/// The termination written as a move, seen from the side to move.
std::string ending_word(const game_record& rec, color to_move) {
  game::game_end end{rec.result, rec.reason, rec.detail};
  const auto loser = end.loser();
  const bool mover_lost = loser && *loser == to_move;
  if (rec.result == result::error) {
    return "中断";
  }
  switch (rec.reason) {
    case reason::checkmate:
    case reason::no_legal_move:
      return "詰み";
    case reason::resign:
      return "投了";
    case reason::declaration:
      return "入玉勝ち";
    case reason::sennichite:
      return "千日手";
    case reason::max_plies:
      return "持将棋";
    case reason::timeout:
    case reason::stall:
      return mover_lost ? "切れ負け" : "反則勝ち";
    case reason::adjudication:
      return rec.result == result::draw ? "持将棋" : (mover_lost ? "投了" : "反則勝ち");
    case reason::illegal_declaration:
    case reason::perpetual_check:
    case reason::illegal_move:
    case reason::disconnect:
    case reason::error:
    case reason::cancelled:
      return mover_lost ? "反則負け" : "反則勝ち";
  }
  return "中断";
}

std::string summary(const game_record& rec) {
  std::string out = "まで" + std::to_string(rec.plies()) + "手で";
  switch (rec.result) {
    case result::black_win:
      return out + "先手の勝ち";
    case result::white_win:
      return out + "後手の勝ち";
    case result::draw:
      return out + (rec.reason == reason::sennichite ? "千日手" : "持将棋");
    case result::error:
      return out + "中断";
  }
  return out + "中断";
}

}  // namespace

expected<std::string> to_kif(const game_record& rec) {
  auto start = shogi::position::from_sfen(rec.start_sfen);
  if (!start) {
    return fail("kif: start position: " + start.error().message);
  }
  std::string out = "#KIF version=2.0 encoding=UTF-8\n";
  if (!rec.game_id.empty()) {
    out += "#game_id: " + one_line(rec.game_id) + "\n";
  }
  if (rec.start_time.time_since_epoch().count() != 0) {
    out += "開始日時：" + kif_time(rec.start_time) + "\n";
  }
  if (rec.end_time.time_since_epoch().count() != 0) {
    out += "終了日時：" + kif_time(rec.end_time) + "\n";
  }
  if (is_startpos_sfen(rec.start_sfen)) {
    out += "手合割：平手\n";
  } else {
    out += diagram(*start);
  }
  out += "先手：" + one_line(rec.black) + "\n";
  out += "後手：" + one_line(rec.white) + "\n";
  out += "手数----指手---------消費時間--\n";
  shogi::position pos = *start;
  std::optional<shogi::square> previous_to;
  long long totals[2] = {0, 0};
  for (std::size_t i = 0; i < rec.moves.size(); ++i) {
    const shogi::move m = rec.moves[i].move;
    if (!pos.is_legal(m)) {
      return fail("kif: move " + std::to_string(i + 1) + " (" + shogi::to_usi(m) +
                  ") is illegal in " + pos.to_sfen());
    }
    const long long secs = rec.moves[i].elapsed.count() / 1000;
    long long& total = totals[static_cast<int>(pos.side_to_move())];
    total += secs;
    out += ply_number(i + 1) + padded(move_text(pos, m, previous_to), 13) + time_text(secs, total) +
           "\n";
    previous_to = m.to();
    pos.play(m);
  }
  out += ply_number(rec.moves.size() + 1) + ending_word(rec, pos.side_to_move()) + "\n";
  out += summary(rec) + "\n";
  out += "#" + result_comment(rec) + "\n";
  return out;
}

}  // namespace tourney::record
