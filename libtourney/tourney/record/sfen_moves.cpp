#include "tourney/record/sfen_moves.hpp"

#include <sstream>

#include "tourney/record/game_record.hpp"
#include "tourney/shogi/notation.hpp"

namespace tourney::record {

namespace {

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) {
      ++i;
    }
    std::size_t j = i;
    while (j < text.size() &&
           !(text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n')) {
      ++j;
    }
    if (j > i) {
      tokens.emplace_back(text.substr(i, j - i));
    }
    i = j;
  }
  return tokens;
}

}  // namespace

expected<position_line> parse_position_line(std::string_view text, bool allow_at_drop) {
  const auto tokens = split(text);
  std::size_t i = 0;
  if (i < tokens.size() && tokens[i] == "position") {
    ++i;
  }
  if (i >= tokens.size()) {
    return fail("position line: empty (expected 'startpos' or 'sfen <sfen>')");
  }
  position_line line;
  if (tokens[i] == "startpos") {
    line.start = shogi::position::startpos();
    ++i;
  } else {
    if (tokens[i] == "sfen") {
      ++i;
    } else if (tokens[i].find('/') == std::string::npos) {
      return fail("position line: expected 'startpos', 'sfen' or an SFEN board, got '" + tokens[i] +
                  "'");
    }
    std::string sfen;
    std::size_t fields = 0;
    while (i < tokens.size() && tokens[i] != "moves" && fields < 4) {
      sfen += (fields == 0 ? "" : " ") + tokens[i];
      ++fields;
      ++i;
    }
    if (fields < 3) {
      return fail("position line: incomplete SFEN '" + sfen + "' (expected board, side and hands)");
    }
    auto pos = shogi::position::from_sfen(sfen);
    if (!pos) {
      return fail("position line: " + pos.error().message);
    }
    line.start = *pos;
  }
  line.start_sfen = line.start.to_sfen();
  line.end = line.start;
  if (i < tokens.size()) {
    if (tokens[i] != "moves") {
      return fail("position line: expected 'moves' after the position, got '" + tokens[i] + "'");
    }
    ++i;
  }
  line.moves.reserve(tokens.size() - i);
  for (std::size_t n = 1; i < tokens.size(); ++i, ++n) {
    auto m = shogi::parse_legal_usi_move(line.end, tokens[i], allow_at_drop);
    if (!m) {
      return fail("position line: move " + std::to_string(n) + " (" + tokens[i] +
                  "): " + m.error().message);
    }
    line.end.play(*m);
    line.moves.push_back(*m);
  }
  return line;
}

std::string format_position_line(const std::string& start_sfen,
                                 const std::vector<shogi::move>& moves) {
  std::string out = is_startpos_sfen(start_sfen) ? "startpos" : "sfen " + start_sfen;
  if (!moves.empty()) {
    out += " moves";
    for (const auto m : moves) {
      out += ' ';
      out += shogi::to_usi(m);
    }
  }
  return out;
}

}  // namespace tourney::record
