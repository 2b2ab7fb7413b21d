// tournament_core driven by scripted event sequences: every policy of the
// tournament actor (per-player limits, remote replays and their cap, pause and
// cancel racing a grant, the slot-wait fault, the life cycle, the final report)
// without actors, files or real time.
#include "tourney/runtime/tournament_core.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <deque>
#include <functional>
#include <set>
#include <utility>

using namespace tourney;
using namespace std::chrono_literals;
using stage = rt::tournament_core::stage;

namespace {

const auto t0 = rt::wall_clock::time_point{} + 1000h;

template <class T>
std::vector<T> all(const rt::tournament_commands& commands) {
  std::vector<T> found;
  for (const auto& c : commands) {
    if (const auto* item = std::get_if<T>(&c)) {
      found.push_back(*item);
    }
  }
  return found;
}

template <class T>
T only(const rt::tournament_commands& commands) {
  auto found = all<T>(commands);
  BOOST_REQUIRE_EQUAL(found.size(), 1u);
  return found.front();
}

std::vector<std::uint64_t> requested(const rt::tournament_commands& commands) {
  std::vector<std::uint64_t> indices;
  for (const auto& r : all<rt::request_slot>(commands)) {
    indices.push_back(r.index);
  }
  return indices;
}

rt::tournament_commands ok(expected<rt::tournament_commands> commands) {
  BOOST_REQUIRE_MESSAGE(commands.has_value(), (commands ? "" : commands.error().message));
  return std::move(*commands);
}

spec::tournament_spec players_spec(int count, spec::format kind) {
  spec::tournament_spec s;
  s.name = "t";
  s.kind = kind;
  for (int i = 0; i < count; ++i) {
    spec::player_spec p;
    p.name = std::string(1, static_cast<char>('a' + i));
    p.player = spec::builtin_player{"random"};
    s.players.push_back(p);
  }
  s.games_per_pairing = 2;
  return s;
}

struct fixture_options {
  std::size_t slots = 4;
  std::vector<rt::move_cost> costs;
  std::size_t light_slots = 0;
  int remote_attempts = 5;
  std::vector<std::string> shared_keys;
  std::vector<rt::finished_game> finished;
};

fixture_options slots(std::size_t n) {
  fixture_options o;
  o.slots = n;
  return o;
}

rt::tournament_core make_core(spec::tournament_spec s, fixture_options o = {}) {
  auto spec = std::make_shared<const spec::tournament_spec>(std::move(s));
  auto plan = schedule::schedule::create(*spec, 1);
  BOOST_REQUIRE_MESSAGE(plan.has_value(), (plan ? "" : plan.error().message));
  rt::tournament_setup setup;
  setup.id = "0123456789abcdef0123456789abcdef";
  setup.name = "t";
  setup.folder = "/results/t-01234567";
  setup.spec = spec;
  setup.shared_keys = o.shared_keys;
  setup.shared_keys.resize(spec->players.size());
  setup.slots = o.slots;
  setup.costs = o.costs;
  setup.light_slots = o.light_slots;
  setup.remote_attempts = o.remote_attempts;
  if (!o.finished.empty()) {
    setup.finished = std::make_shared<const std::vector<rt::finished_game>>(o.finished);
  }
  return rt::tournament_core(std::move(setup), std::move(*plan));
}

rt::finished_game won_by_black(const rt::tournament_core& core, std::uint64_t index) {
  const auto a = core.plan().at(index);
  rt::finished_game g;
  g.game_id = "01234567-" + std::string(5 - std::to_string(index).size(), '0') + std::to_string(index);
  g.index = index;
  g.round = a.round;
  g.black = core.setup().spec->players[a.black].name;
  g.white = core.setup().spec->players[a.white].name;
  g.result = game::result::black_win;
  g.reason = "checkmate";
  return g;
}

/// Grants game `index` a local slot and starts it; the commands after the start.
rt::tournament_commands start_local(rt::tournament_core& core, std::uint64_t index) {
  auto granted = core.on_grant(index, "");
  BOOST_REQUIRE_EQUAL(only<rt::start_game>(granted).index, index);
  return core.on_game_started(index);
}

/// A local game ends with a result and its line becomes durable.
rt::tournament_commands finish_local(rt::tournament_core& core, std::uint64_t index) {
  auto done = core.on_game_done(won_by_black(core, index));
  auto append = only<rt::append_game>(done);
  auto out = core.on_appended(append.token, "", t0);
  out.insert(out.begin(), done.begin(), done.end());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runtime_tournament_core)

BOOST_AUTO_TEST_CASE(start_runs_opens_the_folder_and_asks_for_as_many_slots_as_there_are) {
  auto core = make_core(players_spec(3, spec::format::round_robin), slots(2));
  auto out = core.start(t0);
  BOOST_TEST((core.current_stage() == stage::running));
  auto event = only<rt::emit_event>(out);
  BOOST_TEST((event.kind == rt::event_kind::status));
  BOOST_TEST((event.snapshot.status == rt::tournament_status::running));
  BOOST_TEST(event.snapshot.start_time.has_value());
  BOOST_TEST(!only<rt::open_folder>(out).checkpoint_json.empty());
  BOOST_TEST((requested(out) == std::vector<std::uint64_t>{0, 1}));
  // The folder exists: no further request while both slots are asked for.
  BOOST_TEST(requested(core.on_folder_opened("", t0)).empty());
}

BOOST_AUTO_TEST_CASE(a_tournament_concurrency_below_the_slots_bounds_the_requests) {
  auto s = players_spec(3, spec::format::round_robin);
  s.concurrency = 1;
  auto core = make_core(s, slots(8));
  BOOST_TEST(requested(core.start(t0)).size() == 1u);
  BOOST_TEST(requested(core.on_capacity(16)).empty());
}

BOOST_AUTO_TEST_CASE(more_slots_anywhere_mean_more_requests) {
  auto core = make_core(players_spec(3, spec::format::round_robin), slots(1));
  BOOST_TEST(requested(core.start(t0)).size() == 1u);
  BOOST_TEST(requested(core.on_capacity(3)).size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_player_at_its_limit_waits_while_games_without_it_go_ahead) {
  // Round robin a, b, c, d; a plays at most one game at a time.
  auto s = players_spec(4, spec::format::round_robin);
  s.players[0].max_concurrent_games = 1;
  auto core = make_core(s, slots(12));
  auto with_a = [&core](std::uint64_t index) {
    const auto a = core.plan().at(index);
    return a.black == 0 || a.white == 0;
  };
  std::set<std::uint64_t> waiting;
  for (auto i : requested(core.start(t0))) {
    waiting.insert(i);
  }
  // 12 games, 6 of them without a: those 6 and one of a's.
  BOOST_TEST(waiting.size() == 7u);
  BOOST_TEST(std::count_if(waiting.begin(), waiting.end(), with_a) == 1);
  BOOST_TEST(core.load()[0] == 1);
  // Play everything, always checking a's limit across requested and running games.
  std::set<std::uint64_t> played;
  while (!waiting.empty()) {
    const auto index = *waiting.begin();
    waiting.erase(waiting.begin());
    auto more = start_local(core, index);
    BOOST_TEST(core.load()[0] <= 1);
    auto after = finish_local(core, index);
    played.insert(index);
    for (auto i : requested(more)) {
      waiting.insert(i);
    }
    for (auto i : requested(after)) {
      waiting.insert(i);
    }
    BOOST_TEST(core.load()[0] <= 1);
  }
  BOOST_TEST(played.size() == 12u);
  BOOST_TEST((core.current_stage() == stage::finishing));
}

BOOST_AUTO_TEST_CASE(a_game_of_a_player_with_a_shared_limit_names_its_key) {
  auto core = make_core(players_spec(3, spec::format::gauntlet), [] { auto o = slots(4); o.shared_keys = {"", "gpu-b"}; return o; }());
  for (const auto& r : all<rt::request_slot>(core.start(t0))) {
    const auto a = core.plan().at(r.index);
    const bool uses_b = a.black == 1 || a.white == 1;
    BOOST_TEST((r.keys == (uses_b ? std::vector<std::string>{"gpu-b"} : std::vector<std::string>{})));
  }
}

BOOST_AUTO_TEST_CASE(light_games_go_up_to_the_policies_limit_and_the_others_up_to_the_slots) {
  // A gauntlet: a (batched) against b (instant, light games) and c (an
  // engine: games that need a core), 6 games each, one slot anywhere.
  auto s = players_spec(3, spec::format::gauntlet);
  s.games_per_pairing = 6;
  fixture_options o = slots(1);
  o.costs = {rt::move_cost::batched, rt::move_cost::instant, rt::move_cost::core};
  o.light_slots = 4;
  o.shared_keys = {"host:net", "", ""};
  auto core = make_core(s, o);
  auto light_game = [&core](std::uint64_t index) {
    const auto a = core.plan().at(index);
    return a.black == 1 || a.white == 1;
  };
  auto out = core.start(t0);
  std::size_t light = 0, heavy = 0;
  for (const auto& r : all<rt::request_slot>(out)) {
    BOOST_TEST(r.light == light_game(r.index));
    BOOST_TEST((r.keys == std::vector<std::string>{"host:net"}));
    (r.light ? light : heavy) += 1;
  }
  BOOST_TEST(light == 4u);
  BOOST_TEST(heavy == 1u);
  // A light game ending asks for the next light one, never a second core game.
  std::uint64_t first_light = 0;
  for (const auto& r : all<rt::request_slot>(out)) {
    if (r.light) {
      first_light = r.index;
      break;
    }
  }
  start_local(core, first_light);
  auto after = finish_local(core, first_light);
  auto more = all<rt::request_slot>(after);
  BOOST_REQUIRE_EQUAL(more.size(), 1u);
  BOOST_TEST(more[0].light);
  // With spec.concurrency set it bounds all games together.
  s.concurrency = 3;
  auto capped = make_core(s, o);
  BOOST_TEST(all<rt::request_slot>(capped.start(t0)).size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_lost_remote_game_is_replayed_elsewhere_until_its_attempt_cap) {
  auto core = make_core(players_spec(2, spec::format::round_robin), [] { auto o = slots(1); o.remote_attempts = 2; return o; }());
  BOOST_TEST((requested(core.start(t0)) == std::vector<std::uint64_t>{0}));
  auto first = only<rt::start_remote_game>(core.on_grant(0, "w1:9000"));
  BOOST_TEST(first.attempt == 1);
  BOOST_TEST(first.game_id == "01234567-00000");
  // A loss reported for another site is not this game's.
  BOOST_TEST(core.on_site_lost(0, "w2:9000", "gone", t0).empty());
  auto lost = core.on_site_lost(0, "w1:9000", "connection reset", t0);
  BOOST_TEST(only<rt::suspect_site>(lost).site == "w1:9000");
  BOOST_TEST(all<rt::release_slot>(lost).empty());  // the supervisor took the slot back
  BOOST_TEST((requested(lost) == std::vector<std::uint64_t>{0}));  // asked for again, first
  auto second = only<rt::start_remote_game>(core.on_grant(0, "w2:9000"));
  BOOST_TEST(second.attempt == 2);
  // The first attempt's late answer is ignored: the game counts once.
  const std::string line = R"({"game_id":"01234567-00000","result":"black_win","reason":"checkmate"})";
  BOOST_TEST(core.on_remote_report(0, 1, {"", line, ""}, t0).empty());
  // Second failure: the cap is reached, the game is an error game.
  auto failed = core.on_remote_failed(0, 2, "request_timeout", t0);
  BOOST_TEST(only<rt::suspect_site>(failed).site == "w2:9000");
  BOOST_TEST(only<rt::release_slot>(failed).index == 0u);
  BOOST_TEST((requested(failed) == std::vector<std::uint64_t>{1}));  // the next game, in its slot
  auto append = only<rt::append_game>(failed);
  BOOST_TEST(append.line.find(R"("result":"error")") != std::string::npos);
  BOOST_REQUIRE_EQUAL(core.errors().size(), 1u);
  BOOST_TEST(core.errors()[0] ==
             "01234567-00000: not played after 2 attempts on workers (last: w2:9000: request_timeout)");
  BOOST_TEST(requested(core.on_appended(append.token, "", t0)).empty());
}

BOOST_AUTO_TEST_CASE(a_remote_game_counts_with_its_node_and_an_unreadable_answer_is_replayed) {
  auto core = make_core(players_spec(2, spec::format::round_robin), slots(1));
  core.start(t0);
  core.on_grant(0, "w1:9000");
  auto bad = core.on_remote_report(0, 1, {"", R"({"game_id":"someone-else","result":"draw"})", ""}, t0);
  BOOST_TEST(only<rt::suspect_site>(bad).site == "w1:9000");
  BOOST_TEST((requested(bad) == std::vector<std::uint64_t>{0}));
  BOOST_TEST(only<rt::start_remote_game>(core.on_grant(0, "w2:9000")).attempt == 2);
  const std::string line = R"({"game_id":"01234567-00000","result":"draw","reason":"max_plies"})";
  auto good = core.on_remote_report(0, 2, {"", line, ""}, t0);
  BOOST_TEST(only<rt::release_slot>(good).index == 0u);
  BOOST_TEST(all<rt::suspect_site>(good).empty());
  BOOST_TEST(only<rt::append_game>(good).line.find(R"("node":"w2:9000")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_grant_that_arrives_after_pause_is_given_back_and_the_game_asked_for_after_resume) {
  auto core = make_core(players_spec(3, spec::format::round_robin), slots(2));
  BOOST_TEST((requested(core.start(t0)) == std::vector<std::uint64_t>{0, 1}));
  auto paused = ok(core.pause(t0 + 1s));
  BOOST_TEST((core.current_stage() == stage::paused));
  only<rt::withdraw_requests>(paused);
  BOOST_TEST((only<rt::emit_event>(paused).snapshot.status == rt::tournament_status::paused));
  BOOST_TEST(core.load() == std::vector<int>({0, 0, 0}));
  // The supervisor granted game 1 before it saw the withdrawal.
  auto late = core.on_grant(1, "");
  BOOST_TEST(only<rt::release_slot>(late).index == 1u);
  BOOST_TEST(all<rt::start_game>(late).empty());
  BOOST_TEST(core.in_flight() == 0u);
  auto resumed = ok(core.resume(t0 + 2s));
  BOOST_TEST((requested(resumed) == std::vector<std::uint64_t>{0, 1}));
}

BOOST_AUTO_TEST_CASE(a_game_in_flight_during_pause_finishes_and_counts) {
  auto core = make_core(players_spec(3, spec::format::round_robin), slots(2));
  core.start(t0);
  start_local(core, 0);
  ok(core.pause(t0));
  auto after = finish_local(core, 0);
  BOOST_TEST(only<rt::release_slot>(after).index == 0u);
  BOOST_TEST(requested(after).empty());  // paused: nothing new
  BOOST_TEST(only<rt::emit_event>(after).snapshot.completed_games == 1u);
}

BOOST_AUTO_TEST_CASE(cancel_stops_the_games_in_flight_refuses_a_late_grant_and_reports_once) {
  auto core = make_core(players_spec(3, spec::format::round_robin), slots(3));
  BOOST_TEST((requested(core.start(t0)) == std::vector<std::uint64_t>{0, 1, 2}));
  start_local(core, 0);
  core.on_grant(1, "w1:9000");
  auto cancelled = ok(core.cancel(t0 + 5s));
  only<rt::withdraw_requests>(cancelled);
  auto stops = all<rt::stop_game>(cancelled);
  BOOST_REQUIRE_EQUAL(stops.size(), 2u);
  BOOST_TEST(stops[0].site == "");
  BOOST_TEST(stops[1].site == "w1:9000");
  BOOST_TEST(stops[1].game_id == "01234567-00001");
  BOOST_TEST(all<rt::release_slot>(cancelled).size() == 2u);
  auto report = only<rt::write_final_report>(cancelled);
  BOOST_TEST(!report.completed);
  BOOST_TEST(report.json.find(R"("status": "cancelled")") != std::string::npos);
  // Racing the cancel: a grant, the stopped games' results, another cancel.
  BOOST_TEST(only<rt::release_slot>(core.on_grant(2, "")).index == 2u);
  BOOST_TEST(core.on_game_done(won_by_black(core, 0)).empty());
  BOOST_TEST(core.on_remote_report(1, 1, {"", "{}", ""}, t0).empty());
  BOOST_TEST(core.cancel(t0).error().message == "the tournament is finishing");
  BOOST_TEST(core.on_fault("late", t0).empty());
  auto ended = core.on_final_report_written("", t0 + 6s);
  BOOST_TEST((core.current_stage() == stage::ended));
  auto terminal = only<rt::emit_event>(ended);
  BOOST_TEST((terminal.kind == rt::event_kind::terminal));
  BOOST_TEST((terminal.snapshot.status == rt::tournament_status::cancelled));
  only<rt::quit>(ended);
  BOOST_TEST(core.on_final_report_written("", t0).empty());
}

BOOST_AUTO_TEST_CASE(cancel_waits_for_appends_in_progress_before_the_final_report) {
  auto core = make_core(players_spec(2, spec::format::round_robin), slots(1));
  core.start(t0);
  start_local(core, 0);
  auto done = core.on_game_done(won_by_black(core, 0));
  auto append = only<rt::append_game>(done);
  BOOST_TEST(all<rt::write_final_report>(ok(core.cancel(t0))).empty());
  BOOST_TEST((core.current_stage() == stage::cancelling));
  auto out = core.on_appended(append.token, "", t0);
  BOOST_TEST(!only<rt::write_final_report>(out).completed);
  // The durable game still counts in the report.
  BOOST_TEST(only<rt::write_final_report>(out).json.find(R"("status": "cancelled")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_slot_for_the_slot_wait_limit_fails_the_tournament_with_the_reason) {
  auto core = make_core(players_spec(2, spec::format::round_robin), slots(0));
  BOOST_TEST(requested(core.start(t0)).size() == 1u);  // one request even without slots
  auto waiting = core.on_waiting("waiting for a game slot: no worker connected", t0);
  BOOST_TEST(only<rt::emit_event>(waiting).snapshot.waiting_reason == "waiting for a game slot: no worker connected");
  auto failed = core.on_fault("no game slot for 300 s (waiting for a game slot: no worker connected)", t0);
  only<rt::withdraw_requests>(failed);
  BOOST_TEST(only<rt::write_final_report>(failed).json.find(R"("status": "failed")") != std::string::npos);
  auto ended = core.on_final_report_written("", t0);
  auto terminal = only<rt::emit_event>(ended).snapshot;
  BOOST_TEST((terminal.status == rt::tournament_status::failed));
  BOOST_TEST(terminal.error_message == "no game slot for 300 s (waiting for a game slot: no worker connected)");
}

BOOST_AUTO_TEST_CASE(a_journal_error_fails_and_a_final_report_error_is_failed_too) {
  auto core = make_core(players_spec(2, spec::format::round_robin), slots(1));
  core.start(t0);
  start_local(core, 0);
  auto done = core.on_game_done(won_by_black(core, 0));
  auto out = core.on_appended(only<rt::append_game>(done).token, "No space left on device", t0);
  BOOST_TEST(core.errors() == std::vector<std::string>{"games.jsonl: No space left on device"});
  only<rt::write_final_report>(out);
  auto ended = core.on_final_report_written("rename: Permission denied", t0);
  auto terminal = only<rt::emit_event>(ended).snapshot;
  BOOST_TEST((terminal.status == rt::tournament_status::failed));
  BOOST_TEST(terminal.error_message == "tournament.json: rename: Permission denied");
}

BOOST_AUTO_TEST_CASE(a_game_that_cannot_be_made_or_whose_actor_crashes_is_an_error_game) {
  auto core = make_core(players_spec(3, spec::format::round_robin), slots(2));
  core.start(t0);
  core.on_grant(0, "");
  auto not_started = core.on_game_not_started(0, "no referee configured");
  BOOST_TEST(only<rt::release_slot>(not_started).index == 0u);
  BOOST_TEST(only<rt::append_game>(not_started).line.find(R"("result":"error")") != std::string::npos);
  BOOST_TEST((requested(not_started) == std::vector<std::uint64_t>{2}));
  start_local(core, 1);
  auto crashed = core.on_game_exited(1, std::string("runtime_error"));
  BOOST_TEST(only<rt::release_slot>(crashed).index == 1u);
  only<rt::forget_game>(crashed);
  BOOST_TEST(core.errors() == (std::vector<std::string>{"01234567-00000: no referee configured",
                                                        "01234567-00001: game actor failed: runtime_error"}));
  // A normal exit after the result changes nothing more.
  start_local(core, 2);
  finish_local(core, 2);
  BOOST_TEST(core.on_game_exited(2, std::nullopt).empty());
}

BOOST_AUTO_TEST_CASE(a_whole_tournament_completes_once_after_its_last_line_is_durable) {
  auto core = make_core(players_spec(2, spec::format::round_robin), slots(2));
  BOOST_TEST((requested(core.start(t0)) == std::vector<std::uint64_t>{0, 1}));
  start_local(core, 0);
  start_local(core, 1);
  BOOST_TEST(all<rt::write_final_report>(finish_local(core, 0)).empty());
  auto done = core.on_game_done(won_by_black(core, 1));
  BOOST_TEST(all<rt::write_final_report>(done).empty());  // its line is not durable yet
  auto last = core.on_appended(only<rt::append_game>(done).token, "", t0 + 10s);
  // The last progress event still says running; the report says completed.
  BOOST_TEST((only<rt::emit_event>(last).snapshot.status == rt::tournament_status::running));
  BOOST_TEST(only<rt::emit_event>(last).snapshot.completed_games == 2u);
  BOOST_TEST(only<rt::write_final_report>(last).completed);
  BOOST_TEST(core.pause(t0).error().message == "the tournament is finishing");
  auto ended = core.on_final_report_written("", t0 + 11s);
  BOOST_TEST((only<rt::emit_event>(ended).snapshot.status == rt::tournament_status::completed));
  only<rt::quit>(ended);
}

BOOST_AUTO_TEST_CASE(an_sprt_verdict_stops_dispatching_and_the_games_in_flight_still_count) {
  auto s = players_spec(2, spec::format::round_robin);
  s.games_per_pairing = 400;
  spec::sprt_spec sprt;
  sprt.elo0 = 0.0;
  sprt.elo1 = 400.0;  // every pair split 1-1: evidence for H0 after a few pairs
  sprt.alpha = 0.2;
  sprt.beta = 0.2;
  sprt.model = spec::sprt_model::logistic;
  s.sprt = sprt;
  auto core = make_core(s, slots(2));
  std::deque<std::uint64_t> flying;
  for (auto i : requested(core.start(t0))) {
    start_local(core, i);
    flying.push_back(i);
  }
  bool decided = false;
  for (int guard = 0; guard < 400 && !decided; ++guard) {
    const auto index = flying.front();
    flying.pop_front();
    auto after = finish_local(core, index);
    decided = !all<rt::withdraw_requests>(after).empty();
    if (!decided) {
      for (auto i : requested(after)) {
        start_local(core, i);
        flying.push_back(i);
      }
      continue;
    }
    // The game's end asked for the next slot before its line was durable;
    // the verdict withdraws that request and asks for nothing more.
    const auto withdrawal = std::find_if(after.begin(), after.end(), [](const rt::tournament_command& c) {
      return std::holds_alternative<rt::withdraw_requests>(c);
    });
    BOOST_TEST(requested(rt::tournament_commands(withdrawal, after.end())).empty());
    BOOST_TEST(all<rt::write_final_report>(after).empty());  // one game still in flight
    for (auto i : requested(after)) {
      BOOST_TEST(only<rt::release_slot>(core.on_grant(i, "")).index == i);  // granted too late
    }
  }
  BOOST_REQUIRE(decided);
  BOOST_REQUIRE_EQUAL(flying.size(), 1u);
  auto last = finish_local(core, flying.front());
  BOOST_TEST(requested(last).empty());
  auto snapshot = only<rt::emit_event>(last).snapshot;
  BOOST_TEST(snapshot.completed_games < snapshot.total_games);
  BOOST_TEST(only<rt::write_final_report>(last).completed);
}

BOOST_AUTO_TEST_CASE(a_resumed_tournament_never_asks_for_journaled_games) {
  auto s = players_spec(2, spec::format::round_robin);
  auto probe = make_core(s);
  auto core = make_core(s, [&] { auto o = slots(4); o.finished = {won_by_black(probe, 0)}; return o; }());
  BOOST_TEST((requested(core.start(t0)) == std::vector<std::uint64_t>{1}));
  // Everything journaled: it completes as soon as its folder is open.
  auto all_done = make_core(s, [&] { auto o = slots(4); o.finished = {won_by_black(probe, 0), won_by_black(probe, 1)}; return o; }());
  BOOST_TEST(requested(all_done.start(t0)).empty());
  BOOST_TEST(only<rt::write_final_report>(all_done.on_folder_opened("", t0)).completed);
}

BOOST_AUTO_TEST_CASE(control_calls_refuse_steps_the_life_cycle_does_not_have) {
  auto core = make_core(players_spec(2, spec::format::round_robin), slots(1));
  BOOST_TEST(core.pause(t0).error().message ==
             "cannot go from created to paused: the tournament has not started yet");
  core.start(t0);
  BOOST_TEST(core.resume(t0).error().message ==
             "cannot go from running to running: the tournament is already running");
  ok(core.pause(t0));
  BOOST_TEST(core.pause(t0).error().message == "cannot go from paused to paused: the tournament is already paused");
  ok(core.resume(t0));
  start_local(core, 0);
  auto done = core.on_game_done(won_by_black(core, 0));  // an append in progress keeps it cancelling
  ok(core.cancel(t0));
  BOOST_TEST(core.pause(t0).error().message == "the tournament is being cancelled");
  BOOST_TEST(core.resume(t0).error().message == "the tournament is being cancelled");
  BOOST_TEST(core.cancel(t0).error().message == "the tournament is being cancelled");
  // A disk error while cancelling: FAILED wins.
  auto out = core.on_appended(only<rt::append_game>(done).token, "EIO", t0);
  BOOST_TEST(only<rt::write_final_report>(out).json.find(R"("status": "failed")") != std::string::npos);
}

// Every stage change seen over scripted runs is a step of the life cycle:
// created -> running <-> paused -> cancelling | failing | finishing,
// cancelling -> failing | finishing, failing -> finishing, finishing -> ended.
BOOST_AUTO_TEST_CASE(every_stage_change_is_a_life_cycle_step) {
  const std::set<std::pair<stage, stage>> steps{
      {stage::created, stage::running},      {stage::running, stage::paused},
      {stage::paused, stage::running},       {stage::running, stage::cancelling},
      {stage::paused, stage::cancelling},    {stage::running, stage::failing},
      {stage::paused, stage::failing},       {stage::running, stage::finishing},
      {stage::paused, stage::finishing},     {stage::cancelling, stage::failing},
      {stage::cancelling, stage::finishing}, {stage::failing, stage::finishing},
      {stage::finishing, stage::ended},
  };
  // Each script: a sequence of calls on a 3-player round robin with 2 slots.
  using step = std::function<void(rt::tournament_core&)>;
  auto grant_and_start = [](std::uint64_t i) {
    return [i](rt::tournament_core& c) {
      if (!all<rt::start_game>(c.on_grant(i, "")).empty()) {
        c.on_game_started(i);
      }
    };
  };
  auto finish = [](std::uint64_t i) { return [i](rt::tournament_core& c) { finish_local(c, i); }; };
  auto pause = [](rt::tournament_core& c) { (void)c.pause(t0); };
  auto resume = [](rt::tournament_core& c) { (void)c.resume(t0); };
  auto cancel = [](rt::tournament_core& c) { (void)c.cancel(t0); };
  auto fault = [](rt::tournament_core& c) { c.on_fault("engine died", t0); };
  auto written = [](rt::tournament_core& c) { c.on_final_report_written("", t0); };
  const std::vector<std::vector<step>> scripts{
      {grant_and_start(0), pause, finish(0), resume, cancel, written},
      {grant_and_start(0), grant_and_start(1), fault, cancel, pause, written},
      {pause, cancel, resume, written},
      {grant_and_start(0), grant_and_start(1), finish(0), finish(1), grant_and_start(2), grant_and_start(3),
       finish(2), finish(3), pause, grant_and_start(4), resume, grant_and_start(4), grant_and_start(5), finish(4),
       finish(5), written},
  };
  for (const auto& script : scripts) {
    auto core = make_core(players_spec(3, spec::format::round_robin), slots(2));
    auto before = core.current_stage();
    core.start(t0);
    std::vector<stage> seen{before, core.current_stage()};
    for (const auto& s : script) {
      s(core);
      if (core.current_stage() != seen.back()) {
        seen.push_back(core.current_stage());
      }
    }
    for (std::size_t i = 1; i < seen.size(); ++i) {
      BOOST_TEST(steps.count({seen[i - 1], seen[i]}) == 1u,
                 "stage " << int(seen[i - 1]) << " -> " << int(seen[i]));
    }
    BOOST_TEST((seen.back() == stage::ended));
  }
}

BOOST_AUTO_TEST_SUITE_END()
