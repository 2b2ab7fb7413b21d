// The status machine, the run queue and the slot pool: the rules the
// supervisor and tournaments follow, without actors.
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

#include "tourney/runtime/ids.hpp"
#include "tourney/runtime/run_queue.hpp"
#include "tourney/runtime/slot_pool.hpp"
#include "tourney/runtime/status.hpp"

using namespace tourney::rt;

BOOST_AUTO_TEST_SUITE(runtime_lifecycle)

BOOST_AUTO_TEST_CASE(exactly_the_documented_transitions_are_allowed) {
  using s = tournament_status;
  const std::vector<s> all{s::created, s::running, s::paused, s::completed, s::failed, s::cancelled};
  // The machine: CREATED -> RUNNING <-> PAUSED -> COMPLETED | FAILED |
  // CANCELLED; a queued tournament may be cancelled or fail before it runs.
  const std::set<std::pair<s, s>> allowed{
      {s::created, s::running},   {s::created, s::cancelled}, {s::created, s::failed},
      {s::running, s::paused},    {s::running, s::completed}, {s::running, s::failed},
      {s::running, s::cancelled}, {s::paused, s::running},    {s::paused, s::completed},
      {s::paused, s::failed},     {s::paused, s::cancelled},
  };
  for (auto from : all) {
    for (auto to : all) {
      auto ok = check_transition(from, to);
      BOOST_CHECK_MESSAGE(static_cast<bool>(ok) == (allowed.count({from, to}) == 1),
                          to_string(from) << " -> " << to_string(to));
      if (!ok) {
        BOOST_CHECK(ok.error().message.find(std::string(to_string(from))) != std::string::npos);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_refused_move_leaves_the_status_unchanged) {
  lifecycle l;
  BOOST_CHECK(!l.move_to(tournament_status::paused));
  BOOST_CHECK(l.status() == tournament_status::created);
  BOOST_CHECK(l.move_to(tournament_status::running));
  BOOST_CHECK(l.move_to(tournament_status::paused));
  BOOST_CHECK(l.move_to(tournament_status::running));
  BOOST_CHECK(l.move_to(tournament_status::completed));
  BOOST_CHECK(!l.move_to(tournament_status::cancelled));
  BOOST_CHECK(l.status() == tournament_status::completed);
}

BOOST_AUTO_TEST_CASE(status_strings_are_the_originals) {
  BOOST_CHECK_EQUAL(to_string(tournament_status::created), "created");
  BOOST_CHECK_EQUAL(to_string(tournament_status::running), "running");
  BOOST_CHECK_EQUAL(to_string(tournament_status::paused), "paused");
  BOOST_CHECK_EQUAL(to_string(tournament_status::completed), "completed");
  BOOST_CHECK_EQUAL(to_string(tournament_status::failed), "failed");
  BOOST_CHECK_EQUAL(to_string(tournament_status::cancelled), "cancelled");
}

BOOST_AUTO_TEST_CASE(run_queue_priority_then_fifo) {
  run_queue q;
  q.push("a", 0);
  q.push("b", 5);
  q.push("c", 0);
  q.push("d", 5);
  q.push("e", -1);
  BOOST_CHECK((q.order() == std::vector<std::string>{"b", "d", "a", "c", "e"}));
  BOOST_CHECK(q.position("a") == std::optional<std::size_t>(2));
  BOOST_CHECK(!q.position("zz"));
  BOOST_CHECK(q.remove("d"));
  BOOST_CHECK(!q.remove("d"));
  BOOST_CHECK_EQUAL(*q.pop(), "b");
  BOOST_CHECK_EQUAL(*q.pop(), "a");
  BOOST_CHECK_EQUAL(*q.pop(), "c");
  BOOST_CHECK_EQUAL(*q.pop(), "e");
  BOOST_CHECK(!q.pop());
}

BOOST_AUTO_TEST_CASE(slots_are_shared_fairly) {
  slot_pool pool(4);
  for (std::uint64_t g = 0; g < 10; ++g) {
    pool.request({"a", g, {}});
  }
  auto first = pool.grant();
  BOOST_CHECK_EQUAL(first.size(), 4u);  // alone, "a" may use every slot
  for (std::uint64_t g = 0; g < 10; ++g) {
    pool.request({"b", g, {}});
  }
  BOOST_CHECK(pool.grant().empty());
  // Freed slots go to the tournament holding fewer until they are even.
  pool.release("a", 0);
  pool.release("a", 1);
  auto next = pool.grant();
  BOOST_REQUIRE_EQUAL(next.size(), 2u);
  BOOST_CHECK_EQUAL(next[0].tournament, "b");
  BOOST_CHECK_EQUAL(next[1].tournament, "b");
  BOOST_CHECK_EQUAL(pool.held("a"), 2u);
  BOOST_CHECK_EQUAL(pool.held("b"), 2u);
  // Then they alternate.
  std::map<std::string, int> served;
  for (int i = 0; i < 4; ++i) {
    auto owner = i % 2 == 0 ? "a" : "b";
    pool.release(owner, owner == std::string("a") ? 2 + i : i / 2);
    for (auto& g : pool.grant()) {
      ++served[g.tournament];
    }
  }
  BOOST_CHECK_EQUAL(served["a"], 2);
  BOOST_CHECK_EQUAL(served["b"], 2);
}

BOOST_AUTO_TEST_CASE(shared_player_limits_hold_across_tournaments_without_blocking_others) {
  slot_pool pool(8);
  pool.set_limit("host:gpu", 1);
  pool.request({"a", 0, {"host:gpu"}});
  pool.request({"a", 1, {"host:gpu"}});
  pool.request({"b", 0, {"host:gpu"}});
  pool.request({"b", 1, {}});  // behind a blocked request: still granted
  auto g = pool.grant();
  BOOST_REQUIRE_EQUAL(g.size(), 2u);
  int gpu = 0;
  for (const auto& x : g) {
    gpu += (x.tournament == "a" || x.game == 0) ? 1 : 0;
  }
  BOOST_CHECK_EQUAL(gpu, 1);
  BOOST_CHECK_EQUAL(pool.in_use(), 2u);
  // Releasing the gpu game lets exactly one more gpu game in.
  for (const auto& x : g) {
    if (x.tournament == "a" || x.game == 0) {
      pool.release(x.tournament, x.game);
    }
  }
  BOOST_CHECK_EQUAL(pool.grant().size(), 1u);
  BOOST_CHECK_EQUAL(pool.grant().size(), 0u);
}

BOOST_AUTO_TEST_CASE(light_games_take_no_slot_only_their_policy_limit) {
  slot_pool pool(1);
  pool.set_limit("host:net", 3);
  pool.request({"a", 0, {}});                   // needs a core
  pool.request({"a", 1, {}});                   // needs a core: waits
  for (std::uint64_t g = 10; g < 15; ++g) {
    pool.request({"a", g, {"host:net"}, true});  // light: the policy's 3 at most
  }
  auto granted = pool.grant();
  std::size_t light = 0;
  for (const auto& x : granted) {
    light += x.light ? 1 : 0;
    BOOST_TEST(x.light == (x.game >= 10));
  }
  BOOST_TEST(granted.size() == 4u);  // one core game and three light ones
  BOOST_TEST(light == 3u);
  BOOST_TEST(pool.in_use() == 1u);   // light games hold no slot
  // A light game ending frees its policy's place, not a slot.
  pool.release("a", 10);
  auto next = pool.grant();
  BOOST_REQUIRE_EQUAL(next.size(), 1u);
  BOOST_TEST(next[0].light);
  BOOST_TEST(pool.in_use() == 1u);
  // The core game ending frees the slot for the other core game.
  pool.release("a", 0);
  next = pool.grant();
  BOOST_REQUIRE_EQUAL(next.size(), 1u);
  BOOST_TEST(next[0].game == 1u);
  pool.forget("a");
  BOOST_TEST(pool.in_use() == 0u);
}

BOOST_AUTO_TEST_CASE(withdraw_and_forget) {
  slot_pool pool(2);
  pool.request({"a", 0, {}});
  pool.request({"a", 1, {}});
  pool.request({"a", 2, {}});
  BOOST_CHECK_EQUAL(pool.grant().size(), 2u);
  pool.withdraw("a");
  BOOST_CHECK_EQUAL(pool.waiting("a"), 0u);
  BOOST_CHECK_EQUAL(pool.held("a"), 2u);
  pool.forget("a");
  BOOST_CHECK_EQUAL(pool.in_use(), 0u);
  pool.request({"b", 0, {}});
  BOOST_CHECK_EQUAL(pool.grant().size(), 1u);
}

BOOST_AUTO_TEST_CASE(ids_are_unique_and_their_folder_prefixes_too) {
  id_generator ids(42);
  std::set<std::string> full;
  std::set<std::string> prefix;
  for (int i = 0; i < 100000; ++i) {
    auto id = ids.next();
    BOOST_REQUIRE_EQUAL(id.size(), 32u);
    full.insert(id);
    prefix.insert(id.substr(0, 8));
  }
  BOOST_CHECK_EQUAL(full.size(), 100000u);
  BOOST_CHECK_EQUAL(prefix.size(), 100000u);
}

BOOST_AUTO_TEST_SUITE_END()
