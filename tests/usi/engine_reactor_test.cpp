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

BOOST_AUTO_TEST_SUITE_END()
