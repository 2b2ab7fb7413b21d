// engine_session + child_process end to end, through session_runner's poll
// loop: the scripted fake engine for every fault, fairy-stockfish (and, in
// the slow tier, gpsusi) for the real thing. Waits are poll() on the engine's
// pipes and pidfd with the session's own deadlines.
#include "tourney/usi/session_runner.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <csignal>
#include <cstdlib>

using namespace tourney::usi;
using namespace std::chrono_literals;
using strings = std::vector<std::string>;
using reports = std::vector<session_action>;
using tourney::players::search_limits;

namespace {

const std::string fake = std::string(TOURNEY_FAKES_DIR) + "/fake_usi_engine";

std::string temp_dir() {
  char pattern[] = "/tmp/tourney_usi_runner_XXXXXX";
  auto* dir = ::mkdtemp(pattern);
  BOOST_REQUIRE(dir != nullptr);
  return dir;
}

/// Generous grace periods: a cooperative engine always makes it in time,
/// even on a loaded machine. Tests of engines that ignore a step shorten
/// exactly the steps they ignore (see escalating()).
session_config quick_config(std::string name, std::string command) {
  session_config config;
  config.name = std::move(name);
  config.command = std::move(command);
  config.profile.startup_timeout = 10000ms;
  config.profile.isready_timeout = 10000ms;
  config.profile.quit_timeout = 5000ms;
  config.stop_grace = 5000ms;
  config.exit_grace = 5000ms;
  config.term_grace = 5000ms;
  return config;
}

/// Short grace for the steps an engine is staged to ignore.
session_config escalating(session_config config, bool ignores_stop, bool ignores_quit,
                          bool ignores_sigterm, bool keeps_running_after_eof = false) {
  if (ignores_stop) {
    config.stop_grace = 50ms;
  }
  if (ignores_quit) {
    config.profile.quit_timeout = 50ms;
  }
  if (ignores_sigterm) {
    config.term_grace = 50ms;
  }
  if (keeps_running_after_eof) {
    config.exit_grace = 50ms;
  }
  return config;
}

session_runner launch_fake(strings args, session_config config = quick_config("fake", fake),
                           std::string log = {}) {
  auto runner =
      session_runner::launch(std::move(config), {fake, std::move(args), {}, {}, std::move(log)});
  BOOST_REQUIRE_MESSAGE(runner.has_value(), (runner ? "" : runner.error().message));
  return std::move(*runner);
}

template <class T>
std::vector<T> all(const reports& seen) {
  std::vector<T> found;
  for (const auto& report : seen) {
    if (const auto* item = std::get_if<T>(&report)) {
      found.push_back(*item);
    }
  }
  return found;
}

template <class T>
T only(const reports& seen) {
  auto found = all<T>(seen);
  BOOST_REQUIRE_EQUAL(found.size(), 1u);
  return found.front();
}

reports must(tourney::expected<reports> seen) {
  BOOST_REQUIRE_MESSAGE(seen.has_value(), (seen ? "" : seen.error().message));
  return std::move(*seen);
}

void ready(session_runner& runner) {
  BOOST_REQUIRE_EQUAL(all<engine_ready>(runner.run_until<engine_ready>()).size(), 1u);
}

void new_game(session_runner& runner) {
  must(runner.execute(runner.session().new_game()));
  ready(runner);
}

search_limits nodes(std::uint64_t n) {
  search_limits limits;
  limits.nodes = n;
  return limits;
}

/// go on the start position + moves; returns the reports up to a decision, fault or exit.
reports play(session_runner& runner, const strings& moves,
             std::chrono::milliseconds deadline = 5000ms) {
  auto seen = must(runner.execute(runner.session().go("", moves, nodes(100), deadline)));
  auto more = runner.run_until([](const session_action& a) {
    return std::holds_alternative<engine_decided>(a) || std::holds_alternative<engine_fault>(a) ||
           std::holds_alternative<engine_exited>(a);
  });
  seen.insert(seen.end(), more.begin(), more.end());
  return seen;
}

engine_exited finish(session_runner& runner) {
  auto seen = runner.shutdown();
  return only<engine_exited>(seen);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(usi_session_runner)

BOOST_AUTO_TEST_CASE(fake_plays_a_game_and_quits_cleanly) {
  auto runner = launch_fake({"--name", "Scripted", "--garbage"});
  ready(runner);
  BOOST_TEST(runner.session().engine_name() == "Scripted");
  new_game(runner);
  strings moves;
  for (int ply = 0; ply < 4; ++ply) {
    auto decision = only<engine_decided>(play(runner, moves)).decision;
    BOOST_TEST(decision.info.depth.value_or(0) == 1);
    moves.push_back(decision.move);
  }
  // The fake's fixed line (its source): the bishop exchange.
  BOOST_TEST((moves == strings{"7g7f", "3c3d", "8h2b+", "3a2b"}));
  must(runner.execute(runner.session().game_over(game_result::draw)));
  new_game(runner);  // reused for a second game
  BOOST_TEST(only<engine_decided>(play(runner, {})).decision.move == "7g7f");
  auto exited = finish(runner);
  BOOST_TEST(exited.clean);
}

BOOST_AUTO_TEST_CASE(crash_at_move_two_is_a_disconnect) {
  auto runner = launch_fake({"--crash-at-move", "2"});
  ready(runner);
  new_game(runner);
  only<engine_decided>(play(runner, {}));
  auto seen = play(runner, {"7g7f", "3c3d"});
  seen = [&] {
    auto rest = runner.run_until<engine_exited>();
    seen.insert(seen.end(), rest.begin(), rest.end());
    return seen;
  }();
  auto fault = only<engine_fault>(seen);
  BOOST_TEST((fault.kind == fault_kind::disconnect));
  BOOST_TEST(fault.message.find("signal 6") != std::string::npos, fault.message);
  BOOST_TEST(only<engine_exited>(seen).status.signal == SIGABRT);
}

BOOST_AUTO_TEST_CASE(hang_without_clock_is_stopped_in_steps_down_to_sigkill) {
  auto runner = launch_fake({"--hang-at-move", "1", "--ignore-sigterm"},
                            escalating(quick_config("fake", fake), true, true, true));
  ready(runner);
  new_game(runner);
  auto seen = play(runner, {}, 200ms);
  auto fault = only<engine_fault>(seen);
  BOOST_TEST((fault.kind == fault_kind::timeout));
  auto rest = runner.run_until<engine_exited>();
  auto exited = only<engine_exited>(rest);
  BOOST_TEST(exited.status.signalled);
  BOOST_TEST(exited.status.signal == SIGKILL);  // it ignored stop, quit and SIGTERM
  BOOST_TEST(!exited.clean);
}

BOOST_AUTO_TEST_CASE(hang_with_a_clock_ends_at_sigterm) {
  auto runner = launch_fake({"--hang-at-move", "2"},
                            escalating(quick_config("fake", fake), true, true, false));
  ready(runner);
  new_game(runner);
  only<engine_decided>(play(runner, {}));
  search_limits clock;
  clock.black_time = 100ms;
  clock.white_time = 100ms;
  clock.byoyomi = 100ms;
  must(runner.execute(runner.session().go("", {"7g7f", "3c3d"}, clock, 300ms)));
  auto seen = runner.run_until<engine_exited>();
  BOOST_TEST((only<engine_fault>(seen).kind == fault_kind::timeout));
  BOOST_TEST(only<engine_exited>(seen).status.signal == SIGTERM);
}

BOOST_AUTO_TEST_CASE(slow_start_within_and_past_the_budget) {
  auto patient = launch_fake({"--slow-start-ms", "100"});
  ready(patient);
  finish(patient);

  auto config = escalating(quick_config("sluggish", fake), false, true, false);
  config.profile.startup_timeout = 100ms;
  auto impatient = launch_fake({"--slow-start-ms", "3000"}, config);
  auto seen = impatient.run_until<engine_exited>();
  auto fault = only<engine_fault>(seen);
  BOOST_TEST((fault.kind == fault_kind::startup_failed));
  BOOST_TEST(fault.message.find("'sluggish'") != std::string::npos, fault.message);
  BOOST_TEST(fault.message.find("usiok within 100 ms") != std::string::npos, fault.message);
  BOOST_TEST(all<engine_exited>(seen).size() == 1u);
}

BOOST_AUTO_TEST_CASE(death_at_start_quotes_what_it_printed) {
  auto dir = temp_dir();
  auto config = quick_config("doomed", fake);
  config.log_path = dir + "/doomed.log";
  auto runner = launch_fake({"--die-at-start", "7"}, config, config.log_path);
  auto seen = runner.run_until<engine_exited>();
  auto fault = only<engine_fault>(seen);
  BOOST_TEST((fault.kind == fault_kind::startup_failed));
  BOOST_TEST(fault.message.find("exit code 7") != std::string::npos, fault.message);
  BOOST_TEST(fault.message.find("\"fatal: fake engine cannot start\"") != std::string::npos,
             fault.message);
  BOOST_TEST(fault.message.find(config.log_path) != std::string::npos, fault.message);
}

BOOST_AUTO_TEST_CASE(no_readyok_is_a_startup_failure) {
  auto config = quick_config("mute", fake);
  config.profile.isready_timeout = 100ms;
  auto runner = launch_fake({"--no-readyok"}, config);
  auto seen = runner.run_until<engine_exited>();
  BOOST_TEST((only<engine_fault>(seen).kind == fault_kind::startup_failed));
  BOOST_TEST(only<engine_exited>(seen).clean);  // it did quit when asked
}

BOOST_AUTO_TEST_CASE(bad_notation_then_the_engine_is_still_usable) {
  auto runner = launch_fake({"--bad-notation"});
  ready(runner);
  new_game(runner);
  auto fault = only<engine_fault>(play(runner, {}));
  BOOST_TEST((fault.kind == fault_kind::illegal_move));
  BOOST_TEST(fault.message.find("+7776FU") != std::string::npos);
  BOOST_TEST((runner.session().current_phase() == engine_session::phase::idle));
  BOOST_TEST((only<engine_fault>(play(runner, {"7g7f"})).kind == fault_kind::illegal_move));
  BOOST_TEST(finish(runner).clean);
}

BOOST_AUTO_TEST_CASE(illegal_and_wrong_side_moves_pass_to_the_referee) {
  auto illegal = launch_fake({"--illegal-move"});
  ready(illegal);
  BOOST_TEST(only<engine_decided>(play(illegal, {})).decision.move == "5e5d");
  auto wrong = launch_fake({"--wrong-side"});
  ready(wrong);
  BOOST_TEST(only<engine_decided>(play(wrong, {})).decision.move ==
             "3c3d");  // White's move with Black to play
}

BOOST_AUTO_TEST_CASE(resign_and_declarations) {
  auto runner = launch_fake({"--resign-at-move", "2"});
  ready(runner);
  new_game(runner);
  only<engine_decided>(play(runner, {}));
  BOOST_TEST((only<engine_decided>(play(runner, {"7g7f", "3c3d"})).decision.what ==
              bestmove_line::kind::resign));
  auto declarer = launch_fake({"--declare-win-at-move", "1"});
  ready(declarer);
  new_game(declarer);
  BOOST_TEST((only<engine_decided>(play(declarer, {})).decision.what == bestmove_line::kind::win));
}

BOOST_AUTO_TEST_CASE(at_drop_engine_through_its_profile) {
  auto dir = temp_dir();
  auto config = quick_config("sjaak-like", fake);
  config.profile.drop_marker = '@';
  auto log = dir + "/at.log";
  auto runner = launch_fake({"--at-drops"}, config, log);
  ready(runner);
  new_game(runner);
  auto decision = only<engine_decided>(play(runner, {"7g7f", "3c3d", "8h2b+", "3a2b"})).decision;
  BOOST_TEST(decision.move == "B*4e");  // the engine wrote B@4e
  BOOST_TEST((decision.info.pv == strings{"B*4e"}));
  // The engine reads the drop in its own notation (it rejects B*4e).
  BOOST_TEST(
      only<engine_decided>(play(runner, {"7g7f", "3c3d", "8h2b+", "3a2b", "B*4e"})).decision.move ==
      "8c8d");
  finish(runner);
}

BOOST_AUTO_TEST_CASE(closed_stdout_is_a_disconnect_and_the_process_is_ended) {
  auto runner = launch_fake({"--close-stdout-at-move", "1"},
                            escalating(quick_config("fake", fake), false, false, false, true));
  ready(runner);
  auto seen = play(runner, {});
  auto rest = runner.run_until<engine_exited>();
  seen.insert(seen.end(), rest.begin(), rest.end());
  BOOST_TEST((only<engine_fault>(seen).kind == fault_kind::disconnect));
  BOOST_TEST(only<engine_exited>(seen).status.signal == SIGTERM);
}

BOOST_AUTO_TEST_CASE(engine_ignoring_quit_gets_sigterm) {
  auto runner =
      launch_fake({"--ignore-quit"}, escalating(quick_config("fake", fake), false, true, false));
  ready(runner);
  auto exited = finish(runner);
  BOOST_TEST(!exited.clean);
  BOOST_TEST(exited.status.signal == SIGTERM);
}

BOOST_AUTO_TEST_CASE(stop_search_on_a_cancelled_game) {
  auto runner = launch_fake({"--wait-for-stop-at-move", "1"});
  ready(runner);
  new_game(runner);
  must(runner.execute(runner.session().go("", {}, nodes(100), 5000ms)));
  must(runner.execute(runner.session().stop_search()));
  auto seen = runner.run_until<search_stopped>();
  BOOST_TEST(all<search_stopped>(seen).size() == 1u);
  BOOST_TEST(all<engine_decided>(seen).empty());
  new_game(runner);
  BOOST_TEST(finish(runner).clean);
}

BOOST_AUTO_TEST_CASE(fairy_stockfish_plays_through_the_session) {
  if (::access("/usr/games/fairy-stockfish", X_OK) != 0) {
    BOOST_TEST_MESSAGE("fairy-stockfish not installed: skipped");
    return;
  }
  auto config = quick_config("fs", "fairy-stockfish");
  config.options = {{"USI_Hash", "16"}, {"Threads", "1"}};
  config.profile.quit_timeout = 2000ms;
  auto runner = session_runner::launch(config, {"fairy-stockfish", {}, {}, {}, {}});
  BOOST_REQUIRE(runner);
  ready(*runner);
  BOOST_TEST(runner->session().engine_name().rfind("Fairy-Stockfish", 0) == 0u);
  new_game(*runner);
  strings moves;
  for (int ply = 0; ply < 6; ++ply) {
    auto decision = only<engine_decided>(play(*runner, moves)).decision;
    BOOST_REQUIRE((decision.what == bestmove_line::kind::move));
    BOOST_TEST(is_usi_move(decision.move));
    BOOST_TEST(decision.info.nodes.has_value());
    BOOST_TEST(decision.info.eval.has_value());
    moves.push_back(decision.move);
  }
  // Mated side (docs/shogi.md 2.1): FS answers `bestmove resign` after `score mate 0`.
  search_limits limits = nodes(1000);
  must(runner->execute(
      runner->session().go("4k4/4G4/4P4/9/9/9/9/9/4K4 w 2r2b3g4s4n4l17p 2", {}, limits, 5000ms)));
  auto decision = only<engine_decided>(runner->run_until<engine_decided>()).decision;
  BOOST_TEST((decision.what == bestmove_line::kind::resign));
  BOOST_TEST(finish(*runner).clean);
}

BOOST_AUTO_TEST_CASE(gpsusi_with_node_cap_and_byoyomi, *boost::unit_test::label("slow")) {
  if (::access("/usr/games/gpsusi", X_OK) != 0) {
    BOOST_TEST_MESSAGE("gpsusi not installed: skipped");
    return;
  }
  auto config = quick_config("gps", "gpsusi");
  config.options = {{"BookDepth", "0"}, {"Thread", "1"}};
  config.profile.go_tokens = {"btime", "wtime", "byoyomi"};
  config.profile.startup_timeout = 30000ms;
  config.profile.isready_timeout = 30000ms;
  config.profile.quit_timeout = 3000ms;
  auto runner = session_runner::launch(
      config, {"gpsusi", {"-N", "1", "--node-count-hard-limit", "5000"}, {}, {}, {}});
  BOOST_REQUIRE(runner);
  ready(*runner);
  new_game(*runner);
  strings moves{"7g7f", "3c3d"};
  // nodes is not sent (it would kill gpsusi): a byoyomi is, and the cap does the rest.
  auto decision = only<engine_decided>(play(*runner, moves, 10000ms)).decision;
  BOOST_TEST((decision.what == bestmove_line::kind::move));
  BOOST_TEST(is_usi_move(decision.move));
  finish(*runner);
}

BOOST_AUTO_TEST_SUITE_END()
