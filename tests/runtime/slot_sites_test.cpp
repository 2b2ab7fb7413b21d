#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "tourney/runtime/slot_sites.hpp"

using tourney::rt::slot_sites;

BOOST_AUTO_TEST_SUITE(runtime_slot_sites)

BOOST_AUTO_TEST_CASE(games_spread_over_the_sites_with_most_free_slots) {
  slot_sites s;
  s.set_site("", 1);
  s.set_site("w1:1", 2);
  s.set_site("w2:1", 2);
  BOOST_TEST(s.capacity() == 5u);
  // 2 free on w1 and w2, 1 locally: w1 first (name order among equals).
  BOOST_TEST(*s.place("t", 0) == "w1:1");
  BOOST_TEST(*s.place("t", 1) == "w2:1");
  // Now 1 free everywhere: the local site wins ties.
  BOOST_TEST(*s.place("t", 2) == "");
  BOOST_TEST(*s.place("t", 3) == "w1:1");
  BOOST_TEST(*s.place("t", 4) == "w2:1");
  BOOST_TEST(!s.place("t", 5));
  BOOST_TEST(s.in_use() == 5u);
  s.release("t", 2);
  BOOST_TEST(*s.place("u", 9) == "");
}

BOOST_AUTO_TEST_CASE(a_removed_site_hands_back_exactly_its_games) {
  slot_sites s;
  s.set_site("", 0);
  s.set_site("a", 2);
  s.set_site("b", 1);
  (void)s.place("t", 0);  // a
  (void)s.place("t", 1);  // a or b
  (void)s.place("u", 7);
  std::vector<std::uint64_t> on_a;
  for (auto [t, g] : std::vector<std::pair<std::string, std::uint64_t>>{{"t", 0}, {"t", 1}, {"u", 7}}) {
    if (s.site_of(t, g) == std::optional<std::string>("a")) {
      on_a.push_back(g);
    }
  }
  auto lost = s.remove_site("a");
  BOOST_TEST(lost.size() == on_a.size());
  for (const auto& p : lost) {
    BOOST_TEST((std::find(on_a.begin(), on_a.end(), p.game) != on_a.end()));
    BOOST_TEST(!s.site_of(p.tournament, p.game));
  }
  BOOST_TEST(s.capacity() == 1u);
  BOOST_TEST(s.in_use() == 3u - lost.size());
  // Releasing a game of the removed site is harmless.
  s.release("t", 0);
  BOOST_TEST(!s.has_site("a"));
}

BOOST_AUTO_TEST_CASE(no_sites_or_no_slots_place_nothing) {
  slot_sites s;
  BOOST_TEST(!s.place("t", 0));
  s.set_site("", 0);
  BOOST_TEST(!s.place("t", 0));
  BOOST_TEST(s.capacity() == 0u);
}

BOOST_AUTO_TEST_CASE(forget_frees_only_that_tournament) {
  slot_sites s;
  s.set_site("", 3);
  (void)s.place("a", 1);
  (void)s.place("b", 1);
  (void)s.place("a", 2);
  s.forget("a");
  BOOST_TEST(s.in_use() == 1u);
  BOOST_TEST(s.in_use("") == 1u);
  BOOST_TEST(*s.site_of("b", 1) == "");
}

BOOST_AUTO_TEST_SUITE_END()
