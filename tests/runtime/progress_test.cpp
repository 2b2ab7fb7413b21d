// Counting, rates, ETA, the registry's bounded history, subscriber queues
// and tournament.json: consistent numbers everywhere.
#include <boost/test/unit_test.hpp>

#include <poll.h>

#include "tourney/runtime/event_queue.hpp"
#include "tourney/runtime/progress.hpp"
#include "tourney/runtime/registry.hpp"
#include "tourney/runtime/tournament_report.hpp"

using namespace tourney::rt;
using namespace std::chrono_literals;

namespace {

finished_game game(std::uint64_t index, std::string black, std::string white, tourney::game::result r, double secs = 1.0) {
  finished_game g;
  g.index = index;
  g.black = std::move(black);
  g.white = std::move(white);
  g.result = r;
  g.duration_s = secs;
  g.plies = 10;
  return g;
}

tournament_event ev(event_kind k, const std::string& id, std::uint64_t completed) {
  tournament_event e;
  e.kind = k;
  e.snapshot.tournament_id = id;
  e.snapshot.completed_games = completed;
  return e;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runtime_progress)

BOOST_AUTO_TEST_CASE(every_game_is_exactly_one_of_four_results) {
  progress_tracker t("id", "n", {"a", "b", "c"}, 6, 1);
  const auto t0 = wall_clock::now();
  t.mark_running(t0);
  t.set_status(tournament_status::running);
  t.game_started(0, 0, "a vs b");
  t.game_finished(game(0, "a", "b", tourney::game::result::black_win));
  t.game_finished(game(1, "b", "a", tourney::game::result::black_win));
  t.game_finished(game(2, "a", "c", tourney::game::result::draw));
  t.game_finished(game(3, "c", "a", tourney::game::result::error));
  t.game_finished(game(4, "a", "c", tourney::game::result::white_win));
  auto s = t.snapshot(t0 + 10s);
  BOOST_CHECK_EQUAL(s.completed_games, 5u);
  BOOST_CHECK_EQUAL(s.failed_games, 1u);
  BOOST_CHECK_EQUAL(s.black_wins + s.white_wins + s.draws + s.failed_games, s.completed_games);
  BOOST_CHECK_EQUAL(s.games_in_flight, 0u);
  const auto& a = s.standings[0];
  BOOST_CHECK_EQUAL(a.name, "a");
  BOOST_CHECK_EQUAL(a.played, 5u);
  BOOST_CHECK_EQUAL(a.wins, 1u);
  BOOST_CHECK_EQUAL(a.losses, 2u);
  BOOST_CHECK_EQUAL(a.draws, 1u);
  BOOST_CHECK_EQUAL(a.errors, 1u);
  BOOST_CHECK_CLOSE(a.points, 1.5, 1e-9);
  // Per-opponent from a's view.
  const auto& vs = t.first_player_versus();
  BOOST_CHECK_EQUAL(vs[1].played, 2u);
  BOOST_CHECK_EQUAL(vs[1].wins, 1u);
  BOOST_CHECK_EQUAL(vs[1].losses, 1u);
  BOOST_CHECK_EQUAL(vs[2].played, 3u);
  BOOST_CHECK_EQUAL(vs[2].draws, 1u);
  BOOST_CHECK_EQUAL(vs[2].errors, 1u);
  BOOST_CHECK_EQUAL(vs[2].losses, 1u);
}

BOOST_AUTO_TEST_CASE(rates_are_over_the_whole_run_and_exclude_pauses) {
  progress_tracker t("id", "n", {"a", "b"}, 10, 1);
  const auto t0 = wall_clock::now();
  t.mark_running(t0);
  t.set_status(tournament_status::running);
  t.game_finished(game(0, "a", "b", tourney::game::result::draw, 2.0));
  t.game_finished(game(1, "b", "a", tourney::game::result::draw, 4.0));
  auto s = t.snapshot(t0 + 4s);
  BOOST_CHECK_CLOSE(s.games_per_second, 0.5, 1e-6);
  BOOST_CHECK_CLOSE(s.average_game_duration_s, 3.0, 1e-9);
  BOOST_REQUIRE(s.estimated_completion);
  // 8 games left at 0.5 games/s: 16 s after now.
  BOOST_CHECK_CLOSE(std::chrono::duration<double>(*s.estimated_completion - (t0 + 4s)).count(), 16.0, 1e-3);
  BOOST_CHECK_CLOSE(s.completion_percentage(), 20.0, 1e-9);
  // 6 s paused do not count.
  t.mark_paused(t0 + 4s);
  t.set_status(tournament_status::paused);
  t.mark_running(t0 + 10s);
  t.set_status(tournament_status::running);
  t.game_finished(game(2, "a", "b", tourney::game::result::draw, 3.0));
  auto s2 = t.snapshot(t0 + 12s);
  BOOST_CHECK_CLOSE(s2.games_per_second, 3.0 / 6.0, 1e-6);
  BOOST_CHECK(s2.start_time == t0);
  t.mark_ended(t0 + 12s);
  auto s3 = t.snapshot(t0 + 20s);
  BOOST_CHECK(s3.end_time == t0 + 12s);
  BOOST_CHECK(!s3.estimated_completion);
  BOOST_CHECK_CLOSE(s3.games_per_second, 0.5, 1e-6);
}

BOOST_AUTO_TEST_CASE(zero_games_do_not_divide_by_zero) {
  progress_tracker t("id", "n", {"a", "b"}, 0, 1);
  auto s = t.snapshot(wall_clock::now());
  BOOST_CHECK_EQUAL(s.completion_percentage(), 0.0);
  BOOST_CHECK_EQUAL(s.games_per_second, 0.0);
  BOOST_CHECK(!s.is_active());
  BOOST_CHECK(!s.is_complete());
}

BOOST_AUTO_TEST_CASE(history_keeps_only_the_newest) {
  registry r(3);
  for (int i = 0; i < 10; ++i) {
    progress_snapshot s;
    s.tournament_id = "t" + std::to_string(i);
    r.add(s);
    s.status = tournament_status::completed;
    r.retire(s);
  }
  BOOST_CHECK_EQUAL(r.history_count(), 3u);
  BOOST_CHECK_EQUAL(r.active_count(), 0u);
  BOOST_CHECK(!r.find_finished("t6"));
  BOOST_CHECK(r.find_finished("t7"));
  BOOST_CHECK(r.find_finished("t9"));
  auto all = r.all();
  BOOST_REQUIRE_EQUAL(all.size(), 3u);
  BOOST_CHECK_EQUAL(all.front().tournament_id, "t7");
}

BOOST_AUTO_TEST_CASE(progress_events_coalesce_status_and_terminal_events_never_drop) {
  event_queue q(4);
  q.push(ev(event_kind::status, "a", 0));
  q.push(ev(event_kind::progress, "a", 1));
  q.push(ev(event_kind::progress, "a", 2));  // replaces the queued one
  q.push(ev(event_kind::progress, "b", 1));
  q.push(ev(event_kind::progress, "a", 3));  // a's latest is still a progress event
  q.push(ev(event_kind::terminal, "a", 3));
  q.push(ev(event_kind::progress, "b", 2));
  auto xs = q.take_all();
  BOOST_REQUIRE_EQUAL(xs.size(), 4u);
  BOOST_CHECK(xs[0].kind == event_kind::status);
  BOOST_CHECK(xs[1].kind == event_kind::progress && xs[1].snapshot.completed_games == 3u);
  BOOST_CHECK(xs[2].snapshot.tournament_id == "b" && xs[2].snapshot.completed_games == 2u);
  BOOST_CHECK(xs[3].kind == event_kind::terminal);
  BOOST_CHECK_EQUAL(q.coalesced(), 3u);
  // Over capacity, progress goes first, status and terminal stay.
  for (int i = 0; i < 20; ++i) {
    q.push(ev(event_kind::terminal, "t" + std::to_string(i), 0));
    q.push(ev(event_kind::progress, "p" + std::to_string(i), 0));
  }
  auto ys = q.take_all();
  std::size_t terminals = 0;
  for (const auto& y : ys) {
    terminals += y.kind == event_kind::terminal ? 1 : 0;
  }
  BOOST_CHECK_EQUAL(terminals, 20u);
}

BOOST_AUTO_TEST_CASE(the_fd_is_readable_exactly_while_events_are_queued) {
  event_queue q;
  pollfd p{q.fd(), POLLIN, 0};
  BOOST_CHECK_EQUAL(::poll(&p, 1, 0), 0);
  q.push(ev(event_kind::status, "a", 0));
  q.push(ev(event_kind::status, "a", 0));
  BOOST_CHECK_EQUAL(::poll(&p, 1, 0), 1);
  BOOST_CHECK(q.pop(0ms));
  BOOST_CHECK_EQUAL(::poll(&p, 1, 0), 1);
  BOOST_CHECK(q.pop(0ms));
  BOOST_CHECK_EQUAL(::poll(&p, 1, 0), 0);
  BOOST_CHECK(!q.pop(1ms));
  q.close();
  q.push(ev(event_kind::status, "a", 0));
  BOOST_CHECK_EQUAL(q.size(), 0u);
}

BOOST_AUTO_TEST_CASE(tournament_json_has_the_original_keys_and_consistent_counts) {
  progress_tracker t("0123456789abcdef0123456789abcdef", "n", {"agent", "x", "y"}, 4, 1);
  const auto t0 = wall_clock::now();
  t.mark_running(t0);
  t.game_finished(game(0, "agent", "x", tourney::game::result::black_win));
  t.game_finished(game(1, "x", "agent", tourney::game::result::error));
  t.game_finished(game(2, "agent", "y", tourney::game::result::draw));
  t.game_finished(game(3, "y", "agent", tourney::game::result::black_win));
  t.mark_ended(t0 + 2s);
  t.set_status(tournament_status::completed);
  report_input in;
  in.snapshot = t.snapshot(t0 + 2s);
  in.first_player_versus = t.first_player_versus();
  in.total_plies = t.total_plies();
  in.errors = {"game 1: boom"};
  auto j = tournament_json(in, t0 + 2s);
  for (auto key : {"tournament_id", "context", "timestamp", "total_games", "summary_stats", "analytics_data",
                   "errors", "status", "timing", "standings"}) {
    BOOST_CHECK_MESSAGE(j.contains(key), key);
  }
  BOOST_CHECK_EQUAL(j["total_games"], 4);
  BOOST_CHECK_EQUAL(j["summary_stats"]["total_games"], 4);
  BOOST_CHECK_EQUAL(j["summary_stats"]["agent_wins"], 1);
  BOOST_CHECK_EQUAL(j["summary_stats"]["opponent_wins"], 1);
  BOOST_CHECK_EQUAL(j["summary_stats"]["draws"], 1);
  BOOST_CHECK_EQUAL(j["summary_stats"]["errors"], 1);
  const auto& per = j["analytics_data"]["tournament_specific_analytics"]["per_opponent_results"];
  BOOST_CHECK_EQUAL(per["x"]["played"], 2);
  BOOST_CHECK_EQUAL(per["x"]["errors"], 1);
  BOOST_CHECK_EQUAL(per["y"]["losses"], 1);
  BOOST_CHECK_EQUAL(j["status"], "completed");
  BOOST_CHECK_CLOSE(j["timing"]["duration_s"].get<double>(), 2.0, 1e-6);
  BOOST_CHECK_EQUAL(j["context"]["environment_info"]["tournament_mode"], "background");
}

BOOST_AUTO_TEST_SUITE_END()
