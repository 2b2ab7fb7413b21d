// usi::engine_pool driven by scripted engine output: leases, the engine cap,
// games played out on the engine side, faults and shutdown, without
// processes, threads or real time. Engine lines follow the USI transcripts
// of docs/shogi.md 2.1.
#include "tourney/usi/engine_pool.hpp"

#include <boost/test/unit_test.hpp>
#include <csignal>
#include <map>

using namespace tourney;
using namespace tourney::usi;
using namespace std::chrono_literals;
using strings = std::vector<std::string>;

namespace {

struct reply {
  lease_request_id request = 0;
  engine_id id = 0;
  std::uint64_t lease = 0;
  std::string error;
};

// Records what the pool does; ids count up from 1.
struct recorder final : pool_effects {
  engine_id next = 1;
  std::vector<engine_id> spawned;
  std::vector<spawn_options> spawns;
  std::map<engine_id, strings> written;
  std::map<engine_id, steady::time_point> timers;
  std::map<engine_id, std::uint64_t> timer_ids;
  std::map<engine_id, std::vector<int>> signals;
  std::vector<engine_id> released;
  std::vector<reply> replies;
  std::vector<std::string> startup_failures;
  int all_gone_calls = 0;

  engine_id spawn(spawn_options options) override {
    spawns.push_back(std::move(options));
    spawned.push_back(next);
    return next++;
  }
  void write(engine_id id, strings lines) override {
    auto& w = written[id];
    w.insert(w.end(), lines.begin(), lines.end());
  }
  void set_timer(engine_id id, std::uint64_t timer, steady::time_point at) override {
    timers[id] = at;
    timer_ids[id] = timer;
  }
  void cancel_timer(engine_id id) override {
    timers.erase(id);
    timer_ids.erase(id);
  }
  void signal(engine_id id, int signal) override {
    signals[id].push_back(signal);
  }
  void release(engine_id id) override {
    released.push_back(id);
  }
  void lease_reply(lease_request_id request, engine_id id, std::uint64_t lease, std::string error) override {
    replies.push_back({request, id, lease, std::move(error)});
  }
  void startup_failed(std::string message) override {
    startup_failures.push_back(std::move(message));
  }
  void all_gone() override {
    ++all_gone_calls;
  }

  /// Lines written to `id` since the last call.
  strings take(engine_id id) {
    auto lines = std::move(written[id]);
    written[id].clear();
    return lines;
  }
};

struct client final : move_client {
  std::vector<std::pair<std::uint64_t, rt::player_answer>> answers;
  std::vector<std::shared_ptr<rt::game_referee>> returned;
  std::vector<std::string> whys;
  std::vector<std::string> failures;
  void answer(std::uint64_t ply, rt::player_answer a) override {
    answers.emplace_back(ply, std::move(a));
  }
  void give_back(std::shared_ptr<rt::game_referee> referee, std::string why, std::string failure) override {
    returned.push_back(std::move(referee));
    whys.push_back(std::move(why));
    failures.push_back(std::move(failure));
  }
};

// A game of `plies` moves, whoever plays them: it records what each side did.
struct scripted_referee final : rt::game_referee {
  int plies;
  int played = 0;
  std::vector<std::string> log;  // "b:move", "w:gone:<detail>", ...
  explicit scripted_referee(int n) : plies(n) {}
  shogi::color side() const {
    return played % 2 == 0 ? shogi::color::black : shogi::color::white;
  }
  std::optional<rt::turn> next_turn() override {
    if (played >= plies) {
      return std::nullopt;
    }
    rt::turn t;
    t.side = side();
    t.deadline = 1000ms;
    t.limits.nodes = 100;
    return t;
  }
  void on_decision(const players::decision&, std::chrono::nanoseconds) override {
    log.push_back(std::string(side() == shogi::color::black ? "b" : "w") + ":move");
    ++played;
  }
  void on_no_decision(rt::no_decision why, const std::string& detail) override {
    log.push_back(std::string(side() == shogi::color::black ? "b" : "w") + ":" +
                  (why == rt::no_decision::player_gone ? "gone" : why == rt::no_decision::timeout ? "timeout" : "other") +
                  ":" + detail);
    played = plies;  // a side that gives no decision loses: the game is over
  }
  void on_start_failure(const std::string&) override {
    played = plies;
  }
  rt::finished_game result() const override {
    return {};
  }
};

pool_player player(const std::string& name) {
  pool_player p;
  p.name = name;
  p.engine.command = "/usr/games/fairy-stockfish";
  p.engine.profile.startup_timeout = 10000ms;
  p.engine.profile.isready_timeout = 3000ms;
  p.engine.profile.quit_timeout = 500ms;
  p.log_prefix = "/t/engines/" + name + "-";
  p.default_dir = "/t";
  return p;
}

const steady::time_point t0{};

reactor_event lines(engine_id id, strings text) {
  reactor_event e;
  e.id = id;
  e.what = reactor_event::kind::lines;
  e.lines = std::move(text);
  return e;
}

reactor_event simple(engine_id id, reactor_event::kind what) {
  reactor_event e;
  e.id = id;
  e.what = what;
  return e;
}

reactor_event exited(engine_id id) {
  reactor_event e = simple(id, reactor_event::kind::exited);
  e.status = exit_status{};
  return e;
}

struct fixture {
  recorder io;
  std::unique_ptr<engine_pool> pool;

  explicit fixture(std::size_t cap = 2, std::vector<pool_player> players = {player("a"), player("b")}) {
    pool = std::make_unique<engine_pool>(std::move(players), cap, io);
  }

  /// Answers a new engine's handshake and the new game's isready.
  void start_up(engine_id id) {
    pool->on_event(lines(id, {"id name Fake", "usiok"}), t0);
    pool->on_event(lines(id, {"readyok"}), t0);  // start-up isready
    pool->on_event(lines(id, {"readyok"}), t0);  // usinewgame's isready
    io.take(id);
  }

  /// A lease of `name` for `lessee` on a new engine, fully started.
  lease_ref leased(const std::string& name, lessee_id lessee, lease_request_id request) {
    const auto before = io.spawned.size();
    pool->lease(request, lessee, name, t0);
    BOOST_REQUIRE_EQUAL(io.spawned.size(), before + 1);  // a new engine
    start_up(io.spawned.back());
    BOOST_REQUIRE(!io.replies.empty());
    const auto& r = io.replies.back();
    BOOST_REQUIRE_EQUAL(r.request, request);
    BOOST_REQUIRE_MESSAGE(r.error.empty(), r.error);
    return {r.id, r.lease};
  }
};

// A game of `plies` moves between engines of a and b, handed over to the pool.
struct held {
  lease_ref black;
  lease_ref white;
  std::shared_ptr<scripted_referee> referee;
  std::shared_ptr<client> owner;
};

held hand_over(fixture& f, int plies) {
  held h{f.leased("a", 100, 1), f.leased("b", 101, 2), std::make_shared<scripted_referee>(plies),
         std::make_shared<client>()};
  const lease_ref leases[2] = {h.black, h.white};
  f.pool->play_out(leases, h.referee, *h.referee->next_turn(), h.owner, t0);
  return h;
}

bool has_prefix(const strings& lines, const std::string& prefix) {
  for (const auto& l : lines) {
    if (l.rfind(prefix, 0) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(usi_engine_pool)

BOOST_AUTO_TEST_CASE(a_lease_starts_an_engine_and_is_ready_after_usinewgame) {
  fixture f;
  f.pool->lease(1, 100, "a", t0);
  BOOST_REQUIRE_EQUAL(f.io.spawned.size(), 1u);
  const auto id = f.io.spawned[0];
  BOOST_CHECK_EQUAL(f.io.spawns[0].stderr_log, "/t/engines/a-0.stderr.log");
  BOOST_CHECK_EQUAL(f.io.spawns[0].working_dir, "/t");
  BOOST_CHECK(f.io.take(id) == strings{"usi"});
  f.pool->on_event(lines(id, {"usiok"}), t0);
  BOOST_CHECK(has_prefix(f.io.take(id), "isready"));
  BOOST_CHECK(f.io.replies.empty());
  f.pool->on_event(lines(id, {"readyok"}), t0);
  BOOST_CHECK((f.io.take(id) == strings{"usinewgame", "isready"}));
  BOOST_CHECK(f.io.replies.empty());  // ready only once the game's isready is answered
  f.pool->on_event(lines(id, {"readyok"}), t0);
  BOOST_REQUIRE_EQUAL(f.io.replies.size(), 1u);
  BOOST_CHECK_EQUAL(f.io.replies[0].request, 1u);
  BOOST_CHECK_EQUAL(f.io.replies[0].id, id);
  BOOST_CHECK_GT(f.io.replies[0].lease, 0u);
  BOOST_CHECK(f.io.replies[0].error.empty());
}

BOOST_AUTO_TEST_CASE(an_unknown_player_is_refused_by_name) {
  fixture f;
  f.pool->lease(7, 100, "nobody", t0);
  BOOST_REQUIRE_EQUAL(f.io.replies.size(), 1u);
  BOOST_CHECK_EQUAL(f.io.replies[0].error, "no USI player named 'nobody'");
  BOOST_CHECK(f.io.spawned.empty());
}

// The race behind `bench usi` starting a third pair of engines with two
// slots: the next game's lease arrives before the last game's release.
BOOST_AUTO_TEST_CASE(a_lease_beyond_the_games_at_once_waits_for_an_engine_instead_of_starting_one) {
  fixture f(1);
  auto first = f.leased("a", 100, 1);
  f.pool->lease(2, 200, "a", t0);
  BOOST_CHECK_EQUAL(f.io.spawned.size(), 1u);  // no second process
  BOOST_CHECK_EQUAL(f.pool->leases_waiting(), 1u);
  BOOST_CHECK_EQUAL(f.io.replies.size(), 1u);
  f.pool->release(100, t0);
  BOOST_CHECK((f.io.take(first.engine) == strings{"usinewgame", "isready"}));
  f.pool->on_event(lines(first.engine, {"readyok"}), t0);
  BOOST_REQUIRE_EQUAL(f.io.replies.size(), 2u);
  BOOST_CHECK_EQUAL(f.io.replies[1].request, 2u);
  BOOST_CHECK_EQUAL(f.io.replies[1].id, first.engine);
  BOOST_CHECK_NE(f.io.replies[1].lease, first.number);  // a new lease number
  BOOST_CHECK_EQUAL(f.io.spawned.size(), 1u);
  BOOST_CHECK_EQUAL(f.pool->live_engines("a"), 1u);
}

BOOST_AUTO_TEST_CASE(engines_per_player_count_each_player_apart_and_below_the_cap_a_second_starts) {
  fixture f(2);
  f.leased("a", 100, 1);
  f.leased("b", 101, 2);
  f.leased("a", 102, 3);
  BOOST_CHECK_EQUAL(f.io.spawned.size(), 3u);
  BOOST_CHECK_EQUAL(f.io.spawns[2].stderr_log, "/t/engines/a-1.stderr.log");  // the next free slot
  f.pool->lease(4, 103, "a", t0);
  BOOST_CHECK_EQUAL(f.io.spawned.size(), 3u);
  BOOST_CHECK_EQUAL(f.pool->live_engines("a"), 2u);
}

BOOST_AUTO_TEST_CASE(a_released_lessee_s_waiting_lease_is_dropped) {
  fixture f(1);
  f.leased("a", 100, 1);
  f.pool->lease(2, 200, "a", t0);
  f.pool->release(200, t0);  // that game was cancelled while it waited
  BOOST_CHECK_EQUAL(f.pool->leases_waiting(), 0u);
  BOOST_REQUIRE_EQUAL(f.io.replies.size(), 2u);
  BOOST_CHECK_EQUAL(f.io.replies[1].error, "the game ended");
}

BOOST_AUTO_TEST_CASE(a_move_asked_is_answered_to_its_client_with_its_ply) {
  fixture f;
  auto lease = f.leased("a", 100, 1);
  auto c = std::make_shared<client>();
  scripted_referee shape(10);
  f.pool->ask(lease, 42, *shape.next_turn(), c, t0);
  auto sent = f.io.take(lease.engine);
  BOOST_REQUIRE_EQUAL(sent.size(), 2u);
  BOOST_CHECK_EQUAL(sent[0].rfind("position ", 0), 0u);
  BOOST_CHECK_EQUAL(sent[1], "go nodes 100");
  BOOST_CHECK_EQUAL(f.io.timers.count(lease.engine), 1u);  // the deadline
  f.pool->on_event(lines(lease.engine, {"info depth 1 score cp 30 pv 7g7f", "bestmove 7g7f"}), t0 + 5ms);
  BOOST_REQUIRE_EQUAL(c->answers.size(), 1u);
  BOOST_CHECK_EQUAL(c->answers[0].first, 42u);
  BOOST_REQUIRE(c->answers[0].second.decision);
  BOOST_CHECK_EQUAL(f.io.timers.count(lease.engine), 0u);  // answered in time: disarmed
}

BOOST_AUTO_TEST_CASE(a_move_through_an_old_lease_is_refused) {
  fixture f;
  auto lease = f.leased("a", 100, 1);
  f.pool->release(100, t0);
  auto c = std::make_shared<client>();
  scripted_referee shape(10);
  f.pool->ask(lease, 1, *shape.next_turn(), c, t0);
  BOOST_REQUIRE_EQUAL(c->answers.size(), 1u);
  BOOST_CHECK(!c->answers[0].second.decision);
  BOOST_CHECK(c->answers[0].second.why == rt::no_decision::player_gone);
  BOOST_CHECK(f.io.take(lease.engine).empty());  // nothing sent to the engine
}

BOOST_AUTO_TEST_CASE(a_game_played_out_alternates_engines_and_comes_back_once_when_over) {
  fixture f;
  auto game = hand_over(f, 3);
  auto& [black, white, referee, c] = game;
  BOOST_CHECK_EQUAL(f.pool->games_held(), 1u);
  BOOST_CHECK(has_prefix(f.io.take(black.engine), "go "));
  BOOST_CHECK(f.io.take(white.engine).empty());
  f.pool->on_event(lines(black.engine, {"bestmove 7g7f"}), t0);
  BOOST_CHECK(f.io.take(black.engine).empty());
  BOOST_CHECK(has_prefix(f.io.take(white.engine), "go "));  // asked at once, on the same step
  f.pool->on_event(lines(white.engine, {"bestmove 3c3d"}), t0);
  BOOST_CHECK(has_prefix(f.io.take(black.engine), "go "));
  BOOST_CHECK(c->returned.empty());
  f.pool->on_event(lines(black.engine, {"bestmove 2g2f"}), t0);
  BOOST_REQUIRE_EQUAL(c->returned.size(), 1u);
  BOOST_CHECK(c->returned[0] == referee);
  BOOST_CHECK(c->whys[0].empty());
  BOOST_CHECK(c->failures[0].empty());
  BOOST_CHECK((referee->log == strings{"b:move", "w:move", "b:move"}));
  BOOST_CHECK_EQUAL(f.pool->games_held(), 0u);
  BOOST_CHECK(c->answers.empty());
}

BOOST_AUTO_TEST_CASE(an_engine_that_dies_during_a_played_out_game_loses_it_as_gone) {
  fixture f;
  auto game = hand_over(f, 10);
  auto& [black, white, referee, c] = game;
  f.pool->on_event(lines(black.engine, {"bestmove 7g7f"}), t0);
  f.pool->on_event(simple(white.engine, reactor_event::kind::eof), t0);
  f.pool->on_event(exited(white.engine), t0);
  BOOST_REQUIRE_EQUAL(c->returned.size(), 1u);
  BOOST_REQUIRE_EQUAL(referee->log.size(), 2u);
  BOOST_CHECK_EQUAL(referee->log[1].rfind("w:gone:", 0), 0u);
  BOOST_CHECK(!f.pool->stage_of(white.engine));  // forgotten once its process is gone
  BOOST_CHECK_EQUAL(f.io.released.back(), white.engine);
}

BOOST_AUTO_TEST_CASE(a_hung_engine_times_out_is_dead_and_a_new_lease_replaces_it_even_at_the_cap) {
  fixture f(1);
  auto lease = f.leased("a", 100, 1);
  auto c = std::make_shared<client>();
  scripted_referee shape(10);
  f.pool->ask(lease, 1, *shape.next_turn(), c, t0);
  BOOST_REQUIRE_EQUAL(f.io.timer_ids.count(lease.engine), 1u);
  auto timer = simple(lease.engine, reactor_event::kind::timer);
  timer.timer = f.io.timer_ids[lease.engine];
  f.pool->on_event(timer, t0 + 2s);
  BOOST_REQUIRE_EQUAL(c->answers.size(), 1u);
  BOOST_CHECK(c->answers[0].second.why == rt::no_decision::timeout);
  BOOST_CHECK(f.pool->stage_of(lease.engine) == engine_pool::stage::dead);
  f.pool->release(100, t0 + 2s);
  f.pool->lease(2, 200, "a", t0 + 2s);
  BOOST_CHECK_EQUAL(f.io.spawned.size(), 2u);  // the dead one does not count
}

BOOST_AUTO_TEST_CASE(releasing_a_thinking_engine_stops_it_gives_the_game_back_and_reuses_it) {
  auto referee = std::make_shared<scripted_referee>(10);
  auto c = std::make_shared<client>();
  // Self-play: both sides lease engines of one player.
  fixture g(2, {player("a")});
  auto b = g.leased("a", 100, 1);
  auto w = g.leased("a", 100, 2);
  const lease_ref leases[2] = {b, w};
  g.pool->play_out(leases, referee, *referee->next_turn(), c, t0);
  g.io.take(b.engine);
  g.pool->lease(3, 300, "a", t0);  // the next game's lease, before this one's release
  BOOST_CHECK_EQUAL(g.io.spawned.size(), 2u);
  g.pool->release(100, t0);  // the game was cancelled mid-search
  BOOST_CHECK((g.io.take(b.engine) == strings{"stop"}));
  BOOST_REQUIRE_EQUAL(c->returned.size(), 1u);
  BOOST_CHECK_EQUAL(c->whys[0], "the engine's game ended");
  // The idle white engine serves the waiting lease at once; black's stopped
  // search ends with a bestmove that is discarded.
  BOOST_CHECK((g.io.take(w.engine) == strings{"usinewgame", "isready"}));
  g.pool->on_event(lines(b.engine, {"bestmove 7g7f"}), t0);
  BOOST_CHECK(g.pool->stage_of(b.engine) == engine_pool::stage::idle);
  BOOST_CHECK(referee->log.empty());  // nothing played into a game no longer held
}

BOOST_AUTO_TEST_CASE(an_engine_that_cannot_start_fails_the_tournament_and_the_lease) {
  fixture f;
  f.pool->lease(1, 100, "a", t0);
  const auto id = f.io.spawned[0];
  auto failed = simple(id, reactor_event::kind::spawn_failed);
  failed.error = "no such file";
  f.pool->on_event(failed, t0);
  BOOST_REQUIRE_EQUAL(f.io.startup_failures.size(), 1u);
  BOOST_CHECK_NE(f.io.startup_failures[0].find("no such file"), std::string::npos);
  BOOST_REQUIRE_EQUAL(f.io.replies.size(), 1u);
  BOOST_CHECK(!f.io.replies[0].error.empty());
  BOOST_CHECK_EQUAL(f.pool->engines(), 0u);
  BOOST_CHECK((f.io.released == std::vector<engine_id>{id}));
}

BOOST_AUTO_TEST_CASE(shutdown_sends_quit_scores_held_games_and_reports_all_gone_after_the_last_exit) {
  fixture f;
  auto game = hand_over(f, 10);
  auto& [black, white, referee, c] = game;
  f.io.take(black.engine);
  f.pool->lease(3, 300, "a", t0);  // starts a second engine of a
  const auto third = f.io.spawned.back();
  f.pool->shutdown(t0);
  BOOST_REQUIRE_EQUAL(c->returned.size(), 1u);
  BOOST_REQUIRE_EQUAL(referee->log.size(), 1u);
  BOOST_CHECK_EQUAL(referee->log[0], "b:gone:the tournament ended");
  BOOST_CHECK(has_prefix(f.io.take(white.engine), "quit"));
  BOOST_CHECK_EQUAL(f.io.replies.back().error, "the tournament ended");
  f.pool->lease(4, 400, "a", t0);
  BOOST_CHECK_EQUAL(f.io.replies.back().error, "the tournament ended");
  f.pool->on_event(exited(black.engine), t0);
  f.pool->on_event(exited(white.engine), t0);
  BOOST_CHECK_EQUAL(f.io.all_gone_calls, 0);
  f.pool->on_event(exited(third), t0);
  BOOST_CHECK_EQUAL(f.io.all_gone_calls, 1);
}

BOOST_AUTO_TEST_CASE(a_pool_destroyed_with_games_held_gives_them_back_unfinished) {
  fixture f;
  auto game = hand_over(f, 10);
  auto& [black, white, referee, c] = game;
  auto asker = std::make_shared<client>();
  auto other = f.leased("a", 102, 3);
  scripted_referee shape(10);
  f.pool->ask(other, 9, *shape.next_turn(), asker, t0);
  f.pool.reset();
  BOOST_REQUIRE_EQUAL(c->returned.size(), 1u);
  BOOST_CHECK_EQUAL(c->whys[0], "the engine pool ended");
  BOOST_REQUIRE_EQUAL(asker->answers.size(), 1u);
  BOOST_CHECK_EQUAL(asker->answers[0].first, 9u);
  BOOST_CHECK(asker->answers[0].second.why == rt::no_decision::player_gone);
}

BOOST_AUTO_TEST_CASE(a_referee_that_throws_on_the_engine_side_comes_back_as_a_failure) {
  struct throwing final : rt::game_referee {
    int calls = 0;
    std::optional<rt::turn> next_turn() override {
      if (++calls > 1) {
        throw std::runtime_error("referee bug");
      }
      rt::turn t;
      t.deadline = 1000ms;
      return t;
    }
    void on_decision(const players::decision&, std::chrono::nanoseconds) override {}
    void on_no_decision(rt::no_decision, const std::string&) override {}
    void on_start_failure(const std::string&) override {}
    rt::finished_game result() const override {
      return {};
    }
  };
  fixture f;
  auto black = f.leased("a", 100, 1);
  auto white = f.leased("b", 101, 2);
  auto referee = std::make_shared<throwing>();
  auto c = std::make_shared<client>();
  const lease_ref leases[2] = {black, white};
  f.pool->play_out(leases, referee, *referee->next_turn(), c, t0);
  f.pool->on_event(lines(black.engine, {"bestmove 7g7f"}), t0);
  BOOST_REQUIRE_EQUAL(c->returned.size(), 1u);
  BOOST_CHECK_EQUAL(c->failures[0], "referee bug");
  BOOST_CHECK_EQUAL(f.pool->games_held(), 0u);
}

BOOST_AUTO_TEST_SUITE_END()
