// engine_reactor: many engine processes on one I/O thread. Events are
// collected under a mutex; the test waits on a condition variable with a
// deadline (no sleeps).
#include "tourney/usi/engine_reactor.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>

using namespace tourney::usi;
using namespace std::chrono_literals;
using kind = reactor_event::kind;

namespace {

const std::string fake = std::string(TOURNEY_FAKES_DIR) + "/fake_usi_engine";

class collector {
 public:
  void operator()(reactor_event event) {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(std::move(event));
    changed_.notify_all();
  }

  /// Waits until `done(events)` holds; false at the deadline.
  template <class Predicate>
  bool wait(Predicate done, std::chrono::milliseconds budget = 10000ms) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, budget, [&] { return done(events_); });
  }

  std::vector<reactor_event> events() {
    std::lock_guard<std::mutex> lock(mutex_);
    return events_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<reactor_event> events_;
};

bool has(const std::vector<reactor_event>& events, engine_id id, kind what) {
  return std::any_of(events.begin(), events.end(),
                     [&](const reactor_event& e) { return e.id == id && e.what == what; });
}

bool printed(const std::vector<reactor_event>& events, engine_id id, std::string_view prefix) {
  for (const auto& e : events) {
    if (e.id == id && e.what == kind::lines) {
      for (const auto& line : e.lines) {
        if (line.compare(0, prefix.size(), prefix) == 0) {
          return true;
        }
      }
    }
  }
  return false;
}

std::unique_ptr<engine_reactor> start(collector& sink) {
  auto reactor = engine_reactor::start([&sink](reactor_event e) { sink(std::move(e)); });
  BOOST_REQUIRE(reactor);
  return std::move(*reactor);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(usi_engine_reactor)

BOOST_AUTO_TEST_CASE(cycle_of_one_engine) {
  collector sink;
  auto reactor = start(sink);
  auto id = reactor->spawn({fake, {"--name", "R"}, {}, {}, {}});
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return has(ev, id, kind::spawned); }));
  reactor->write(id, {"usi", "isready"});
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return printed(ev, id, "readyok"); }));
  BOOST_TEST(printed(sink.events(), id, "id name R"));
  reactor->write(id, {"position startpos", "go nodes 1"});
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return printed(ev, id, "bestmove 7g7f"); }));
  reactor->write(id, {"quit"});
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return has(ev, id, kind::exited); }));
  auto events = sink.events();
  BOOST_TEST(has(events, id, kind::eof));
  for (const auto& e : events) {
    if (e.what == kind::exited) {
      BOOST_TEST((*e.status == exit_status{false, 0, 0}));
    }
  }
  reactor->release(id);
}

BOOST_AUTO_TEST_CASE(spawn_failure_is_an_event_naming_the_command) {
  collector sink;
  auto reactor = start(sink);
  auto id = reactor->spawn({"no-such-engine-xyz", {}, {}, {}, {}});
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return has(ev, id, kind::spawn_failed); }));
  BOOST_TEST(sink.events().front().error.find("no-such-engine-xyz") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_hung_engine_does_not_delay_the_others) {
  collector sink;
  auto reactor = start(sink);
  auto hung = reactor->spawn({fake, {"--hang-at-move", "1", "--ignore-sigterm"}, {}, {}, {}});
  std::vector<engine_id> others;
  for (int i = 0; i < 6; ++i) {
    others.push_back(reactor->spawn({fake, {}, {}, {}, {}}));
  }
  reactor->write(hung, {"usi", "go nodes 1"});
  for (auto id : others) {
    reactor->write(id, {"usi", "position startpos moves 7g7f", "go nodes 1"});
  }
  BOOST_REQUIRE(sink.wait([&](const auto& ev) {
    return std::all_of(others.begin(), others.end(),
                       [&](engine_id id) { return printed(ev, id, "bestmove 3c3d"); });
  }));
  BOOST_TEST(!printed(sink.events(), hung, "bestmove"));
  reactor->signal(hung, SIGKILL);
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return has(ev, hung, kind::exited); }));
  for (const auto& e : sink.events()) {
    if (e.id == hung && e.what == kind::exited) {
      BOOST_TEST(e.status->signal == SIGKILL);
    }
  }
}

BOOST_AUTO_TEST_CASE(crash_gives_lines_then_eof_then_exit) {
  collector sink;
  auto reactor = start(sink);
  auto id = reactor->spawn({fake, {"--crash-at-move", "1"}, {}, {}, {}});
  reactor->write(id, {"usi", "go nodes 1"});
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return has(ev, id, kind::exited); }));
  auto events = sink.events();
  BOOST_TEST(printed(events, id, "usiok"));
  BOOST_TEST(has(events, id, kind::eof));
  BOOST_TEST((events.back().what == kind::exited));
  BOOST_TEST(events.back().status->signal == SIGABRT);
  reactor->write(id, {"isready"});  // to a dead engine: input_closed, never SIGPIPE
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return has(ev, id, kind::input_closed); }));
  reactor->release(id);
  reactor->write(id, {"isready"});  // released: ignored
}

BOOST_AUTO_TEST_CASE(info_lines_are_held_until_the_bestmove) {
  collector sink;
  auto reactor = start(sink);
  auto id = reactor->spawn({fake, {"--wait-for-stop-at-move", "1"}, {}, {}, {}});
  reactor->write(id, {"usi"});
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return printed(ev, id, "usiok"); }));
  // Alone in its read, the info is held (read with usiok it would go out with it).
  reactor->write(id, {"go infinite"});
  reactor->write(id, {"stop"});
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return printed(ev, id, "bestmove"); }));
  // The info printed before the fake blocked on stdin comes in the same
  // event as the bestmove, in order.
  for (const auto& e : sink.events()) {
    auto best = std::find_if(e.lines.begin(), e.lines.end(),
                             [](const std::string& l) { return l.rfind("bestmove", 0) == 0; });
    if (best != e.lines.end()) {
      auto waiting =
          std::find(e.lines.begin(), e.lines.end(), "info depth 1 string waiting for stop");
      BOOST_TEST((waiting < best));
    } else {
      BOOST_TEST(!printed({e}, id, "info depth 1 string waiting"));
    }
  }
}

BOOST_AUTO_TEST_CASE(stop_kills_and_reaps_every_engine) {
  collector sink;
  auto reactor = start(sink);
  std::vector<engine_id> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(reactor->spawn({fake, {"--ignore-sigterm", "--ignore-quit"}, {}, {}, {}}));
  }
  BOOST_REQUIRE(sink.wait([&](const auto& ev) {
    return std::all_of(ids.begin(), ids.end(),
                       [&](engine_id id) { return has(ev, id, kind::spawned); });
  }));
  std::vector<pid_t> pids;
  for (const auto& e : sink.events()) {
    if (e.what == kind::spawned) {
      pids.push_back(e.pid);
    }
  }
  reactor->stop();
  for (auto pid : pids) {
    BOOST_TEST(::kill(pid, 0) == -1);  // reaped: no such process, not even a zombie
    BOOST_TEST(errno == ESRCH);
  }
  reactor->spawn({fake, {}, {}, {}, {}});  // after stop: ignored
}

std::vector<reactor_event> timers(const std::vector<reactor_event>& events, engine_id id) {
  std::vector<reactor_event> out;
  for (const auto& e : events) {
    if (e.id == id && e.what == kind::timer) {
      out.push_back(e);
    }
  }
  return out;
}

BOOST_AUTO_TEST_CASE(a_deadline_fires_once_with_the_latest_timer_even_when_the_engine_is_silent) {
  collector sink;
  auto reactor = start(sink);
  auto id = reactor->spawn({fake, {"--hang-at-move", "1", "--ignore-sigterm"}, {}, {}, {}});
  reactor->write(id, {"usi", "go nodes 1"});  // hangs: prints nothing more
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return printed(ev, id, "usiok"); }));
  // Timer 2 must replace timer 1 before 1 is due: a second apart, far more
  // than two calls in a row take on a loaded machine or under a sanitizer.
  auto t0 = std::chrono::steady_clock::now();
  reactor->set_timer(id, 1, t0 + 1s);
  reactor->set_timer(id, 2, t0 + 1200ms);  // replaces timer 1 before it is due
  BOOST_REQUIRE_MESSAGE(std::chrono::steady_clock::now() < t0 + 1s, "the two calls took a second: no test");
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return !timers(ev, id).empty(); }));
  BOOST_TEST((std::chrono::steady_clock::now() >= t0 + 1200ms));
  auto fired = timers(sink.events(), id);
  BOOST_REQUIRE(fired.size() == 1u);
  BOOST_TEST(fired[0].timer == 2u);
  reactor->signal(id, SIGKILL);
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return has(ev, id, kind::exited); }));
}

BOOST_AUTO_TEST_CASE(an_earlier_deadline_wakes_the_reactor_and_a_cancelled_one_never_fires) {
  collector sink;
  auto reactor = start(sink);
  auto slow = reactor->spawn({fake, {}, {}, {}, {}});
  auto quick = reactor->spawn({fake, {}, {}, {}, {}});
  auto cancelled = reactor->spawn({fake, {}, {}, {}, {}});
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return has(ev, cancelled, kind::spawned); }));
  // The cancel must land before the cancelled deadline: a second, far more
  // than a few calls in a row take on a loaded machine or under a sanitizer.
  auto t0 = std::chrono::steady_clock::now();
  reactor->set_timer(slow, 1, t0 + 1h);  // the reactor now sleeps until then
  reactor->set_timer(cancelled, 3, t0 + 1s);
  reactor->cancel_timer(cancelled);
  BOOST_REQUIRE_MESSAGE(std::chrono::steady_clock::now() < t0 + 1s, "the calls took a second: no test");
  reactor->set_timer(quick, 2, t0 + 1200ms);  // earlier than the wait: wakes it
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return !timers(ev, quick).empty(); }, 10000ms));
  // Had it not been cancelled, its earlier deadline would have fired first.
  BOOST_TEST(timers(sink.events(), cancelled).empty());
  BOOST_TEST(timers(sink.events(), slow).empty());
  BOOST_TEST(timers(sink.events(), quick)[0].timer == 2u);
}

BOOST_AUTO_TEST_CASE(writes_beyond_the_socket_buffer_arrive_whole_and_in_order) {
  collector sink;
  auto reactor = start(sink);
  auto id = reactor->spawn({fake, {}, {}, {}, {}});
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return has(ev, id, kind::spawned); }));
  // ~900 kB in a few writes: more than a Unix socket takes at once, so the
  // caller's send() falls short and the reactor writes the rest on EPOLLOUT;
  // writes meanwhile must queue behind it.
  constexpr int batches = 4;
  constexpr int per_batch = 25000;
  reactor->write(id, {"usi"});
  for (int b = 0; b < batches; ++b) {
    reactor->write(id, std::vector<std::string>(per_batch, "isready"));
  }
  reactor->write(id, {"position startpos", "go nodes 1"});
  BOOST_REQUIRE(sink.wait([&](const auto& ev) { return printed(ev, id, "bestmove"); }, 60000ms));
  int readyok = 0;
  bool best_after_all = false;
  for (const auto& e : sink.events()) {
    for (const auto& line : e.lines) {
      if (line == "readyok") {
        ++readyok;
      } else if (line.rfind("bestmove", 0) == 0) {
        best_after_all = readyok == batches * per_batch;
      }
    }
  }
  BOOST_TEST(readyok == batches * per_batch);
  BOOST_TEST(best_after_all);
}

BOOST_AUTO_TEST_SUITE_END()
