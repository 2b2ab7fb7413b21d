// USI line parsing and command building. Engine lines are the transcripts in
// docs/shogi.md section 2.1 (fairy-stockfish 11.1 and gpsusi
// r3033 as run on Debian 12); expected commands follow the USI document
// (section 7 there) and the gpsusi deviations measured in section 2.
#include "tourney/usi/protocol.hpp"

#include <boost/test/unit_test.hpp>

#include "tourney/shogi/notation.hpp"

using namespace tourney::usi;
using namespace std::chrono_literals;

namespace {

template <class T>
const T& as(const engine_line& line) {
  BOOST_REQUIRE_MESSAGE(std::holds_alternative<T>(line),
                        "unexpected line kind, index " << line.index());
  return std::get<T>(line);
}

bool is_unknown(std::string_view text) {
  return std::holds_alternative<unknown_line>(parse_engine_line(text));
}

const std::vector<std::string> all_tokens{"btime", "wtime", "byoyomi", "binc",
                                          "winc",  "nodes", "depth",   "movetime"};
const std::vector<std::string> gpsusi_tokens{"btime", "wtime", "byoyomi"};

}  // namespace

BOOST_AUTO_TEST_SUITE(usi_protocol)

BOOST_AUTO_TEST_CASE(fairy_stockfish_handshake_lines) {
  BOOST_TEST(as<id_name_line>(parse_engine_line("id name Fairy-Stockfish 11.1 LB 64")).name ==
             "Fairy-Stockfish 11.1 LB 64");
  BOOST_TEST(as<id_author_line>(parse_engine_line("id author Fabian Fichter")).author ==
             "Fabian Fichter");
  auto option = as<option_line>(parse_engine_line(
      "option name Protocol type combo default usi var uci var usi var ucci var xboard"));
  BOOST_TEST(option.name == "Protocol");
  BOOST_TEST(option.type == "combo");
  BOOST_TEST(option.default_value.value_or("") == "usi");
  BOOST_TEST((option.vars == std::vector<std::string>{"uci", "usi", "ucci", "xboard"}));
  as<usiok_line>(parse_engine_line("usiok"));
  as<readyok_line>(parse_engine_line("readyok"));
  // The banner FS prints before `id name` is not a protocol line.
  BOOST_TEST(is_unknown("Fairy-Stockfish 11.1 LB 64 by Fabian Fichter"));
}

BOOST_AUTO_TEST_CASE(gpsusi_handshake_lines) {
  BOOST_TEST(
      as<id_name_line>(parse_engine_line("id name gpsshogi (smp) vm r3033 wordsize 64 gcc 12.2.0"))
          .name == "gpsshogi (smp) vm r3033 wordsize 64 gcc 12.2.0");
  BOOST_TEST(as<id_author_line>(parse_engine_line("id author teamgps")).author == "teamgps");
  auto option = as<option_line>(
      parse_engine_line("option name LimitDepth type spin default 10 min 4 max 10"));
  BOOST_TEST(option.name == "LimitDepth");
  BOOST_TEST(option.type == "spin");
  BOOST_TEST(option.default_value.value_or("") == "10");
  BOOST_TEST(option.min.value_or("") == "4");
  BOOST_TEST(option.max.value_or("") == "10");
  BOOST_TEST(is_unknown("terminate called after throwing an instance of 'std::runtime_error'"));
  BOOST_TEST(is_unknown("unknown option in go nodes"));
}

BOOST_AUTO_TEST_CASE(bestmove_forms) {
  auto best = as<bestmove_line>(parse_engine_line("bestmove 7i7h ponder 1c1d"));
  BOOST_TEST((best.what == bestmove_line::kind::move));
  BOOST_TEST(best.move == "7i7h");
  BOOST_TEST(best.ponder.value_or("") == "1c1d");
  best = as<bestmove_line>(parse_engine_line("bestmove B*4e ponder B*5d"));
  BOOST_TEST(best.move == "B*4e");
  best = as<bestmove_line>(parse_engine_line("bestmove 8h2b+"));
  BOOST_TEST(best.move == "8h2b+");
  BOOST_TEST(!best.ponder);
  BOOST_TEST((as<bestmove_line>(parse_engine_line("bestmove resign")).what ==
              bestmove_line::kind::resign));
  BOOST_TEST(
      (as<bestmove_line>(parse_engine_line("bestmove win")).what == bestmove_line::kind::win));
  // Sjaak II's drops.
  BOOST_TEST(as<bestmove_line>(parse_engine_line("bestmove B@5e ponder B@6e")).move == "B@5e");
  // A bare bestmove is a (malformed) bestmove: an empty move that is not a move.
  best = as<bestmove_line>(parse_engine_line("bestmove"));
  BOOST_TEST(!is_usi_move(best.move));
  // Extra blanks and CRLF.
  BOOST_TEST(as<bestmove_line>(parse_engine_line("bestmove   2g2f \r")).move == "2g2f");
}

BOOST_AUTO_TEST_CASE(is_info_line_agrees_with_the_parser) {
  for (std::string_view line : {"info depth 1", "info", "  info string x", "\tinfo\tdepth 2", "info\r",
                                "infos depth 1", "information", "bestmove 7g7f", "", "   ", "xinfo depth 1",
                                "id name info"}) {
    const bool parsed_as_info = std::holds_alternative<info_line>(parse_engine_line(line));
    BOOST_TEST(is_info_line(line) == parsed_as_info, "line \"" << line << "\"");
  }
  BOOST_TEST(is_info_line("info depth 1"));
  BOOST_TEST(!is_info_line("infos depth 1"));
}

BOOST_AUTO_TEST_CASE(info_lines) {
  // Fairy-Stockfish in a mated position.
  auto info = as<info_line>(parse_engine_line("info depth 0 score mate 0"));
  BOOST_TEST(info.depth.value_or(-1) == 0);
  BOOST_REQUIRE(info.eval);
  BOOST_TEST((info.eval->kind == score::unit::mate));
  BOOST_TEST(info.eval->value == 0);

  info =
      as<info_line>(parse_engine_line("info depth 12 seldepth 17 multipv 1 score cp -35 upperbound "
                                      "nodes 123456 nps 654321 hashfull 12 "
                                      "time 188 pv 2g2f 4c4d 2f2e"));
  BOOST_TEST(info.depth.value_or(0) == 12);
  BOOST_TEST(info.seldepth.value_or(0) == 17);
  BOOST_TEST(info.multipv.value_or(0) == 1);
  BOOST_REQUIRE(info.eval);
  BOOST_TEST((info.eval->kind == score::unit::cp));
  BOOST_TEST(info.eval->value == -35);
  BOOST_TEST(info.eval->upperbound);
  BOOST_TEST(!info.eval->lowerbound);
  BOOST_TEST(info.nodes.value_or(0) == 123456u);
  BOOST_TEST(info.nps.value_or(0) == 654321u);
  BOOST_TEST(info.hashfull.value_or(0) == 12);
  BOOST_TEST(info.time_ms.value_or(0) == 188);
  BOOST_TEST((info.pv == std::vector<std::string>{"2g2f", "4c4d", "2f2e"}));

  info = as<info_line>(parse_engine_line("info score mate -5 lowerbound pv 5a4b"));
  BOOST_TEST(info.eval->value == -5);
  BOOST_TEST(info.eval->lowerbound);
  info = as<info_line>(parse_engine_line("info score mate + pv G*5b"));
  BOOST_TEST(info.eval->sign_only);
  BOOST_TEST(info.eval->value == 1);
  info = as<info_line>(parse_engine_line("info score mate +7"));
  BOOST_TEST(info.eval->value == 7);

  // A pv that is not last ends at the next keyword.
  info = as<info_line>(parse_engine_line("info pv 7g7f 3c3d nodes 10 depth 2"));
  BOOST_TEST((info.pv == std::vector<std::string>{"7g7f", "3c3d"}));
  BOOST_TEST(info.nodes.value_or(0) == 10u);
  BOOST_TEST(info.depth.value_or(0) == 2);

  // gpsusi's string: the rest of the line, keywords included.
  info = as<info_line>(parse_engine_line("info string loss by checkmate depth 3"));
  BOOST_TEST(info.text.value_or("") == "loss by checkmate depth 3");
  BOOST_TEST(!info.depth);

  // Malformed values are skipped field by field; the line is still info.
  info =
      as<info_line>(parse_engine_line("info depth x nodes 5 score cp abc time -3 currmove 7g7f"));
  BOOST_TEST(!info.depth);
  BOOST_TEST(info.nodes.value_or(0) == 5u);
  BOOST_TEST(!info.eval);
  BOOST_TEST(info.time_ms.value_or(0) == -3);
  BOOST_TEST(info.currmove.value_or("") == "7g7f");
  info = as<info_line>(parse_engine_line("info score"));
  BOOST_TEST(!info.eval);
  info = as<info_line>(parse_engine_line("info nodes 99999999999999999999999"));
  BOOST_TEST(!info.nodes);
}

BOOST_AUTO_TEST_CASE(checkmate_replies) {
  auto mate = as<checkmate_line>(parse_engine_line("checkmate G*5b"));
  BOOST_TEST((mate.what == checkmate_line::kind::mate));
  BOOST_TEST((mate.moves == std::vector<std::string>{"G*5b"}));
  BOOST_TEST((as<checkmate_line>(parse_engine_line("checkmate nomate")).what ==
              checkmate_line::kind::nomate));
  BOOST_TEST((as<checkmate_line>(parse_engine_line("checkmate timeout")).what ==
              checkmate_line::kind::timeout));
  BOOST_TEST((as<checkmate_line>(parse_engine_line("checkmate notimplemented")).what ==
              checkmate_line::kind::notimplemented));
}

BOOST_AUTO_TEST_CASE(garbage_is_unknown_never_an_error) {
  for (std::string_view text :
       {"", "   ", "\t", "usiok please", "readyok 1", "id", "id name", "id foo bar", "option",
        "option name", "option name X", "option type spin", "option name X type spin bogus 3",
        "checkmate", "bestmovex 7g7f", "Bad move B*4e in movelist!", "delay go (0)",
        "\x01\x02\xff\xfe"}) {
    BOOST_TEST_CONTEXT("line \"" << text << "\"") {
      BOOST_TEST(is_unknown(text));
    }
  }
  std::string huge(100000, 'x');
  BOOST_TEST(is_unknown(huge));
  std::string nul_inside("bestmove 7g\0f", 13);
  BOOST_TEST(!is_usi_move(std::get<bestmove_line>(parse_engine_line(nul_inside)).move));
}

BOOST_AUTO_TEST_CASE(usi_move_syntax) {
  for (std::string_view good : {"7g7f", "8h2b+", "1a9i", "P*3d", "B*4e", "R*9a", "L@1i", "B@5e"}) {
    BOOST_TEST(is_usi_move(good), good);
  }
  for (std::string_view bad :
       {"", "7g7", "7g7f7", "7g7f=", "0a1b", "7j7f", "K*5e", "+*5e", "P*0e", "p*3d", "P*3d+",
        "+7776FU", "77-76", "c3c4", "resign", "7G7F", "P#3d"}) {
    BOOST_TEST(!is_usi_move(bad), bad);
  }
  BOOST_TEST(from_engine_notation("B@5e") == "B*5e");
  BOOST_TEST(from_engine_notation("7g7f") == "7g7f");
  BOOST_TEST(to_engine_notation("B*5e", '@') == "B@5e");
  BOOST_TEST(to_engine_notation("8h2b+", '@') == "8h2b+");
  BOOST_TEST(to_engine_notation("B*5e", '*') == "B*5e");
}

BOOST_AUTO_TEST_CASE(move_syntax_agrees_with_the_rules_core) {
  // Differential: every 4/5-character string over the alphabets around the
  // valid ones, against shogi::parse_usi_move (written independently, by the
  // rules core). Agreement means a move the session passes on always parses.
  const std::string files = "0123456789";
  const std::string ranks = "`abcdefghij";
  const std::string pieces = "PLNSGBRKpx+";
  long checked = 0;
  auto agree = [&](const std::string& text) {
    ++checked;
    bool mine = is_usi_move(text);
    bool rules = tourney::shogi::parse_usi_move(text, true).has_value();
    if (mine != rules) {
      BOOST_ERROR("\"" << text << "\": is_usi_move " << mine << ", parse_usi_move " << rules);
    }
  };
  for (char a : files) {
    for (char b : ranks) {
      for (char c : files) {
        for (char d : ranks) {
          std::string text{a, b, c, d};
          agree(text);
          agree(text + "+");
          agree(text + "=");
        }
      }
    }
  }
  for (char piece : pieces) {
    for (char marker : std::string("*@#")) {
      for (char c : files) {
        for (char d : ranks) {
          std::string text{piece, marker, c, d};
          agree(text);
          agree(text + "+");
        }
      }
    }
  }
  BOOST_TEST(checked == 43560);
}

BOOST_AUTO_TEST_CASE(position_commands) {
  BOOST_TEST(position_command("", {}) == "position startpos");
  BOOST_TEST(position_command("startpos", {"7g7f", "3c3d"}) == "position startpos moves 7g7f 3c3d");
  BOOST_TEST(position_command(startpos_sfen, {"7g7f"}) == "position startpos moves 7g7f");
  BOOST_TEST(position_command("4k4/9/4P4/9/9/9/9/9/4K4 b G2r2b3g4s4n4l17p 1", {}) ==
             "position sfen 4k4/9/4P4/9/9/9/9/9/4K4 b G2r2b3g4s4n4l17p 1");
  // Sjaak II reads only '@' drops (docs/shogi.md 2.1).
  std::vector<std::string> moves{"7g7f", "3c3d", "8h2b+", "3a2b", "B*4e"};
  BOOST_TEST(position_command("", moves, '@') ==
             "position startpos moves 7g7f 3c3d 8h2b+ 3a2b B@4e");
  BOOST_TEST(position_command("", moves, '*') ==
             "position startpos moves 7g7f 3c3d 8h2b+ 3a2b B*4e");
}

BOOST_AUTO_TEST_CASE(go_commands_for_a_full_usi_engine) {
  tourney::players::search_limits limits;
  limits.nodes = 1000;
  BOOST_TEST(go_command(limits, all_tokens, 500ms) == "go nodes 1000");
  limits = {};
  limits.depth = 5;
  BOOST_TEST(go_command(limits, all_tokens, 500ms) == "go depth 5");
  limits = {};
  limits.movetime = 200ms;
  BOOST_TEST(go_command(limits, all_tokens, 500ms) == "go movetime 200");
  limits = {};
  limits.byoyomi = 300ms;
  BOOST_TEST(go_command(limits, all_tokens, 500ms) == "go btime 0 wtime 0 byoyomi 300");
  limits = {};
  limits.black_time = 10000ms;
  limits.white_time = 10000ms;
  limits.black_increment = 100ms;
  limits.white_increment = 100ms;
  BOOST_TEST(go_command(limits, all_tokens, 500ms) ==
             "go btime 10000 wtime 10000 binc 100 winc 100");
  limits = {};
  limits.black_time = 60000ms;
  limits.white_time = 59000ms;
  limits.byoyomi = 1000ms;
  BOOST_TEST(go_command(limits, all_tokens, 500ms) == "go btime 60000 wtime 59000 byoyomi 1000");
}

BOOST_AUTO_TEST_CASE(go_commands_for_gpsusi) {
  // gpsusi dies on nodes/depth/movetime/binc/winc (docs/shogi.md 2): its node cap
  // comes from --node-count-hard-limit, and a byoyomi makes it stop.
  tourney::players::search_limits limits;
  limits.nodes = 5000;
  BOOST_TEST(go_command(limits, gpsusi_tokens, 2500ms) == "go btime 0 wtime 0 byoyomi 2500");
  limits = {};
  limits.depth = 4;
  BOOST_TEST(go_command(limits, gpsusi_tokens, 2500ms) == "go btime 0 wtime 0 byoyomi 2500");
  limits = {};
  limits.movetime = 200ms;
  BOOST_TEST(go_command(limits, gpsusi_tokens, 2500ms) == "go btime 0 wtime 0 byoyomi 200");
  limits = {};
  limits.byoyomi = 1000ms;
  BOOST_TEST(go_command(limits, gpsusi_tokens, 2500ms) == "go btime 0 wtime 0 byoyomi 1000");
  limits = {};
  limits.black_time = 2000ms;
  limits.white_time = 2000ms;
  BOOST_TEST(go_command(limits, gpsusi_tokens, 2500ms) == "go btime 2000 wtime 2000");
  limits.black_increment = 100ms;
  limits.white_increment = 100ms;
  BOOST_TEST(go_command(limits, gpsusi_tokens, 2500ms) == "go btime 2000 wtime 2000");
  // Increments it cannot take: the clock goes out, and a byoyomi bounds the search.
  limits = {};
  limits.black_increment = 100ms;
  limits.white_increment = 100ms;
  BOOST_TEST(go_command(limits, gpsusi_tokens, 2500ms) == "go btime 0 wtime 0 byoyomi 2500");
  // An engine that takes no clock tokens at all gets a bare go.
  BOOST_TEST(go_command(tourney::players::search_limits{}, {"nodes"}, 2500ms) == "go");
}

BOOST_AUTO_TEST_CASE(other_commands) {
  BOOST_TEST(setoption_command("BookDepth", std::string("0")) ==
             "setoption name BookDepth value 0");
  BOOST_TEST(setoption_command("Clear_Hash", std::nullopt) == "setoption name Clear_Hash");
  BOOST_TEST(gameover_command(game_result::win) == "gameover win");
  BOOST_TEST(gameover_command(game_result::lose) == "gameover lose");
  BOOST_TEST(gameover_command(game_result::draw) == "gameover draw");
  BOOST_TEST(usi_command == "usi");
  BOOST_TEST(isready_command == "isready");
  BOOST_TEST(usinewgame_command == "usinewgame");
  BOOST_TEST(stop_command == "stop");
  BOOST_TEST(quit_command == "quit");
}

BOOST_AUTO_TEST_SUITE_END()
