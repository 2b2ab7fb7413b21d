// engine_session driven by scripted event sequences: every fault without a
// process and without waiting. Engine lines follow the transcripts in
// docs/shogi.md 2.1; expected commands the USI document (ibid. 7).
#include "tourney/usi/engine_session.hpp"

#include <boost/test/unit_test.hpp>
#include <csignal>

using namespace tourney::usi;
using namespace std::chrono_literals;
using strings = std::vector<std::string>;
using tourney::players::search_limits;

namespace {

strings sent(const session_actions& actions) {
  strings lines;
  for (const auto& action : actions) {
    if (const auto* line = std::get_if<send_line>(&action)) {
      lines.push_back(line->line);
    }
  }
  return lines;
}

template <class T>
std::vector<T> all(const session_actions& actions) {
  std::vector<T> found;
  for (const auto& action : actions) {
    if (const auto* item = std::get_if<T>(&action)) {
      found.push_back(*item);
    }
  }
  return found;
}

template <class T>
T only(const session_actions& actions) {
  auto found = all<T>(actions);
  BOOST_REQUIRE_EQUAL(found.size(), 1u);
  return found.front();
}

session_actions ok(tourney::expected<session_actions> actions) {
  BOOST_REQUIRE_MESSAGE(actions.has_value(), (actions ? "" : actions.error().message));
  return std::move(*actions);
}

session_actions feed(engine_session& session, std::initializer_list<std::string> lines) {
  session_actions out;
  for (auto line : lines) {
    auto more = session.on_line(line);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

session_config fake_config() {
  session_config config;
  config.name = "fs";
  config.command = "/usr/games/fairy-stockfish";
  config.log_path = "/tmp/t/fs.stderr.log";
  config.options = {{"USI_Hash", "16"}, {"Threads", "1"}};
  config.profile.startup_timeout = 10000ms;
  config.profile.isready_timeout = 3000ms;
  config.profile.quit_timeout = 500ms;
  config.stop_grace = 250ms;
  config.exit_grace = 250ms;
  config.term_grace = 250ms;
  return config;
}

search_limits nodes(std::uint64_t n) {
  search_limits limits;
  limits.nodes = n;
  return limits;
}

/// A session through start-up to idle.
engine_session started(session_config config = fake_config()) {
  engine_session session(std::move(config));
  ok(session.start());
  feed(session, {"id name Fairy-Stockfish 11.1 LB 64", "usiok", "readyok"});
  BOOST_REQUIRE((session.current_phase() == engine_session::phase::idle));
  return session;
}

/// A session thinking on the start position.
engine_session thinking(session_config config = fake_config()) {
  auto session = started(std::move(config));
  ok(session.go("", {}, nodes(1000), 5000ms));
  return session;
}

timer_id timer_of(const session_actions& actions) {
  return only<arm_timer>(actions).id;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(usi_engine_session)

BOOST_AUTO_TEST_CASE(full_cycle_handshake_new_game_move_gameover_quit) {
  engine_session session(fake_config());
  auto out = ok(session.start());
  BOOST_TEST((sent(out) == strings{"usi"}));
  BOOST_TEST(only<arm_timer>(out).after.count() == 10000);

  out = feed(session, {"Fairy-Stockfish 11.1 LB 64 by Fabian Fichter",
                       "id name Fairy-Stockfish 11.1 LB 64", "id author Fabian Fichter",
                       "option name USI_Hash type spin default 16 min 1 max 1024"});
  BOOST_TEST(out.empty());
  out = feed(session, {"usiok"});
  BOOST_TEST((sent(out) == strings{"setoption name USI_Hash value 16",
                                   "setoption name Threads value 1", "isready"}));
  BOOST_TEST(only<arm_timer>(out).after.count() == 3000);
  out = feed(session, {"readyok"});
  BOOST_TEST(only<engine_ready>(out).engine_name == "Fairy-Stockfish 11.1 LB 64");
  BOOST_TEST(session.engine_name() == "Fairy-Stockfish 11.1 LB 64");

  out = ok(session.new_game());
  BOOST_TEST((sent(out) == strings{"usinewgame", "isready"}));
  BOOST_TEST(only<arm_timer>(out).after.count() == 3000);
  BOOST_TEST(all<engine_ready>(feed(session, {"readyok"})).size() == 1u);

  out = ok(session.go("", {"7g7f", "3c3d"}, nodes(1000), 5000ms));
  BOOST_TEST((sent(out) == strings{"position startpos moves 7g7f 3c3d", "go nodes 1000"}));
  BOOST_TEST(only<arm_timer>(out).after.count() == 5000);
  BOOST_TEST((session.current_phase() == engine_session::phase::thinking));
  out = feed(
      session,
      {"info depth 4 seldepth 6 multipv 1 score cp 20 nodes 800 nps 100000 time 8 pv 2g2f 8c8d",
       "info depth 5 seldepth 7 multipv 1 score cp 31 lowerbound nodes 1000 time 10 pv 2g2f 4c4d",
       "bestmove 2g2f ponder 4c4d"});
  auto decision = only<engine_decided>(out).decision;
  BOOST_TEST((decision.what == bestmove_line::kind::move));
  BOOST_TEST(decision.move == "2g2f");
  BOOST_TEST(decision.ponder.value_or("") == "4c4d");
  BOOST_TEST(decision.info.depth.value_or(0) == 5);
  BOOST_TEST(decision.info.seldepth.value_or(0) == 7);
  BOOST_TEST(decision.info.nodes.value_or(0) == 1000u);
  BOOST_TEST(decision.info.time_ms.value_or(0) == 10);
  BOOST_REQUIRE(decision.info.eval);
  BOOST_TEST(decision.info.eval->value == 31);
  BOOST_TEST(decision.info.eval->lowerbound);
  BOOST_TEST((decision.info.pv == strings{"2g2f", "4c4d"}));
  BOOST_TEST((session.current_phase() == engine_session::phase::idle));

  BOOST_TEST((sent(ok(session.game_over(game_result::win))) == strings{"gameover win"}));
  out = session.shutdown();
  BOOST_TEST((sent(out) == strings{"quit"}));
  BOOST_TEST(only<arm_timer>(out).after.count() == 500);
  BOOST_TEST(session.on_eof().empty());
  out = session.on_exit(exit_status{false, 0, 0});
  auto exited = only<engine_exited>(out);
  BOOST_TEST(exited.clean);
  BOOST_TEST(all<engine_fault>(out).empty());
  BOOST_TEST((session.current_phase() == engine_session::phase::exited));
  BOOST_TEST(session.on_line("bestmove 7g7f").empty());
  BOOST_TEST(session.on_exit(exit_status{}).empty());
}

BOOST_AUTO_TEST_CASE(timer_of_a_finished_step_is_ignored) {
  engine_session session(fake_config());
  auto startup_timer = timer_of(ok(session.start()));
  auto out = feed(session, {"usiok"});
  auto ready_timer = timer_of(out);
  BOOST_TEST(session.on_timer(startup_timer).empty());
  feed(session, {"readyok"});
  BOOST_TEST(session.on_timer(ready_timer).empty());
  auto move_timer = timer_of(ok(session.go("", {}, nodes(10), 1000ms)));
  feed(session, {"bestmove 7g7f"});
  BOOST_TEST(session.on_timer(move_timer).empty());
  BOOST_TEST((session.current_phase() == engine_session::phase::idle));
}

BOOST_AUTO_TEST_CASE(gpsusi_profile_gets_only_clock_tokens) {
  auto config = fake_config();
  config.profile.go_tokens = {"btime", "wtime", "byoyomi"};
  auto session = started(config);
  auto out = ok(session.go("", {"7g7f", "3c3d"}, nodes(5000), 5000ms));
  // The node cap is gpsusi's --node-count-hard-limit; the byoyomi (half the
  // deadline) only makes sure it stops by itself.
  BOOST_TEST((sent(out) ==
              strings{"position startpos moves 7g7f 3c3d", "go btime 0 wtime 0 byoyomi 2500"}));
  out = feed(session, {"info depth 5 score cp 12 pv 2g2f 4c4d", "bestmove 2g2f"});
  BOOST_TEST(only<engine_decided>(out).decision.move == "2g2f");
}

BOOST_AUTO_TEST_CASE(at_drop_engine_is_translated_both_ways) {
  auto config = fake_config();
  config.profile.drop_marker = '@';
  auto session = started(config);
  auto out = ok(session.go("", {"7g7f", "3c3d", "8h2b+", "3a2b", "B*4e"}, nodes(10), 1000ms));
  BOOST_TEST(sent(out).front() == "position startpos moves 7g7f 3c3d 8h2b+ 3a2b B@4e");
  out = feed(session, {"info depth 3 score cp -80 pv B@5d 4e3d", "bestmove B@5d ponder 4e3d"});
  auto decision = only<engine_decided>(out).decision;
  BOOST_TEST(decision.move == "B*5d");
  BOOST_TEST((decision.info.pv == strings{"B*5d", "4e3d"}));
}

BOOST_AUTO_TEST_CASE(resign_and_win_declaration) {
  auto session = thinking();
  auto out = feed(session, {"info depth 0 score mate 0", "bestmove resign"});
  auto decision = only<engine_decided>(out).decision;
  BOOST_TEST((decision.what == bestmove_line::kind::resign));
  BOOST_TEST((decision.info.eval->kind == score::unit::mate));
  ok(session.go("", {}, nodes(10), 1000ms));
  decision = only<engine_decided>(feed(session, {"bestmove win"})).decision;
  BOOST_TEST((decision.what == bestmove_line::kind::win));
  BOOST_TEST(!decision.info.eval);  // nothing leaks from the previous search
}

BOOST_AUTO_TEST_CASE(garbage_and_stray_lines_are_ignored) {
  auto session = thinking();
  auto out = feed(session, {"ｇａｒｂａｇｅ \x01\x02", "bestmovex 7g7f", "info depth x score cp",
                            "", "readyok", "usiok", "id name Other", "checkmate nomate",
                            "info depth 2 multipv 2 score cp 900 pv 1g1f",
                            "info depth 2 multipv 1 score cp 5 pv 7g7f"});
  BOOST_TEST(out.empty());
  auto decision = only<engine_decided>(feed(session, {"bestmove 7g7f"})).decision;
  BOOST_TEST(decision.info.eval->value == 5);  // the multipv 2 line was ignored
  BOOST_TEST((decision.info.pv == strings{"7g7f"}));
  BOOST_TEST(
      feed(session, {"bestmove 2g2f", "readyok", "info depth 9"}).empty());  // late, while idle
}

BOOST_AUTO_TEST_CASE(bad_notation_is_an_illegal_move_and_the_engine_stays_usable) {
  auto session = thinking();
  auto out = feed(session, {"bestmove +7776FU"});
  auto fault = only<engine_fault>(out);
  BOOST_TEST((fault.kind == fault_kind::illegal_move));
  BOOST_TEST(fault.message.find("+7776FU") != std::string::npos);
  BOOST_TEST(fault.message.find("'fs'") != std::string::npos);
  BOOST_TEST(all<engine_decided>(out).empty());
  BOOST_TEST(sent(out).empty());
  BOOST_TEST((session.current_phase() == engine_session::phase::idle));
  ok(session.go("", {}, nodes(10), 1000ms));
  BOOST_TEST((only<engine_fault>(feed(session, {"bestmove"})).kind == fault_kind::illegal_move));
  ok(session.go("", {}, nodes(10), 1000ms));
  BOOST_TEST(
      (only<engine_fault>(feed(session, {"bestmove 77-76"})).kind == fault_kind::illegal_move));
  // Well-formed but illegal moves pass: legality is the referee's call.
  ok(session.go("", {}, nodes(10), 1000ms));
  BOOST_TEST(only<engine_decided>(feed(session, {"bestmove 5e5d"})).decision.move == "5e5d");
}

BOOST_AUTO_TEST_CASE(hang_stop_quit_sigterm_sigkill_in_steps) {
  auto session = started();
  auto out = ok(session.go("", {}, nodes(1000), 1200ms));
  auto timer = timer_of(out);
  out = session.on_timer(timer);
  auto fault = only<engine_fault>(out);
  BOOST_TEST((fault.kind == fault_kind::timeout));
  BOOST_TEST(fault.message.find("1200 ms") != std::string::npos);
  BOOST_TEST((sent(out) == strings{"stop"}));
  BOOST_TEST(only<arm_timer>(out).after.count() == 250);
  BOOST_TEST((session.current_phase() == engine_session::phase::shutting_down));

  out = session.on_timer(timer_of(out));
  BOOST_TEST((sent(out) == strings{"quit"}));
  BOOST_TEST(only<arm_timer>(out).after.count() == 500);
  out = session.on_timer(timer_of(out));
  BOOST_TEST(only<signal_process>(out).signal == SIGTERM);
  BOOST_TEST(only<arm_timer>(out).after.count() == 250);
  out = session.on_timer(timer_of(out));
  BOOST_TEST(only<signal_process>(out).signal == SIGKILL);
  BOOST_TEST(all<arm_timer>(out).empty());
  BOOST_TEST(session.on_eof().empty());
  out = session.on_exit(exit_status{true, 0, SIGKILL});
  BOOST_TEST(!only<engine_exited>(out).clean);
  BOOST_TEST(all<engine_fault>(out).empty());  // the timeout was reported once, at the deadline
}

BOOST_AUTO_TEST_CASE(late_bestmove_after_stop_moves_on_to_quit) {
  auto session = started();
  auto out = session.on_timer(timer_of(ok(session.go("", {}, nodes(1), 100ms))));
  BOOST_TEST((sent(out) == strings{"stop"}));
  out = feed(session, {"bestmove 7g7f"});
  BOOST_TEST(all<engine_decided>(out).empty());  // too late: the move is lost on time
  BOOST_TEST((sent(out) == strings{"quit"}));
  BOOST_TEST(only<arm_timer>(out).after.count() == 500);
}

BOOST_AUTO_TEST_CASE(crash_while_thinking_is_a_disconnect_quoting_the_exit) {
  auto session = thinking();
  auto out = session.on_eof();
  BOOST_TEST(all<engine_fault>(out).empty());  // waits a moment for the exit status
  BOOST_TEST(only<arm_timer>(out).after.count() == 250);
  out = session.on_exit(exit_status{true, 0, SIGABRT});
  auto fault = only<engine_fault>(out);
  BOOST_TEST((fault.kind == fault_kind::disconnect));
  BOOST_TEST(fault.message.find("signal 6") != std::string::npos);
  BOOST_TEST(!only<engine_exited>(out).clean);
  BOOST_TEST((out.back().index() == session_action(engine_exited{}).index()));
}

BOOST_AUTO_TEST_CASE(exit_seen_before_eof_is_a_disconnect_too) {
  auto session = thinking();
  auto out = session.on_exit(exit_status{false, 3, 0});
  BOOST_TEST((only<engine_fault>(out).kind == fault_kind::disconnect));
  BOOST_TEST(only<engine_fault>(out).message.find("exit code 3") != std::string::npos);
  BOOST_TEST(session.on_eof().empty());
}

BOOST_AUTO_TEST_CASE(closed_output_without_exit_escalates_to_signals) {
  auto session = started();
  auto out = session.on_eof();  // idle, between moves
  out = session.on_timer(timer_of(out));
  auto fault = only<engine_fault>(out);
  BOOST_TEST((fault.kind == fault_kind::disconnect));
  BOOST_TEST(fault.message.find("idle") != std::string::npos);
  BOOST_TEST(only<signal_process>(out).signal == SIGTERM);
  out = session.on_timer(timer_of(out));
  BOOST_TEST(only<signal_process>(out).signal == SIGKILL);
  out = session.on_exit(exit_status{true, 0, SIGKILL});
  BOOST_TEST(all<engine_fault>(out).empty());
  BOOST_TEST(all<engine_exited>(out).size() == 1u);
}

BOOST_AUTO_TEST_CASE(no_usiok_names_the_engine_and_quotes_its_output) {
  engine_session session(fake_config());
  auto timer = timer_of(ok(session.start()));
  feed(session, {"info string loading eval.bin", "error: eval.bin: No such file or directory"});
  auto out = session.on_timer(timer);
  auto fault = only<engine_fault>(out);
  BOOST_TEST((fault.kind == fault_kind::startup_failed));
  BOOST_TEST(fault.message.find("'fs' (/usr/games/fairy-stockfish)") != std::string::npos,
             fault.message);
  BOOST_TEST(fault.message.find("usiok within 10000 ms") != std::string::npos, fault.message);
  BOOST_TEST(
      fault.message.find("\"error: eval.bin: No such file or directory\"") != std::string::npos,
      fault.message);
  BOOST_TEST(fault.message.find("/tmp/t/fs.stderr.log") != std::string::npos, fault.message);
  BOOST_TEST((sent(out) == strings{"quit"}));
}

BOOST_AUTO_TEST_CASE(quotes_only_the_last_lines_cut_short) {
  auto config = fake_config();
  config.kept_lines = 2;
  engine_session session(config);
  auto timer = timer_of(ok(session.start()));
  feed(session, {"first", "second", std::string(500, 'x') + "tail"});
  auto fault = only<engine_fault>(session.on_timer(timer));
  BOOST_TEST(fault.message.find("first") == std::string::npos, fault.message);
  BOOST_TEST(fault.message.find("\"second\"") != std::string::npos, fault.message);
  BOOST_TEST(fault.message.find("tail") == std::string::npos,
             fault.message);  // cut at 200 characters
  BOOST_TEST(fault.message.find("\"" + std::string(200, 'x') + "\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(silent_engine_says_it_printed_nothing) {
  engine_session session(fake_config());
  auto fault = only<engine_fault>(session.on_timer(timer_of(ok(session.start()))));
  BOOST_TEST(fault.message.find("printed nothing") != std::string::npos, fault.message);
}

BOOST_AUTO_TEST_CASE(death_at_start_is_a_startup_failure_with_status_and_lines) {
  engine_session session(fake_config());
  ok(session.start());
  feed(session, {"fatal: fake engine cannot start"});
  session.on_eof();
  auto out = session.on_exit(exit_status{false, 1, 0});
  auto fault = only<engine_fault>(out);
  BOOST_TEST((fault.kind == fault_kind::startup_failed));
  BOOST_TEST(fault.message.find("exit code 1") != std::string::npos, fault.message);
  BOOST_TEST(fault.message.find("fatal: fake engine cannot start") != std::string::npos,
             fault.message);
}

BOOST_AUTO_TEST_CASE(no_readyok_at_start_or_after_usinewgame) {
  engine_session session(fake_config());
  ok(session.start());
  auto out = feed(session, {"usiok"});
  auto fault = only<engine_fault>(session.on_timer(timer_of(out)));
  BOOST_TEST((fault.kind == fault_kind::startup_failed));
  BOOST_TEST(fault.message.find("readyok within 3000 ms") != std::string::npos, fault.message);

  auto second = started();
  auto timer = timer_of(ok(second.new_game()));
  out = second.on_timer(timer);
  fault = only<engine_fault>(out);
  BOOST_TEST((fault.kind == fault_kind::startup_failed));
  BOOST_TEST(fault.message.find("usinewgame") != std::string::npos, fault.message);
  BOOST_TEST((sent(out) == strings{"quit"}));
}

BOOST_AUTO_TEST_CASE(stop_search_discards_the_move) {
  auto session = thinking();
  auto out = ok(session.stop_search());
  BOOST_TEST((sent(out) == strings{"stop"}));
  out = feed(session, {"info depth 3 score cp 1", "bestmove 7g7f"});
  BOOST_TEST(all<search_stopped>(out).size() == 1u);
  BOOST_TEST(all<engine_decided>(out).empty());
  BOOST_TEST((session.current_phase() == engine_session::phase::idle));
  ok(session.new_game());
}

BOOST_AUTO_TEST_CASE(stop_ignored_is_a_timeout_and_shutdown) {
  auto session = thinking();
  auto out = session.on_timer(timer_of(ok(session.stop_search())));
  BOOST_TEST((only<engine_fault>(out).kind == fault_kind::timeout));
  BOOST_TEST((sent(out) == strings{"quit"}));
}

BOOST_AUTO_TEST_CASE(shutdown_while_thinking_stops_first_and_a_bestmove_hurries_quit) {
  auto session = thinking();
  auto out = session.shutdown();
  BOOST_TEST((sent(out) == strings{"stop"}));
  auto stop_timer = timer_of(out);
  out = feed(session, {"bestmove 7g7f"});
  BOOST_TEST((sent(out) == strings{"quit"}));
  BOOST_TEST(all<engine_decided>(out).empty());
  BOOST_TEST(session.on_timer(stop_timer).empty());
  BOOST_TEST(session.shutdown().empty());  // already under way
  out = session.on_exit(exit_status{false, 0, 0});
  BOOST_TEST(only<engine_exited>(out).clean);
}

BOOST_AUTO_TEST_CASE(eof_after_stop_skips_quit) {
  auto session = thinking();
  auto stop_timer = timer_of(session.shutdown());
  auto out = session.on_eof();
  BOOST_TEST(only<arm_timer>(out).after.count() == 250);  // exit grace, not stop grace + quit
  BOOST_TEST(session.on_timer(stop_timer).empty());
  out = session.on_timer(timer_of(out));
  BOOST_TEST(only<signal_process>(out).signal == SIGTERM);
  BOOST_TEST(sent(out).empty());
  BOOST_TEST(all<engine_fault>(out).empty());  // a shutdown we asked for is no fault
}

BOOST_AUTO_TEST_CASE(shutdown_after_eof_only_waits_then_signals) {
  auto session = started();
  ok(session.go("", {}, nodes(1), 100ms));
  session.on_eof();
  BOOST_TEST(session.shutdown().empty());  // the EOF already started the shutdown
}

BOOST_AUTO_TEST_CASE(calls_in_the_wrong_phase_are_errors) {
  engine_session session(fake_config());
  auto early = session.go("", {}, nodes(1), 100ms);
  BOOST_REQUIRE(!early);
  BOOST_TEST(early.error().message.find("go called while created") != std::string::npos,
             early.error().message);
  BOOST_TEST(!session.new_game());
  BOOST_TEST(!session.stop_search());
  ok(session.start());
  BOOST_TEST(!session.start());
  auto busy = thinking();
  BOOST_TEST(!busy.new_game());
  BOOST_TEST(!busy.go("", {}, nodes(1), 100ms));
  BOOST_TEST(!busy.game_over(game_result::draw));
}

BOOST_AUTO_TEST_CASE(config_from_the_spec) {
  tourney::spec::usi_engine_spec spec;
  spec.command = "gpsusi";
  spec.options = {{"BookDepth", "0"}, {"Thread", "1"}};
  spec.profile.go_tokens = {"btime", "wtime", "byoyomi"};
  auto config = make_session_config("gps", spec, "/t/gps.log");
  BOOST_TEST(config.name == "gps");
  BOOST_TEST(config.command == "gpsusi");
  BOOST_TEST(config.log_path == "/t/gps.log");
  BOOST_TEST(config.options.size() == 2u);
  BOOST_TEST((config.profile.go_tokens == strings{"btime", "wtime", "byoyomi"}));
}

// Each field of the move's search info is the last value any main-line info
// line of that search gave (USI: info lines update what the GUI shows), also
// when the fields come on different lines and the search prints more lines
// than the session keeps unread.
BOOST_AUTO_TEST_CASE(search_info_takes_each_field_from_the_last_line_that_gave_it) {
  auto session = thinking();
  std::vector<std::string> lines;
  lines.push_back("info depth 1 seldepth 1 score cp 5 nodes 10 time 0 pv 7g7f 3c3d");
  for (int i = 0; i < 150; ++i) {
    lines.push_back("info currmove 2g2f currmovenumber " + std::to_string(i + 1));
  }
  lines.push_back("info depth 2 nodes 200 pv 2g2f");
  lines.push_back("info depth 3 multipv 2 seldepth 9 score cp 700 nodes 300 time 9 pv 1g1f");
  lines.push_back("info nodes 400 time 4");
  lines.push_back("info string done");
  lines.push_back("bestmove 2g2f");
  session_actions out;
  for (const auto& line : lines) {
    auto more = session.on_line(line);
    out.insert(out.end(), more.begin(), more.end());
  }
  auto info = only<engine_decided>(out).decision.info;
  BOOST_TEST(info.depth.value_or(0) == 2);      // the multipv 2 line does not count
  BOOST_TEST(info.seldepth.value_or(0) == 1);   // only the first line had one
  BOOST_REQUIRE(info.eval);
  BOOST_TEST(info.eval->value == 5);            // from the first line, 150 lines back
  BOOST_TEST(info.nodes.value_or(0) == 400u);
  BOOST_TEST(info.time_ms.value_or(-1) == 4);
  BOOST_TEST((info.pv == strings{"2g2f"}));

  // The next search starts from nothing.
  ok(session.go("", {"2g2f"}, nodes(1000), 5000ms));
  out = feed(session, {"info depth 1 nodes 5", "bestmove 8c8d"});
  info = only<engine_decided>(out).decision.info;
  BOOST_TEST(info.depth.value_or(0) == 1);
  BOOST_TEST(!info.eval);
  BOOST_TEST(info.pv.empty());
}

BOOST_AUTO_TEST_SUITE_END()
