// Which tournaments run, without actors: the admission limit and the run
// order, cancelling queued and crashed tournaments, and both shutdown modes.
#include "tourney/runtime/tournament_admission.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

using namespace tourney::rt;
using strings = std::vector<std::string>;
using route = control_decision::route;

namespace {

struct describe {
  std::string operator()(const start_tournament& s) const {
    return "start " + s.id;
  }
  std::string operator()(const cancel_tournament& c) const {
    return "cancel " + c.id;
  }
  std::string operator()(const end_tournament& e) const {
    return "end " + e.id + " " + std::string(to_string(e.status)) + " '" + e.error + "'";
  }
  std::string operator()(const shutdown_finished&) const {
    return "shut down";
  }
};

strings lines(const admission_commands& commands) {
  strings out;
  for (const auto& c : commands) {
    out.push_back(std::visit(describe{}, c));
  }
  return out;
}

strings queue(tournament_admission& a, const std::string& id, int priority = 0) {
  a.queue(id, priority);
  return lines(a.dispatch());
}

const auto each = boost::test_tools::per_element();

}  // namespace

BOOST_AUTO_TEST_SUITE(runtime_tournament_admission)

BOOST_AUTO_TEST_CASE(at_most_the_limit_run_and_the_queue_runs_in_priority_order) {
  tournament_admission a(2);
  BOOST_TEST(queue(a, "a") == (strings{"start a"}), each);
  BOOST_TEST(queue(a, "b") == (strings{"start b"}), each);
  BOOST_TEST(queue(a, "c").empty());
  BOOST_TEST(queue(a, "d", 5).empty());
  BOOST_TEST((a.queue_position("d") == std::optional<std::size_t>(0)));
  BOOST_TEST((a.queue_position("c") == std::optional<std::size_t>(1)));
  BOOST_TEST(!a.queue_position("a"));
  BOOST_TEST(a.running("a"));
  // A place frees: the higher priority goes first, though queued later.
  BOOST_TEST(lines(a.ended("a")) == (strings{"start d"}), each);
  BOOST_TEST(lines(a.ended("b")) == (strings{"start c"}), each);
  BOOST_TEST(lines(a.ended("d")).empty());
}

BOOST_AUTO_TEST_CASE(a_queued_tournament_can_be_cancelled_but_not_paused) {
  tournament_admission a(1);
  (void)queue(a, "a");
  (void)queue(a, "b");
  auto paused = a.control("b", tournament_status::paused);
  BOOST_TEST((paused.how == route::answered));
  BOOST_TEST(!paused.done);
  BOOST_TEST(paused.reason ==
             "cannot go from created to paused: the tournament has not started yet");
  BOOST_TEST(paused.commands.empty());
  BOOST_TEST((a.queue_position("b") == std::optional<std::size_t>(0)));

  auto cancelled = a.control("b", tournament_status::cancelled);
  BOOST_TEST((cancelled.how == route::answered));
  BOOST_TEST(cancelled.done);
  BOOST_TEST(lines(cancelled.commands) == (strings{"end b cancelled ''"}), each);
  BOOST_TEST(!a.queue_position("b"));
  BOOST_TEST(a.closing("b"));
  auto again = a.control("b", tournament_status::cancelled);
  BOOST_TEST((again.how == route::answered));
  BOOST_TEST(again.reason == "the tournament is finishing");
  // Its file written, it is gone from here; the running one is asked itself.
  BOOST_TEST(lines(a.ended("b")).empty());
  BOOST_TEST((a.control("b", tournament_status::cancelled).how == route::not_here));
  BOOST_TEST((a.control("a", tournament_status::paused).how == route::to_tournament));
  BOOST_TEST((a.control("nobody", tournament_status::paused).how == route::not_here));
}

BOOST_AUTO_TEST_CASE(a_crashed_tournament_is_ended_as_failed_and_frees_its_place) {
  tournament_admission a(1);
  (void)queue(a, "a");
  (void)queue(a, "b");
  BOOST_TEST(lines(a.crashed("a", "tournament actor failed: boom")) ==
                 (strings{"end a failed 'tournament actor failed: boom'"}),
             each);
  BOOST_TEST(!a.running("a"));
  BOOST_TEST(a.closing("a"));
  // Reported twice, or for a tournament that ended properly: nothing.
  BOOST_TEST(lines(a.crashed("a", "again")).empty());
  BOOST_TEST(lines(a.ended("a")) == (strings{"start b"}), each);
}

BOOST_AUTO_TEST_CASE(
    a_graceful_shutdown_cancels_the_queued_and_the_paused_and_lets_the_rest_finish) {
  tournament_admission a(2);
  (void)queue(a, "busy");
  (void)queue(a, "idle");
  (void)queue(a, "later");
  BOOST_TEST(lines(a.status_changed("busy", tournament_status::running)).empty());
  BOOST_TEST(lines(a.status_changed("idle", tournament_status::paused)).empty());

  BOOST_TEST(
      lines(a.shutdown(false)) ==
          (strings{"end later cancelled 'the runtime shut down before it ran'", "cancel idle"}),
      each);
  BOOST_TEST(!a.accepting());
  // A pause now would never let the shutdown finish: refused; a cancel goes on.
  auto pause = a.control("busy", tournament_status::paused);
  BOOST_TEST((pause.how == route::answered));
  BOOST_TEST(pause.reason == "the runtime is shutting down");
  BOOST_TEST((a.control("busy", tournament_status::cancelled).how == route::to_tournament));
  // One that pauses anyway (its pause crossed the shutdown) is cancelled.
  BOOST_TEST(lines(a.status_changed("busy", tournament_status::paused)) == (strings{"cancel busy"}),
             each);

  BOOST_TEST(lines(a.ended("idle")).empty());
  BOOST_TEST(lines(a.ended("busy")).empty());  // "later" is still being closed
  BOOST_TEST(lines(a.ended("later")) == (strings{"shut down"}), each);
  // Every later request is answered at once.
  BOOST_TEST(lines(a.shutdown(false)) == (strings{"shut down"}), each);
}

BOOST_AUTO_TEST_CASE(an_immediate_shutdown_cancels_every_running_tournament_and_starts_none) {
  tournament_admission a(1);
  (void)queue(a, "a");
  (void)queue(a, "b");
  BOOST_TEST(lines(a.status_changed("a", tournament_status::running)).empty());
  // Graceful first: "a" may finish, "b" never starts.
  BOOST_TEST(lines(a.shutdown(false)) ==
                 (strings{"end b cancelled 'the runtime shut down before it ran'"}),
             each);
  BOOST_TEST(lines(a.shutdown(true)) == (strings{"cancel a"}), each);
  // Asked again: nothing is cancelled twice.
  BOOST_TEST(lines(a.shutdown(true)).empty());
  BOOST_TEST(lines(a.ended("b")).empty());
  // Both requests are answered together, once.
  BOOST_TEST(lines(a.ended("a")) == (strings{"shut down"}), each);
}

BOOST_AUTO_TEST_CASE(a_tournament_that_crashes_during_a_shutdown_is_closed_before_it_finishes) {
  tournament_admission a(1);
  (void)queue(a, "a");
  BOOST_TEST(lines(a.shutdown(true)) == (strings{"cancel a"}), each);
  BOOST_TEST(lines(a.crashed("a", "boom")) == (strings{"end a failed 'boom'"}), each);
  BOOST_TEST(lines(a.ended("a")) == (strings{"shut down"}), each);
}

BOOST_AUTO_TEST_CASE(a_shutdown_with_nothing_to_do_finishes_at_once) {
  tournament_admission a(2);
  BOOST_TEST(lines(a.shutdown(false)) == (strings{"shut down"}), each);
  BOOST_TEST(!a.accepting());
}

BOOST_AUTO_TEST_SUITE_END()
