// The worker roster alone: who offers slots, quarantine generations.
#include "tourney/runtime/worker_roster.hpp"

#include <boost/test/unit_test.hpp>

using tourney::rt::worker_roster;

BOOST_AUTO_TEST_SUITE(runtime_worker_roster)

BOOST_AUTO_TEST_CASE(a_worker_offers_its_slots_only_while_connected_and_not_quarantined) {
  worker_roster r;
  r.expect("w:1", "not connected yet");
  BOOST_TEST(r.offered("w:1") == 0u);
  BOOST_TEST(r.absent().at("w:1") == "not connected yet");
  r.join("w:1", 3);
  BOOST_TEST(r.offered("w:1") == 3u);
  BOOST_TEST(r.absent().empty());
  const auto generation = r.quarantine("w:1");
  BOOST_REQUIRE(generation);
  BOOST_TEST(r.offered("w:1") == 0u);
  BOOST_TEST(r.connected("w:1"));
  BOOST_TEST(r.reinstate("w:1", *generation));
  BOOST_TEST(r.offered("w:1") == 3u);
  r.leave("w:1", "link down");
  BOOST_TEST(r.offered("w:1") == 0u);
  BOOST_TEST(r.absent().at("w:1") == "link down");
}

BOOST_AUTO_TEST_CASE(only_the_current_quarantine_can_be_ended) {
  worker_roster r;
  r.join("a:1", 1);
  r.join("b:1", 1);
  const auto a1 = r.quarantine("a:1");
  const auto b1 = r.quarantine("b:1");
  BOOST_REQUIRE(a1);
  BOOST_REQUIRE(b1);
  BOOST_TEST(*a1 != *b1);
  BOOST_TEST(!r.quarantine("a:1"));      // already in quarantine
  BOOST_TEST(!r.reinstate("a:1", *b1));  // another worker's generation
  BOOST_TEST(r.quarantined("a:1"));
  r.join("a:1", 1);  // rejoined: quarantine over
  BOOST_TEST(!r.quarantined("a:1"));
  const auto a2 = r.quarantine("a:1");
  BOOST_REQUIRE(a2);
  BOOST_TEST(!r.reinstate("a:1", *a1));  // the first quarantine's timer
  BOOST_TEST(r.quarantined("a:1"));
  BOOST_TEST(r.reinstate("a:1", *a2));
  BOOST_TEST(!r.reinstate("a:1", *a2));  // fired twice
  BOOST_TEST(!r.quarantine("nobody:1"));
}

BOOST_AUTO_TEST_SUITE_END()
