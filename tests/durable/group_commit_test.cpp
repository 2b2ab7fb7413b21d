// The journal's group commit policy, driven by events, no threads.
#include "tourney/durable/group_commit.hpp"

#include <boost/test/unit_test.hpp>

using tourney::durable::group_commit;

BOOST_AUTO_TEST_SUITE(durable_group_commit)

BOOST_AUTO_TEST_CASE(appends_waiting_for_a_flush_share_it) {
  group_commit g;
  BOOST_TEST(g.on_append());   // the first asks for a flush
  BOOST_TEST(!g.on_append());  // the next two join it
  BOOST_TEST(!g.on_append());
  BOOST_TEST(g.waiting() == 3u);
  BOOST_TEST(g.on_flush() == 3u);
  BOOST_TEST(g.syncs() == 1u);
  BOOST_TEST(g.waiting() == 0u);
}

BOOST_AUTO_TEST_CASE(an_append_after_a_flush_asks_for_the_next_one) {
  group_commit g;
  BOOST_TEST(g.on_append());
  BOOST_TEST(g.on_flush() == 1u);
  BOOST_TEST(g.on_append());
  BOOST_TEST(!g.on_append());
  BOOST_TEST(g.on_flush() == 2u);
  BOOST_TEST(g.syncs() == 2u);
}

BOOST_AUTO_TEST_CASE(a_forced_flush_covers_the_lines_and_the_scheduled_one_then_syncs_nothing) {
  group_commit g;
  BOOST_TEST(g.on_append());     // a flush is scheduled
  BOOST_TEST(g.on_flush() == 1u);  // a tournament's end flushes first
  BOOST_TEST(g.on_flush() == 0u);  // the scheduled one finds nothing
  BOOST_TEST(g.syncs() == 1u);
  BOOST_TEST(g.on_append());     // and the next append schedules again
}

BOOST_AUTO_TEST_CASE(a_thousand_appends_before_the_flush_make_one_sync) {
  group_commit g;
  int scheduled = 0;
  for (int i = 0; i < 1000; ++i) {
    scheduled += g.on_append() ? 1 : 0;
  }
  BOOST_TEST(scheduled == 1);
  BOOST_TEST(g.on_flush() == 1000u);
  BOOST_TEST(g.syncs() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
