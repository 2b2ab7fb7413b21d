// The supervisor's game slots without actors or time: grants and where they
// play, workers joining, leaving and quarantined, the slot-wait limit and
// per-player limits across tournaments. Timers are commands; a test "fires"
// one by calling its *_due with the generation it carried.
#include "tourney/runtime/slot_broker.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

using namespace tourney::rt;
using namespace std::chrono_literals;
using strings = std::vector<std::string>;

namespace {

// One line per command, so whole sequences compare at once.
struct describe {
  std::string operator()(const grant_slot& g) const {
    return "grant " + g.tournament + " " + std::to_string(g.game) + " at '" + g.site + "'";
  }
  std::string operator()(const slots_changed& c) const {
    return "slots " + c.tournament + " " + std::to_string(c.slots);
  }
  std::string operator()(const waiting_changed& w) const {
    return "waiting " + w.tournament + " '" + w.reason + "'";
  }
  std::string operator()(const game_lost& l) const {
    return "lost " + l.tournament + " " + std::to_string(l.game) + " from " + l.site + ": " + l.why;
  }
  std::string operator()(const slot_wait_failed& f) const {
    return "fail " + f.tournament + ": " + f.message;
  }
  std::string operator()(const arm_wait_check& a) const {
    return "wait check #" + std::to_string(a.generation) + " in " +
           std::to_string(a.after.count()) + "ms";
  }
  std::string operator()(const arm_reinstatement& a) const {
    return "reinstate " + a.address + " #" + std::to_string(a.generation) + " in " +
           std::to_string(a.after.count()) + "ms";
  }
};

strings lines(const slot_commands& commands) {
  strings out;
  for (const auto& c : commands) {
    out.push_back(std::visit(describe{}, c));
  }
  return out;
}

template <class T>
T only(const slot_commands& commands) {
  std::vector<T> found;
  for (const auto& c : commands) {
    if (const auto* x = std::get_if<T>(&c)) {
      found.push_back(*x);
    }
  }
  BOOST_REQUIRE_EQUAL(found.size(), 1u);
  return found.front();
}

slot_broker_config config(std::size_t local) {
  slot_broker_config c;
  c.local_slots = local;
  c.slot_wait_limit = 2500ms;
  c.quarantine_time = 1000ms;
  return c;
}

slot_request game(const std::string& tournament, std::uint64_t id, strings keys = {}) {
  return slot_request{tournament, id, std::move(keys)};
}

const auto each = boost::test_tools::per_element();

}  // namespace

BOOST_AUTO_TEST_SUITE(runtime_slot_broker)

BOOST_AUTO_TEST_CASE(a_suspected_worker_offers_no_slot_until_its_reinstatement) {
  slot_broker b(config(0));
  b.add_tournament("t");
  BOOST_TEST(lines(b.worker_joined("w:1", 2)) == (strings{"slots t 2"}), each);
  BOOST_TEST(lines(b.request(game("t", 1))) == (strings{"grant t 1 at 'w:1'"}), each);
  BOOST_TEST(lines(b.request(game("t", 2))) == (strings{"grant t 2 at 'w:1'"}), each);
  BOOST_TEST(lines(b.request(game("t", 3))).empty());

  const auto suspected = b.worker_suspected("w:1");
  const auto timer = only<arm_reinstatement>(suspected);
  BOOST_TEST(timer.address == "w:1");
  BOOST_TEST(timer.after.count() == 1000);
  // No slot anywhere while game 3 waits: the tournament is told, and the
  // slot-wait limit starts.
  BOOST_TEST(lines(suspected) ==
                 (strings{"slots t 0", "waiting t 'waiting for a game slot: no worker connected'",
                          "wait check #1 in 2500ms",
                          "reinstate w:1 #" + std::to_string(timer.generation) + " in 1000ms"}),
             each);
  BOOST_TEST(b.roster().quarantined("w:1"));
  // Its games in flight keep their slots; a freed one goes to no one.
  BOOST_TEST((b.sites().site_of("t", 2) == std::optional<std::string>("w:1")));
  BOOST_TEST(lines(b.release("t", 1)).empty());
  // A second fault during the quarantine arms no second timer.
  BOOST_TEST(lines(b.worker_suspected("w:1")).empty());

  BOOST_TEST(lines(b.reinstatement_due("w:1", timer.generation)) ==
                 (strings{"slots t 2", "grant t 3 at 'w:1'", "waiting t ''"}),
             each);
  BOOST_TEST(!b.roster().quarantined("w:1"));
}

BOOST_AUTO_TEST_CASE(a_stale_reinstatement_timer_reinstates_nothing) {
  slot_broker b(config(1));
  b.add_tournament("t");
  (void)b.worker_joined("w:1", 2);
  const auto first = only<arm_reinstatement>(b.worker_suspected("w:1")).generation;
  // It left and came back (the quarantine ended), then failed a game again.
  (void)b.worker_left("w:1", "link down");
  (void)b.worker_joined("w:1", 2);
  BOOST_TEST(b.capacity() == 3u);
  const auto second = only<arm_reinstatement>(b.worker_suspected("w:1")).generation;
  BOOST_TEST(second != first);
  BOOST_TEST(b.capacity() == 1u);
  // The first quarantine's timer comes due during the second one.
  BOOST_TEST(lines(b.reinstatement_due("w:1", first)).empty());
  BOOST_TEST(b.roster().quarantined("w:1"));
  BOOST_TEST(b.capacity() == 1u);
  BOOST_TEST(lines(b.reinstatement_due("w:1", second)) == (strings{"slots t 3"}), each);
  BOOST_TEST(b.capacity() == 3u);
  // Fired twice (or after the worker left): nothing.
  BOOST_TEST(lines(b.reinstatement_due("w:1", second)).empty());
  const auto third = only<arm_reinstatement>(b.worker_suspected("w:1")).generation;
  (void)b.worker_left("w:1", "gone");
  BOOST_TEST(lines(b.reinstatement_due("w:1", third)).empty());
  BOOST_TEST(b.capacity() == 1u);
}

BOOST_AUTO_TEST_CASE(a_worker_not_connected_cannot_be_quarantined) {
  slot_broker b(config(1));
  b.expect_worker("w:1", "not connected yet");
  BOOST_TEST(lines(b.worker_suspected("w:1")).empty());
  BOOST_TEST(lines(b.worker_suspected("nobody:1")).empty());
  BOOST_TEST(!b.roster().quarantined("w:1"));
}

BOOST_AUTO_TEST_CASE(a_worker_that_leaves_hands_back_exactly_its_games) {
  slot_broker b(config(1));
  b.add_tournament("t");
  b.add_tournament("u");
  (void)b.worker_joined("w:1", 2);
  // Most free slots first; ties go to this process.
  BOOST_TEST(lines(b.request(game("t", 0))) == (strings{"grant t 0 at 'w:1'"}), each);
  BOOST_TEST(lines(b.request(game("u", 1))) == (strings{"grant u 1 at ''"}), each);
  BOOST_TEST(lines(b.request(game("t", 2))) == (strings{"grant t 2 at 'w:1'"}), each);
  BOOST_TEST(lines(b.request(game("u", 3))).empty());

  BOOST_TEST(lines(b.worker_left("w:1", "link down")) ==
                 (strings{"lost t 0 from w:1: link down", "lost t 2 from w:1: link down",
                          "slots t 1", "slots u 1"}),
             each);
  BOOST_TEST(!b.sites().has_site("w:1"));
  BOOST_TEST(!b.roster().connected("w:1"));
  BOOST_TEST(b.roster().absent().at("w:1") == "link down");
  // The local game still holds the one slot left; when it ends, u's waiting
  // game gets it.
  BOOST_TEST(lines(b.release("u", 1)) == (strings{"grant u 3 at ''"}), each);
}

BOOST_AUTO_TEST_CASE(a_limited_player_plays_one_game_at_a_time_across_tournaments) {
  slot_broker b(config(4));
  b.set_limit("host:net", 1);
  b.add_tournament("t1");
  b.add_tournament("t2");
  BOOST_TEST(lines(b.request(game("t1", 1, {"host:net"}))) == (strings{"grant t1 1 at ''"}), each);
  // t2's game with the same player waits although slots are free; its other
  // game does not.
  BOOST_TEST(lines(b.request(game("t2", 1, {"host:net"}))).empty());
  BOOST_TEST(lines(b.request(game("t2", 2))) == (strings{"grant t2 2 at ''"}), each);
  BOOST_TEST(b.waiting("t2") == 1u);
  BOOST_TEST(lines(b.release("t1", 1)) == (strings{"grant t2 1 at ''"}), each);
  // A policy playing itself uses the player twice: over a limit of 1.
  BOOST_TEST(lines(b.request(game("t1", 5, {"host:net", "host:net"}))).empty());
  b.set_limit("host:net", 2);
  BOOST_TEST(lines(b.release("t2", 1)) == (strings{"grant t1 5 at ''"}), each);
}

BOOST_AUTO_TEST_CASE(with_no_slot_anywhere_games_fail_after_the_wait_limit) {
  slot_broker b(config(0));
  b.expect_worker("w:1", "not connected yet");
  b.add_tournament("t");
  b.add_tournament("idle");
  const std::string reason = "waiting for a game slot: no worker connected; w:1: not connected yet";
  const auto asked = b.request(game("t", 1));
  // Every running tournament is told, in id order.
  BOOST_TEST(lines(asked) == (strings{"waiting idle '" + reason + "'", "waiting t '" + reason + "'",
                                      "wait check #1 in 2500ms"}),
             each);
  BOOST_TEST(b.waiting_reason() == reason);
  // Only the tournament with a waiting game fails.
  BOOST_TEST(
      lines(b.wait_check_due(1)) == (strings{"fail t: no game slot for 2.5 s (" + reason + ")"}),
      each);
}

BOOST_AUTO_TEST_CASE(a_wait_check_armed_before_a_slot_came_is_stale) {
  slot_broker b(config(0));
  b.add_tournament("t");
  const auto check = only<arm_wait_check>(b.request(game("t", 1)));
  BOOST_TEST(lines(b.worker_joined("w:1", 1)) ==
                 (strings{"slots t 1", "grant t 1 at 'w:1'", "waiting t ''"}),
             each);
  BOOST_TEST(lines(b.wait_check_due(check.generation)).empty());
  // The worker goes again: a new wait, a new check; the old one stays stale.
  const auto left = b.worker_left("w:1", "link down");
  BOOST_TEST(lines(left) == (strings{"lost t 1 from w:1: link down", "slots t 0"}), each);
  BOOST_TEST(
      lines(b.request(game("t", 1))) ==
          (strings{"waiting t 'waiting for a game slot: no worker connected; w:1: link down'",
                   "wait check #3 in 2500ms"}),
      each);
  BOOST_TEST(lines(b.wait_check_due(check.generation)).empty());
  BOOST_TEST(lines(b.wait_check_due(3)).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_tournament_that_joins_while_games_wait_is_told_why_when_it_asks) {
  slot_broker b(config(0));
  b.add_tournament("t");
  (void)b.request(game("t", 1));
  b.add_tournament("late");
  BOOST_TEST(lines(b.request(game("late", 7))) ==
                 (strings{"waiting late 'waiting for a game slot: no worker connected'"}),
             each);
}

BOOST_AUTO_TEST_CASE(requests_of_a_tournament_that_does_not_run_are_ignored) {
  slot_broker b(config(2));
  BOOST_TEST(lines(b.request(game("ghost", 1))).empty());
  b.add_tournament("t");
  BOOST_TEST(lines(b.request(game("t", 1))) == (strings{"grant t 1 at ''"}), each);
  BOOST_TEST(lines(b.request(game("t", 2))) == (strings{"grant t 2 at ''"}), each);
  BOOST_TEST(lines(b.request(game("t", 3))).empty());
  // Its end frees its slots for the others and drops its waiting games.
  b.add_tournament("u");
  (void)b.request(game("u", 1));
  BOOST_TEST(lines(b.remove_tournament("t")) == (strings{"grant u 1 at ''"}), each);
  BOOST_TEST(b.waiting("t") == 0u);
  BOOST_TEST(lines(b.request(game("t", 4))).empty());
}

BOOST_AUTO_TEST_CASE(a_paused_tournament_withdraws_its_waiting_games) {
  slot_broker b(config(0));
  b.add_tournament("t");
  (void)b.request(game("t", 1));
  BOOST_TEST(!b.waiting_reason().empty());
  // Nothing waits any more: the waiting reason is cleared.
  BOOST_TEST(lines(b.withdraw("t")) == (strings{"waiting t ''"}), each);
  BOOST_TEST(lines(b.worker_joined("w:1", 1)) == (strings{"slots t 1"}), each);
}

BOOST_AUTO_TEST_SUITE_END()
