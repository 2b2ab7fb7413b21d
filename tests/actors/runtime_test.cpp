// The embedding API end to end, with staged referees and host players (the
// rules referee is tested by the `game` part). Waits are on events with
// deadlines; nothing sleeps.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "actors/support/event_recorder.hpp"
#include "actors/support/staged_game.hpp"
#include "support/temp_dir.hpp"
#include "tourney/runtime.hpp"
#include "tourney/testing.hpp"

namespace fs = std::filesystem;
using namespace tourney;
using namespace std::chrono_literals;

namespace {

struct fixture {
  test::temp_dir dir;
  test::staged_options staging;

  runtime_options options(std::size_t max_tournaments = 2, std::size_t slots = 4) {
    runtime_options o;
    o.storage_dir = dir.path();
    o.max_concurrent_tournaments = max_tournaments;
    o.game_slots = slots;
    return o;
  }

  // A runtime whose games end as `staging` says.
  runtime make(runtime_options o) {
    return testing::make_runtime(std::move(o), test::staged_referee(staging));
  }

  static void register_all(runtime& r) {
    BOOST_REQUIRE(r.register_policy("resign", test::make_resigner, {0, false}));
    BOOST_REQUIRE(r.register_policy("mover", test::make_mover, {0, false}));
    BOOST_REQUIRE(r.register_policy("thrower", test::make_thrower, {0, false}));
    BOOST_REQUIRE(r.register_policy("staller", test::make_staller, {0, true}));
  }
};

std::vector<nlohmann::json> read_lines(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(actors_runtime, fixture)

BOOST_AUTO_TEST_CASE(a_tournament_completes_with_every_game_persisted_and_counted) {
  runtime r = make(options());
  register_all(r);
  test::event_recorder rec(r);
  // Gauntlet: p0 against p1, p2, p3, 3 games each (odd), colours alternate.
  auto id = r.start(test::host_spec(4, 3, "resign"), "gauntlet");
  BOOST_REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  auto final = rec.wait_terminal(*id);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::completed);
  BOOST_CHECK_EQUAL(final->total_games, 9u);
  BOOST_CHECK_EQUAL(final->completed_games, 9u);
  BOOST_CHECK_EQUAL(final->failed_games, 0u);
  // Black always resigns: every game is a white win.
  BOOST_CHECK_EQUAL(final->white_wins, 9u);
  BOOST_CHECK(final->start_time && final->end_time);
  BOOST_CHECK_EQUAL(final->games_in_flight, 0u);

  auto lines = read_lines(final->folder + "/games.jsonl");
  BOOST_REQUIRE_EQUAL(lines.size(), 9u);
  std::map<std::string, int> p0_black_by_opponent;
  std::set<std::string> game_ids;
  for (const auto& l : lines) {
    for (auto key : {"game_id", "black", "white", "result", "reason", "plies", "start_sfen", "moves", "duration_s"}) {
      BOOST_CHECK_MESSAGE(l.contains(key), "games.jsonl line without " << key);
    }
    BOOST_CHECK_EQUAL(l["result"], "white_win");
    BOOST_CHECK_EQUAL(l["reason"], "resign");
    game_ids.insert(l["game_id"].get<std::string>());
    if (l["black"] == "p0") {
      ++p0_black_by_opponent[l["white"].get<std::string>()];
    } else {
      BOOST_CHECK_EQUAL(l["white"], "p0");
      p0_black_by_opponent[l["black"].get<std::string>()] += 0;
    }
  }
  BOOST_CHECK_EQUAL(game_ids.size(), 9u);
  // 3 games per opponent: the agent is Black in games 0 and 2 (the original's rule).
  for (auto opp : {"p1", "p2", "p3"}) {
    BOOST_CHECK_EQUAL(p0_black_by_opponent[opp], 2);
  }
  auto j = read_json(final->folder + "/tournament.json");
  for (auto key : {"tournament_id", "context", "timestamp", "total_games", "summary_stats", "analytics_data",
                   "errors", "status", "timing", "standings", "spec", "statistics"}) {
    BOOST_CHECK_MESSAGE(j.contains(key), "tournament.json without " << key);
  }
  BOOST_CHECK_EQUAL(j["status"], "completed");
  BOOST_CHECK_EQUAL(j["total_games"], 9);
  BOOST_CHECK_EQUAL(j["summary_stats"]["total_games"], 9);
  const auto& overall = j["analytics_data"]["tournament_specific_analytics"]["overall_tournament_stats"];
  BOOST_CHECK_EQUAL(overall["agent_total_wins"].get<int>() + overall["agent_total_losses"].get<int>() +
                        overall["agent_total_draws"].get<int>() + overall["agent_total_errors"].get<int>(),
                    9);
  BOOST_CHECK_EQUAL(rec.terminal_count(*id), 1u);
}

BOOST_AUTO_TEST_CASE(status_sequence_start_time_before_running_and_end_time_on_terminal) {
  runtime r = make(options());
  register_all(r);
  test::event_recorder rec(r);
  auto id = r.start(test::host_spec(2, 4, "mover", 6));
  BOOST_REQUIRE(id);
  BOOST_REQUIRE(rec.wait_terminal(*id));
  auto events = rec.events_for(*id);
  BOOST_REQUIRE_GE(events.size(), 3u);
  BOOST_CHECK(events.front().snapshot.status == tournament_status::created);
  bool seen_running = false;
  for (const auto& e : events) {
    if (e.snapshot.status == tournament_status::running && !seen_running) {
      seen_running = true;
      BOOST_CHECK_MESSAGE(e.snapshot.start_time.has_value(), "first RUNNING event without start_time");
    }
  }
  BOOST_CHECK(seen_running);
  BOOST_CHECK(events.back().kind == event_kind::terminal);
  BOOST_CHECK(events.back().snapshot.end_time.has_value());
  // Counts only grow, and every progress event is consistent.
  std::uint64_t last = 0;
  for (const auto& e : events) {
    const auto& s = e.snapshot;
    BOOST_CHECK_EQUAL(s.completed_games, s.black_wins + s.white_wins + s.draws + s.failed_games);
    BOOST_CHECK_GE(s.completed_games, last);
    last = s.completed_games;
  }
  // Movers never resign: every game reaches max plies, a draw.
  BOOST_CHECK_EQUAL(events.back().snapshot.draws, 4u);
}

BOOST_AUTO_TEST_CASE(errored_games_are_counted_as_errors_and_the_tournament_completes) {
  staging.broken_games = {1, 3};
  staging.crashing_games = {4};
  runtime r = make(options());
  register_all(r);
  test::event_recorder rec(r);
  auto id = r.start(test::host_spec(2, 6, "resign"));
  BOOST_REQUIRE(id);
  auto final = rec.wait_terminal(*id);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::completed);
  BOOST_CHECK_EQUAL(final->completed_games, 6u);
  BOOST_CHECK_EQUAL(final->failed_games, 3u);
  BOOST_CHECK_EQUAL(final->black_wins + final->white_wins + final->draws, 3u);
  for (const auto& p : final->standings) {
    BOOST_CHECK_EQUAL(p.errors, 3u);
    BOOST_CHECK_EQUAL(p.played, p.wins + p.losses + p.draws + p.errors);
  }
  int error_lines = 0;
  for (const auto& l : read_lines(final->folder + "/games.jsonl")) {
    error_lines += l["result"] == "error" ? 1 : 0;
  }
  BOOST_CHECK_EQUAL(error_lines, 3);
  auto j = read_json(final->folder + "/tournament.json");
  BOOST_CHECK_EQUAL(j["total_games"], 6);
  BOOST_CHECK_EQUAL(j["summary_stats"]["total_games"], 6);
  BOOST_CHECK_EQUAL(j["summary_stats"]["errors"], 3);
  BOOST_CHECK_EQUAL(j["errors"].size(), 3u);
}

BOOST_AUTO_TEST_CASE(a_throwing_player_loses_by_error_and_the_tournament_goes_on) {
  runtime r = make(options());
  register_all(r);
  test::event_recorder rec(r);
  auto spec = test::host_spec(2, 2, "thrower");
  spec.players[1].as_host()->registered = "resign";
  auto id = r.start(spec);
  BOOST_REQUIRE(id);
  auto final = rec.wait_terminal(*id);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::completed);
  BOOST_CHECK_EQUAL(final->failed_games, 0u);
  // Game 0: p0 (thrower) Black loses by error; game 1: p1 (resigner) Black resigns.
  BOOST_CHECK_EQUAL(final->standings[0].losses, 1u);
  BOOST_CHECK_EQUAL(final->standings[0].wins, 1u);
  auto lines = read_lines(final->folder + "/games.jsonl");
  std::multiset<std::string> reasons;
  for (const auto& l : lines) {
    reasons.insert(l["reason"].get<std::string>());
  }
  BOOST_CHECK_EQUAL(reasons.count("error"), 1u);
  BOOST_CHECK_EQUAL(reasons.count("resign"), 1u);
}

BOOST_AUTO_TEST_CASE(pause_stops_dispatch_games_in_flight_finish_resume_completes) {
  auto g = std::make_shared<test::gate>();
  runtime r = make(options(2, 2));
  BOOST_REQUIRE(r.register_policy("gated", [g] { return test::make_gated(g); }, {0, true}));
  test::event_recorder rec(r);
  auto id = r.start(test::host_spec(2, 6, "gated"));
  BOOST_REQUIRE(id);
  // Two slots: two games are in flight, blocked at the gate.
  BOOST_REQUIRE(g->wait_arrivals(2, 30s));
  auto paused = r.pause(*id);
  BOOST_REQUIRE_MESSAGE(paused.done, paused.reason);
  BOOST_CHECK(rec.wait_status(*id, tournament_status::paused));
  g->open();
  // The two in-flight games finish while paused; nothing else starts.
  BOOST_REQUIRE(rec.wait_until([&](const std::vector<tournament_event>& es) {
    for (const auto& e : es) {
      if (e.snapshot.tournament_id == *id && e.snapshot.status == tournament_status::paused &&
          e.snapshot.completed_games == 2 && e.snapshot.games_in_flight == 0) {
        return true;
      }
    }
    return false;
  }));
  auto p = r.progress(*id);
  BOOST_REQUIRE(p);
  BOOST_CHECK(p->status == tournament_status::paused);
  BOOST_CHECK_EQUAL(p->completed_games, 2u);
  BOOST_CHECK_EQUAL(g->arrivals(), 2);
  auto again = r.pause(*id);
  BOOST_CHECK(!again.done);
  BOOST_CHECK(!again.reason.empty());
  auto resumed = r.resume(*id);
  BOOST_REQUIRE_MESSAGE(resumed.done, resumed.reason);
  auto final = rec.wait_terminal(*id);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::completed);
  BOOST_CHECK_EQUAL(final->completed_games, 6u);
}

BOOST_AUTO_TEST_CASE(cancel_stops_games_in_flight_promptly) {
  runtime r = make(options(2, 4));
  register_all(r);
  test::event_recorder rec(r);
  auto id = r.start(test::host_spec(3, 4, "staller"));
  BOOST_REQUIRE(id);
  BOOST_REQUIRE(rec.wait_status(*id, tournament_status::running));
  auto c = r.cancel(*id);
  BOOST_REQUIRE_MESSAGE(c.done, c.reason);
  auto final = rec.wait_terminal(*id);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::cancelled);
  BOOST_CHECK(final->end_time.has_value());
  BOOST_CHECK_EQUAL(final->completed_games, 0u);
  BOOST_CHECK(fs::exists(final->folder + "/tournament.json"));
  BOOST_CHECK_EQUAL(read_json(final->folder + "/tournament.json")["status"], "cancelled");
  auto twice = r.cancel(*id);
  BOOST_CHECK(!twice.done);
  BOOST_CHECK_EQUAL(rec.terminal_count(*id), 1u);
}

BOOST_AUTO_TEST_CASE(refused_transitions_say_why) {
  runtime r = make(options());
  register_all(r);
  test::event_recorder rec(r);
  auto id = r.start(test::host_spec(2, 2, "resign"));
  BOOST_REQUIRE(id);
  BOOST_REQUIRE(rec.wait_terminal(*id));
  for (auto res : {r.pause(*id), r.resume(*id), r.cancel(*id)}) {
    BOOST_CHECK(!res.done);
    BOOST_CHECK_MESSAGE(res.reason.find("finished") != std::string::npos, res.reason);
  }
  auto unknown = r.pause("nope");
  BOOST_CHECK(!unknown.done);
  BOOST_CHECK(unknown.reason.find("unknown") != std::string::npos);
  BOOST_CHECK(!r.progress("nope"));
}

BOOST_AUTO_TEST_CASE(priority_first_then_fifo_and_queued_ones_are_listed) {
  runtime r = make(options(1, 2));
  register_all(r);
  test::event_recorder rec(r);
  auto blocker = r.start(test::host_spec(2, 2, "staller"), "blocker");
  BOOST_REQUIRE(blocker);
  BOOST_REQUIRE(rec.wait_status(*blocker, tournament_status::running));
  auto low = r.start(test::host_spec(2, 1, "resign"), "low", 0);
  auto high1 = r.start(test::host_spec(2, 1, "resign"), "high1", 5);
  auto high2 = r.start(test::host_spec(2, 1, "resign"), "high2", 5);
  BOOST_REQUIRE(low && high1 && high2);
  // Queued tournaments are active, CREATED, with their queue position.
  auto active = r.list_active();
  std::map<std::string, std::optional<std::size_t>> pos;
  for (const auto& s : active) {
    pos[s.tournament_id] = s.queue_position;
    if (s.tournament_id != *blocker) {
      BOOST_CHECK(s.status == tournament_status::created);
    }
  }
  BOOST_CHECK_EQUAL(active.size(), 4u);
  BOOST_CHECK(pos[*high1] == std::optional<std::size_t>(0));
  BOOST_CHECK(pos[*high2] == std::optional<std::size_t>(1));
  BOOST_CHECK(pos[*low] == std::optional<std::size_t>(2));
  BOOST_REQUIRE(r.cancel(*blocker).done);
  BOOST_REQUIRE(rec.wait_terminal(*low));
  std::vector<std::string> running_order;
  for (const auto& e : rec.events()) {
    if (e.kind == event_kind::status && e.snapshot.status == tournament_status::running) {
      running_order.push_back(e.snapshot.tournament_id);
    }
  }
  BOOST_REQUIRE_EQUAL(running_order.size(), 4u);
  BOOST_CHECK_EQUAL(running_order[1], *high1);
  BOOST_CHECK_EQUAL(running_order[2], *high2);
  BOOST_CHECK_EQUAL(running_order[3], *low);
}

BOOST_AUTO_TEST_CASE(a_queued_tournament_can_be_cancelled_once) {
  runtime r = make(options(1, 2));
  register_all(r);
  test::event_recorder rec(r);
  auto blocker = r.start(test::host_spec(2, 2, "staller"));
  auto queued = r.start(test::host_spec(2, 2, "resign"), "queued");
  BOOST_REQUIRE(blocker && queued);
  auto paused = r.pause(*queued);
  BOOST_CHECK(!paused.done);
  BOOST_CHECK_MESSAGE(paused.reason.find("not started") != std::string::npos, paused.reason);
  BOOST_REQUIRE(r.cancel(*queued).done);
  auto final = rec.wait_terminal(*queued);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::cancelled);
  BOOST_CHECK(final->end_time.has_value());
  BOOST_CHECK(!final->start_time.has_value());
  BOOST_CHECK(fs::exists(final->folder + "/tournament.json"));
  BOOST_CHECK(!r.cancel(*queued).done);
  r.shutdown(shutdown_mode::immediate);
  BOOST_REQUIRE(rec.wait_terminal(*blocker));
  BOOST_CHECK_EQUAL(rec.terminal_count(*queued), 1u);
  BOOST_CHECK_EQUAL(rec.terminal_count(*blocker), 1u);
}

BOOST_AUTO_TEST_CASE(the_terminal_event_comes_after_the_result_file_is_on_disk) {
  runtime r = make(options());
  register_all(r);
  std::atomic<int> terminal_without_file{0};
  std::atomic<int> terminals{0};
  test::event_recorder rec(r, [&](const tournament_event& e) {
    if (e.kind == event_kind::terminal) {
      ++terminals;
      if (!fs::exists(e.snapshot.folder + "/tournament.json")) {
        ++terminal_without_file;
      }
    }
  });
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) {
    auto id = r.start(test::host_spec(2, 2, "resign"), "t" + std::to_string(i));
    BOOST_REQUIRE(id);
    ids.push_back(*id);
  }
  for (const auto& id : ids) {
    BOOST_REQUIRE(rec.wait_terminal(id));
  }
  BOOST_CHECK_EQUAL(terminals.load(), 6);
  BOOST_CHECK_EQUAL(terminal_without_file.load(), 0);
}

BOOST_AUTO_TEST_CASE(wait_returns_the_final_snapshot_or_says_why_not) {
  runtime r = make(options());
  register_all(r);
  auto id = r.start(test::host_spec(2, 2, "resign"));
  BOOST_REQUIRE(id);
  auto done = r.wait(*id, 30s);
  BOOST_REQUIRE(done);
  BOOST_CHECK(done->status == tournament_status::completed);
  BOOST_CHECK(done.status() == wait_status::finished);
  // An unknown id is answered at once, whatever the time allowed.
  auto unknown = r.wait("unknown", 30s);
  BOOST_CHECK(!unknown);
  BOOST_CHECK(unknown.status() == wait_status::unknown_id);
  auto stuck = r.start(test::host_spec(2, 2, "staller"));
  BOOST_REQUIRE(stuck);
  auto late = r.wait(*stuck, 20ms);
  BOOST_CHECK(!late);
  BOOST_CHECK(late.status() == wait_status::timed_out);
  BOOST_REQUIRE(r.cancel(*stuck).done);
  auto cancelled = r.wait(*stuck, 30s);
  BOOST_REQUIRE(cancelled);
  BOOST_CHECK(cancelled->status == tournament_status::cancelled);
}

BOOST_AUTO_TEST_CASE(shutdown_is_idempotent_and_start_is_refused_afterwards) {
  runtime r = make(options());
  register_all(r);
  test::event_recorder rec(r);
  auto running = r.start(test::host_spec(2, 2, "staller"));
  BOOST_REQUIRE(running);
  r.shutdown(shutdown_mode::immediate);
  r.shutdown(shutdown_mode::graceful);
  auto after = r.start(test::host_spec(2, 2, "resign"));
  BOOST_REQUIRE(!after);
  BOOST_CHECK(after.error().message.find("shut down") != std::string::npos);
  // The actors are gone: an answer that cannot come is not a timeout.
  BOOST_CHECK(r.wait(*running, 30s).status() == wait_status::shut_down);
  auto paused = r.pause(*running);
  BOOST_CHECK(!paused.done);
  BOOST_CHECK(paused.reason.find("shut down") != std::string::npos);
  // shutdown() returns once the terminal event is queued for every
  // subscriber; the callback runs on the subscription's thread.
  BOOST_REQUIRE(rec.wait_terminal(*running));
  BOOST_CHECK_EQUAL(rec.terminal_count(*running), 1u);
  auto events = rec.events_for(*running);
  BOOST_REQUIRE(!events.empty());
  BOOST_CHECK_MESSAGE(events.back().snapshot.status == tournament_status::cancelled,
                      to_string(events.back().snapshot.status) << " " << events.back().snapshot.error_message
                                                               << " kind " << int(events.back().kind));
}

BOOST_AUTO_TEST_CASE(graceful_shutdown_lets_running_tournaments_finish) {
  runtime r = make(options(1, 2));
  register_all(r);
  test::event_recorder rec(r);
  auto first = r.start(test::host_spec(3, 4, "mover", 4));
  auto queued = r.start(test::host_spec(2, 2, "resign"));
  BOOST_REQUIRE(first && queued);
  BOOST_REQUIRE(rec.wait_status(*first, tournament_status::running));
  r.shutdown(shutdown_mode::graceful);
  auto f = rec.wait_terminal(*first, 30s);
  auto q = rec.wait_terminal(*queued, 30s);
  BOOST_REQUIRE(f && q);
  BOOST_CHECK(f->status == tournament_status::completed);
  BOOST_CHECK_EQUAL(f->completed_games, 8u);  // gauntlet: 2 opponents x 4
  BOOST_CHECK(q->status == tournament_status::cancelled);
}

BOOST_AUTO_TEST_CASE(graceful_shutdown_cancels_paused_tournaments) {
  auto g = std::make_shared<test::gate>();
  runtime r = make(options(2, 2));
  BOOST_REQUIRE(r.register_policy("gated", [g] { return test::make_gated(g); }, {0, true}));
  test::event_recorder rec(r);
  auto id = r.start(test::host_spec(2, 4, "gated"));
  BOOST_REQUIRE(id);
  BOOST_REQUIRE(g->wait_arrivals(1, 30s));
  BOOST_REQUIRE(r.pause(*id).done);
  g->open();
  r.shutdown(shutdown_mode::graceful);
  auto final = rec.wait_terminal(*id, 30s);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::cancelled);
}

BOOST_AUTO_TEST_CASE(history_is_bounded) {
  auto o = options(2, 4);
  o.history_limit = 3;
  runtime r = make(o);
  register_all(r);
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) {
    auto id = r.start(test::host_spec(2, 1, "resign"));
    BOOST_REQUIRE(id);
    ids.push_back(*id);
  }
  for (const auto& id : ids) {
    // Once retired beyond the history an id is unknown: wait returns nothing.
    (void)r.wait(id, 30s);
  }
  auto all = r.list_all();
  std::size_t finished = 0;
  for (const auto& s : all) {
    finished += s.is_complete() ? 1 : 0;
  }
  BOOST_CHECK_EQUAL(finished, 3u);
  BOOST_CHECK_EQUAL(all.size(), 3u);
  BOOST_CHECK(!r.progress(ids.front()));  // the oldest was dropped
  BOOST_CHECK(r.progress(ids.back()));
}

BOOST_AUTO_TEST_CASE(a_crashing_tournament_fails_alone) {
  staging.factory_throws = true;
  auto o = options(2, 4);
  runtime r = make(o);
  register_all(r);
  test::event_recorder rec(r);
  auto bad = r.start(test::host_spec(2, 2, "resign"), "bad");
  BOOST_REQUIRE(bad);
  auto final = rec.wait_terminal(*bad);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::failed);
  BOOST_CHECK_MESSAGE(final->error_message.find("tournament actor failed") != std::string::npos,
                      final->error_message);
  BOOST_CHECK(final->end_time.has_value());
  BOOST_CHECK(fs::exists(final->folder + "/tournament.json"));
  // The runtime goes on: a later tournament with a healthy referee.
  BOOST_CHECK_EQUAL(rec.terminal_count(*bad), 1u);
}

BOOST_AUTO_TEST_CASE(a_disk_error_fails_the_tournament_with_the_reason) {
  // The storage directory is a regular file: its folder cannot be made.
  std::ofstream(dir.path() + "/not-a-dir") << "x";
  auto o = options();
  o.storage_dir = dir.path() + "/not-a-dir";
  runtime r = make(o);
  register_all(r);
  test::event_recorder rec(r);
  auto id = r.start(test::host_spec(2, 2, "resign"));
  BOOST_REQUIRE(id);
  auto final = rec.wait_terminal(*id);
  BOOST_REQUIRE(final);
  BOOST_CHECK(final->status == tournament_status::failed);
  BOOST_CHECK_MESSAGE(final->error_message.find("not-a-dir") != std::string::npos, final->error_message);
  BOOST_CHECK_EQUAL(rec.terminal_count(*id), 1u);
}

BOOST_AUTO_TEST_CASE(hostile_names_stay_inside_the_storage_directory) {
  runtime r = make(options());
  register_all(r);
  // 256 bytes: the longest name start() accepts, still cut to 64 in the folder name.
  for (std::string name : {std::string("../escape"), std::string("a/b/../../c"), std::string("\x01\x02\n"),
                           std::string(256, 'x'), std::string("..")}) {
    auto id = r.start(test::host_spec(2, 1, "resign"), name);
    BOOST_REQUIRE(id);
    auto final = r.wait(*id, 30s);
    BOOST_REQUIRE(final);
    auto folder = fs::path(final->folder);
    BOOST_CHECK_EQUAL(folder.parent_path().string(), dir.path());
    BOOST_CHECK(fs::exists(folder / "tournament.json"));
    BOOST_CHECK_LE(folder.filename().string().size(), 64u + 9u);
  }
}

BOOST_AUTO_TEST_CASE(bad_specs_and_unknown_policies_are_rejected_before_anything_starts) {
  runtime r = make(options());
  register_all(r);
  auto one_player = test::host_spec(1, 2, "resign");
  auto e1 = r.start(one_player);
  BOOST_REQUIRE(!e1);
  BOOST_CHECK(e1.error().message.find("players") != std::string::npos);
  auto e2 = r.start(test::host_spec(2, 2, "no-such-policy"));
  BOOST_REQUIRE(!e2);
  BOOST_CHECK(e2.error().message.find("no-such-policy") != std::string::npos);
  BOOST_CHECK(r.list_all().empty());
}

BOOST_AUTO_TEST_CASE(start_applies_the_input_limits_to_a_spec_built_in_code) {
  // The embedding API gets the checks of a config file (README, Configs).
  runtime r = make(options());
  register_all(r);
  auto long_name = test::host_spec(2, 1, "resign");
  long_name.name = std::string(50u << 20, 'n');
  auto e1 = r.start(long_name);
  BOOST_REQUIRE(!e1);
  BOOST_CHECK_MESSAGE(
      e1.error().message.find("name: 52428800 bytes, longer than the limit of 256 bytes") !=
          std::string::npos,
      e1.error().message.substr(0, 200));
  auto e2 = r.start(test::host_spec(2, 1, "resign"), std::string(300, 't'));
  BOOST_REQUIRE(!e2);
  BOOST_CHECK_MESSAGE(
      e2.error().message.find("name: 300 bytes, longer than the limit of 256 bytes") !=
          std::string::npos,
      e2.error().message.substr(0, 200));
  auto endless_book = test::host_spec(2, 1, "resign");
  endless_book.openings.file = "/dev/zero";
  auto e3 = r.start(endless_book);
  BOOST_REQUIRE(!e3);
  BOOST_CHECK_MESSAGE(
      e3.error().message.find("openings: /dev/zero:1: longer than the limit of 64 KiB a line") !=
          std::string::npos,
      e3.error().message.substr(0, 200));
  BOOST_CHECK(r.list_all().empty());
}

BOOST_AUTO_TEST_CASE(ids_are_unique) {
  runtime r = make(options(2, 4));
  register_all(r);
  std::set<std::string> ids;
  std::set<std::string> prefixes;
  for (int i = 0; i < 50; ++i) {
    auto id = r.start(test::host_spec(2, 1, "resign"));
    BOOST_REQUIRE(id);
    ids.insert(*id);
    prefixes.insert(id->substr(0, 8));
  }
  BOOST_CHECK_EQUAL(ids.size(), 50u);
  BOOST_CHECK_EQUAL(prefixes.size(), 50u);
}

BOOST_AUTO_TEST_CASE(snapshots_are_copies) {
  runtime r = make(options());
  register_all(r);
  auto id = r.start(test::host_spec(2, 2, "resign"));
  BOOST_REQUIRE(id);
  auto done = r.wait(*id, 30s);
  BOOST_REQUIRE(done);
  done->completed_games = 999;
  done->status = tournament_status::failed;
  auto again = r.progress(*id);
  BOOST_REQUIRE(again);
  BOOST_CHECK_EQUAL(again->completed_games, 2u);
  BOOST_CHECK(again->status == tournament_status::completed);
}

BOOST_AUTO_TEST_SUITE_END()
