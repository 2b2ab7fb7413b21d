#include "tourney/storage/parent_of.hpp"

#include <boost/test/unit_test.hpp>

using tourney::storage::parent_of;

BOOST_AUTO_TEST_SUITE(storage_parent_of)

BOOST_AUTO_TEST_CASE(parent_of_relative_absolute_and_bare_paths) {
  BOOST_TEST(parent_of("results/run-1/tournament.json") == "results/run-1");
  BOOST_TEST(parent_of("/tmp/x") == "/tmp");
  BOOST_TEST(parent_of("/x") == "/");
  BOOST_TEST(parent_of("tournament.json") == ".");
}

BOOST_AUTO_TEST_CASE(a_trailing_slash_names_the_same_directory) {
  BOOST_TEST(parent_of("results/run-1/") == "results");
  BOOST_TEST(parent_of("results/run-1//") == "results");
  BOOST_TEST(parent_of("/run-1/") == "/");
}

BOOST_AUTO_TEST_SUITE_END()
