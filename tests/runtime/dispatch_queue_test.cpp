// The lazy dispatch order against a reference model written here: the list
// of every undispatched index that the tournament kept before (a deque of the
// whole schedule, scanned from the front for the first eligible game, given
// back games pushed to the front). With an unbounded scan both must take the
// same games in the same order; with a bound, the work per call is bounded.
// Replay a failure with RC_PARAMS="seed=N".
#include <deque>
#include <limits>
#include <set>

#include <boost/test/unit_test.hpp>
#include <rapidcheck.h>

#include "tourney/runtime/dispatch_queue.hpp"
#include "tourney/schedule/index_set.hpp"

using namespace tourney;

namespace {

constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

struct reference_queue {
  std::deque<std::uint64_t> left;

  reference_queue(std::uint64_t size, const std::set<std::uint64_t>& finished) {
    for (std::uint64_t i = 0; i < size; ++i) {
      if (finished.count(i) == 0) {
        left.push_back(i);
      }
    }
  }
  std::optional<std::uint64_t> take(const std::function<bool(std::uint64_t)>& eligible) {
    for (auto it = left.begin(); it != left.end(); ++it) {
      if (eligible(*it)) {
        auto index = *it;
        left.erase(it);
        return index;
      }
    }
    return std::nullopt;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(runtime_dispatch_queue)

BOOST_AUTO_TEST_CASE(index_set_is_a_set) {
  BOOST_TEST(rc::check("index_set == std::set over random inserts", [] {
    const auto inserts = *rc::gen::container<std::vector<std::uint64_t>>(rc::gen::inRange<std::uint64_t>(0, 300));
    schedule::index_set s;
    std::set<std::uint64_t> model;
    for (auto i : inserts) {
      RC_ASSERT(s.insert(i) == model.insert(i).second);
    }
    RC_ASSERT(s.size() == model.size());
    for (std::uint64_t i = 0; i < 310; ++i) {
      RC_ASSERT(s.contains(i) == (model.count(i) > 0));
    }
  }));
}

BOOST_AUTO_TEST_CASE(index_set_keeps_in_order_games_in_no_memory) {
  schedule::index_set s;
  for (std::uint64_t i = 0; i < 1000000; ++i) {
    s.insert(i);
  }
  BOOST_TEST(s.scattered() == 0u);
  BOOST_TEST(s.size() == 1000000u);
}

BOOST_AUTO_TEST_CASE(takes_the_same_games_as_the_full_list_did) {
  BOOST_TEST(rc::check("dispatch_queue == full list", [] {
    const auto size = *rc::gen::inRange<std::uint64_t>(0, 60);
    const auto finished_list = *rc::gen::container<std::vector<std::uint64_t>>(rc::gen::inRange<std::uint64_t>(0, 60));
    std::set<std::uint64_t> finished(finished_list.begin(), finished_list.end());
    schedule::index_set done;
    for (auto i : finished) {
      done.insert(i);
    }
    rt::dispatch_queue q(size, done);
    reference_queue model(size, finished);
    std::vector<std::uint64_t> taken;
    const int steps = *rc::gen::inRange(0, 120);
    for (int step = 0; step < steps; ++step) {
      if (!taken.empty() && *rc::gen::inRange(0, 4) == 0) {
        // Give back one of the games taken (a withdrawn request, a lost worker).
        const auto at = *rc::gen::inRange<std::size_t>(0, taken.size());
        const auto index = taken[at];
        taken.erase(taken.begin() + static_cast<std::ptrdiff_t>(at));
        q.give_back(index);
        model.left.push_front(index);
        continue;
      }
      // A player at its limit: some games do not fit now.
      const auto salt = *rc::gen::arbitrary<std::uint32_t>();
      const auto share = *rc::gen::inRange(0, 4);
      auto fits = [salt, share](std::uint64_t i) { return ((i * 2654435761u) ^ salt) % 4 >= static_cast<unsigned>(share); };
      const auto a = q.take(fits, unbounded);
      const auto b = model.take(fits);
      RC_ASSERT(a == b);
      if (a) {
        RC_ASSERT(finished.count(*a) == 0u);
        taken.push_back(*a);
      }
      RC_ASSERT(q.empty() == model.left.empty());
    }
  }));
}

BOOST_AUTO_TEST_CASE(a_huge_schedule_costs_nothing_to_start_and_clear) {
  rt::dispatch_queue q(std::uint64_t{45'000'000'000}, {});
  auto all = [](std::uint64_t) { return true; };
  BOOST_TEST(q.take(all, 16).value_or(99) == 0u);
  BOOST_TEST(q.take(all, 16).value_or(99) == 1u);
  q.clear();
  BOOST_TEST(q.empty());
  BOOST_TEST(!q.take(all, 16).has_value());
}

BOOST_AUTO_TEST_CASE(a_cleared_queue_takes_no_game_given_back_afterwards) {
  rt::dispatch_queue q(10, {});
  auto all = [](std::uint64_t) { return true; };
  const auto taken = q.take(all, 16);
  BOOST_REQUIRE(taken.has_value());
  BOOST_TEST(!q.cleared());
  q.clear();
  BOOST_TEST(q.cleared());
  q.give_back(*taken);  // a game a lost worker was playing, after an SPRT verdict
  BOOST_TEST(q.empty());
  BOOST_TEST(!q.take(all, 16).has_value());
}

BOOST_AUTO_TEST_CASE(a_scan_looks_at_no_more_than_its_limit_and_keeps_what_it_passed_over) {
  rt::dispatch_queue q(1000, {});
  int looked = 0;
  auto none = [&looked](std::uint64_t) {
    ++looked;
    return false;
  };
  BOOST_TEST(!q.take(none, 10).has_value());
  BOOST_TEST(looked == 10);
  BOOST_TEST(q.held() == 10u);
  // The ones passed over come first, in order, once they fit.
  auto even = [](std::uint64_t i) { return i % 2 == 0; };
  BOOST_TEST(q.take(even, 10).value_or(99) == 0u);
  BOOST_TEST(q.take(even, 10).value_or(99) == 2u);
  looked = 0;
  BOOST_TEST(!q.take(none, 4).has_value());
  BOOST_TEST(looked == 4);  // the limit holds with games held
}

BOOST_AUTO_TEST_SUITE_END()
