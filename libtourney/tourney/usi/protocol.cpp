#include "tourney/usi/protocol.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>

namespace tourney::usi {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::vector<std::string_view> tokenize(std::string_view line) {
  std::vector<std::string_view> tokens;
  tokens.reserve(32);  // an info line with a pv: one allocation, not six
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) {
      ++i;
    }
    auto start = i;
    while (i < line.size() && !is_blank(line[i])) {
      ++i;
    }
    if (i > start) {
      tokens.push_back(line.substr(start, i - start));
    }
  }
  return tokens;
}

/// The line from token `token` (which points into `line`) to its end, trimmed.
std::string rest_of_line(std::string_view line, std::string_view token) {
  auto start = static_cast<std::size_t>(token.data() - line.data());
  auto rest = line.substr(start);
  while (!rest.empty() && is_blank(rest.back())) {
    rest.remove_suffix(1);
  }
  return std::string(rest);
}

template <class Int>
std::optional<Int> to_number(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  Int value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

bool is_info_keyword(std::string_view token) {
  static constexpr std::string_view keywords[] = {
      "depth",          "seldepth",   "time",     "nodes",  "pv",     "multipv",
      "score",          "currmove",   "hashfull", "nps",    "string", "cpuload",
      "currmovenumber", "refutation", "currline", "sbhits", "tbhits"};
  return std::find(std::begin(keywords), std::end(keywords), token) != std::end(keywords);
}

engine_line parse_info(std::string_view line, const std::vector<std::string_view>& tokens) {
  info_line info;
  std::size_t i = 1;
  auto next = [&]() -> std::optional<std::string_view> {
    if (i + 1 < tokens.size()) {
      ++i;
      return tokens[i];
    }
    return std::nullopt;
  };
  for (; i < tokens.size(); ++i) {
    auto key = tokens[i];
    if (key == "string") {
      info.text = i + 1 < tokens.size() ? rest_of_line(line, tokens[i + 1]) : std::string();
      break;
    }
    if (key == "pv" || key == "refutation" || key == "currline") {
      std::vector<std::string> moves;
      while (i + 1 < tokens.size() && !is_info_keyword(tokens[i + 1])) {
        moves.emplace_back(tokens[++i]);
      }
      if (key == "pv") {
        info.pv = std::move(moves);
      }
      continue;
    }
    if (key == "score") {
      auto unit = next();
      auto value = next();
      if (!unit || !value || (*unit != "cp" && *unit != "mate")) {
        continue;
      }
      score s;
      if (*unit == "cp") {
        auto cp = to_number<int>(*value);
        if (!cp) {
          continue;
        }
        s.value = *cp;
      } else {
        s.kind = score::unit::mate;
        if (*value == "+" || *value == "-") {
          s.sign_only = true;
          s.value = *value == "+" ? 1 : -1;
        } else {
          auto plies = to_number<int>(*value);
          if (!plies) {
            continue;
          }
          s.value = *plies;
        }
      }
      while (i + 1 < tokens.size() &&
             (tokens[i + 1] == "lowerbound" || tokens[i + 1] == "upperbound")) {
        (tokens[++i] == "lowerbound" ? s.lowerbound : s.upperbound) = true;
      }
      info.eval = s;
      continue;
    }
    if (key == "currmove") {
      if (auto move = next()) {
        info.currmove = std::string(*move);
      }
      continue;
    }
    if (key == "depth" || key == "seldepth" || key == "multipv" || key == "hashfull") {
      if (auto text = next()) {
        auto value = to_number<int>(*text);
        auto& field = key == "depth"      ? info.depth
                      : key == "seldepth" ? info.seldepth
                      : key == "multipv"  ? info.multipv
                                          : info.hashfull;
        if (value) {
          field = value;
        }
      }
      continue;
    }
    if (key == "nodes" || key == "nps") {
      if (auto text = next()) {
        if (auto value = to_number<std::uint64_t>(*text)) {
          (key == "nodes" ? info.nodes : info.nps) = value;
        }
      }
      continue;
    }
    if (key == "time") {
      if (auto text = next()) {
        info.time_ms = to_number<std::int64_t>(*text);
      }
      continue;
    }
    // Unknown tokens (cpuload 12, a vendor's extension) are skipped one by one.
  }
  return info;
}

engine_line parse_option(std::string_view line, const std::vector<std::string_view>& tokens) {
  auto is_key = [](std::string_view t) {
    return t == "name" || t == "type" || t == "default" || t == "min" || t == "max" || t == "var";
  };
  option_line option;
  std::size_t i = 1;
  auto collect = [&]() {
    std::string value;
    while (i < tokens.size() && !is_key(tokens[i])) {
      if (!value.empty()) {
        value.push_back(' ');
      }
      value.append(tokens[i]);
      ++i;
    }
    return value;
  };
  while (i < tokens.size()) {
    auto key = tokens[i++];
    if (key == "name") {
      option.name = collect();
    } else if (key == "type") {
      option.type = collect();
    } else if (key == "default") {
      option.default_value = collect();
    } else if (key == "min") {
      option.min = collect();
    } else if (key == "max") {
      option.max = collect();
    } else if (key == "var") {
      option.vars.push_back(collect());
    } else {
      return unknown_line{std::string(line)};
    }
  }
  static constexpr std::string_view types[] = {"check",  "spin",   "combo",
                                               "button", "string", "filename"};
  if (option.name.empty() ||
      std::find(std::begin(types), std::end(types), option.type) == std::end(types)) {
    return unknown_line{std::string(line)};
  }
  return option;
}

bool is_file(char c) {
  return c >= '1' && c <= '9';
}
bool is_rank(char c) {
  return c >= 'a' && c <= 'i';
}

}  // namespace

bool is_info_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_blank(line[i])) {
    ++i;
  }
  constexpr std::string_view head = "info";
  return line.substr(i, head.size()) == head && (i + head.size() == line.size() || is_blank(line[i + head.size()]));
}

engine_line parse_engine_line(std::string_view line) {
  auto tokens = tokenize(line);
  if (tokens.empty()) {
    return unknown_line{std::string(line)};
  }
  auto head = tokens[0];
  if (head == "usiok" && tokens.size() == 1) {
    return usiok_line{};
  }
  if (head == "readyok" && tokens.size() == 1) {
    return readyok_line{};
  }
  if (head == "bestmove") {
    bestmove_line best;
    if (tokens.size() >= 2) {
      if (tokens[1] == "resign") {
        best.what = bestmove_line::kind::resign;
      } else if (tokens[1] == "win") {
        best.what = bestmove_line::kind::win;
      } else {
        best.move = std::string(tokens[1]);
      }
      if (tokens.size() >= 4 && tokens[2] == "ponder") {
        best.ponder = std::string(tokens[3]);
      }
    }
    return best;  // "bestmove" alone: an empty move, which is not a move
  }
  if (head == "info") {
    return parse_info(line, tokens);
  }
  if (head == "id" && tokens.size() >= 3) {
    if (tokens[1] == "name") {
      return id_name_line{rest_of_line(line, tokens[2])};
    }
    if (tokens[1] == "author") {
      return id_author_line{rest_of_line(line, tokens[2])};
    }
  }
  if (head == "option") {
    return parse_option(line, tokens);
  }
  if (head == "checkmate" && tokens.size() >= 2) {
    checkmate_line reply;
    if (tokens[1] == "nomate") {
      reply.what = checkmate_line::kind::nomate;
    } else if (tokens[1] == "timeout") {
      reply.what = checkmate_line::kind::timeout;
    } else if (tokens[1] == "notimplemented") {
      reply.what = checkmate_line::kind::notimplemented;
    } else {
      for (std::size_t i = 1; i < tokens.size(); ++i) {
        reply.moves.emplace_back(tokens[i]);
      }
    }
    return reply;
  }
  return unknown_line{std::string(line)};
}

bool is_usi_move(std::string_view text) {
  if (text.size() == 4 && (text[1] == '*' || text[1] == '@')) {
    return std::string_view("PLNSGBR").find(text[0]) != std::string_view::npos &&
           is_file(text[2]) && is_rank(text[3]);
  }
  if (text.size() == 5 && text[4] != '+') {
    return false;
  }
  return (text.size() == 4 || text.size() == 5) && is_file(text[0]) && is_rank(text[1]) &&
         is_file(text[2]) && is_rank(text[3]) &&
         (text[0] != text[2] || text[1] != text[3]);  // a piece that does not move is no move
}

std::string from_engine_notation(std::string_view move) {
  std::string result(move);
  if (result.size() == 4 && result[1] == '@') {
    result[1] = '*';
  }
  return result;
}

std::string to_engine_notation(std::string_view move, char drop_marker) {
  std::string result(move);
  if (result.size() == 4 && result[1] == '*') {
    result[1] = drop_marker;
  }
  return result;
}

std::string position_command(std::string_view sfen, const std::vector<std::string>& moves,
                             char drop_marker) {
  std::string command = "position ";
  if (sfen.empty() || sfen == "startpos" || sfen == startpos_sfen) {
    command += "startpos";
  } else {
    command += "sfen ";
    command += sfen;
  }
  if (!moves.empty()) {
    command += " moves";
    command.reserve(command.size() + moves.size() * 6);
    for (const auto& move : moves) {
      command.push_back(' ');
      const auto at = command.size();
      command += move;
      if (move.size() == 4 && move[1] == '*') {
        command[at + 1] = drop_marker;  // as to_engine_notation, without a copy per move
      }
    }
  }
  return command;
}

std::string go_command(const players::search_limits& limits,
                       const std::vector<std::string>& accepted,
                       std::chrono::milliseconds fallback_byoyomi) {
  auto accepts = [&](std::string_view token) {
    return std::find(accepted.begin(), accepted.end(), token) != accepted.end();
  };
  std::string command = "go";
  auto add = [&](std::string_view token, auto value) {
    command += fmt::format(" {} {}", token, value);
  };
  bool bounded = false;  // something sent makes the engine stop by itself
  bool clock_sent = false;
  bool byoyomi_sent = false;
  bool has_clock_time = limits.black_time.count() > 0 || limits.white_time.count() > 0 ||
                        limits.byoyomi.count() > 0 || limits.black_increment.count() > 0 ||
                        limits.white_increment.count() > 0;
  if (has_clock_time && accepts("btime") && accepts("wtime")) {
    add("btime", limits.black_time.count());
    add("wtime", limits.white_time.count());
    clock_sent = true;
    bounded = limits.black_time.count() > 0 || limits.white_time.count() > 0;
    if (limits.byoyomi.count() > 0 && accepts("byoyomi")) {
      add("byoyomi", limits.byoyomi.count());
      byoyomi_sent = true;
      bounded = true;
    }
    if ((limits.black_increment.count() > 0 || limits.white_increment.count() > 0) &&
        accepts("binc") && accepts("winc")) {
      add("binc", limits.black_increment.count());
      add("winc", limits.white_increment.count());
      bounded = true;
    }
  }
  if (limits.nodes && accepts("nodes")) {
    add("nodes", *limits.nodes);
    bounded = true;
  }
  if (limits.depth && accepts("depth")) {
    add("depth", *limits.depth);
    bounded = true;
  }
  if (limits.movetime && accepts("movetime")) {
    add("movetime", limits.movetime->count());
    bounded = true;
  }
  if (!bounded && !byoyomi_sent && accepts("btime") && accepts("wtime") && accepts("byoyomi")) {
    auto byoyomi = limits.movetime ? *limits.movetime : fallback_byoyomi;
    if (!clock_sent) {
      add("btime", 0);
      add("wtime", 0);
    }
    add("byoyomi", byoyomi.count());
  }
  return command;
}

std::string setoption_command(std::string_view name, const std::optional<std::string>& value) {
  if (!value) {
    return fmt::format("setoption name {}", name);
  }
  return fmt::format("setoption name {} value {}", name, *value);
}

std::string gameover_command(game_result result) {
  switch (result) {
    case game_result::win:
      return "gameover win";
    case game_result::lose:
      return "gameover lose";
    case game_result::draw:
      break;
  }
  return "gameover draw";
}

}  // namespace tourney::usi
