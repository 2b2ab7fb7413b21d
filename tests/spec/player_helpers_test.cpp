#include "tourney/spec/player_helpers.hpp"

#include <boost/test/unit_test.hpp>

namespace spec = tourney::spec;

BOOST_AUTO_TEST_SUITE(spec_player_helpers)

BOOST_AUTO_TEST_CASE(each_helper_sets_the_kind_and_the_field_it_reads) {
  auto random = spec::builtin("random");
  BOOST_TEST((random.kind == spec::player_kind::builtin));
  BOOST_TEST(random.builtin == "random");
  BOOST_TEST(random.name == "random");
  auto policy = spec::host("checkpoint-42");
  BOOST_TEST((policy.kind == spec::player_kind::host));
  BOOST_TEST(policy.host_name == "checkpoint-42");
  BOOST_TEST(policy.name == "checkpoint-42");
  BOOST_TEST(policy.builtin.empty());
  auto engine = spec::usi("fs-1k", "fairy-stockfish");
  BOOST_TEST((engine.kind == spec::player_kind::usi));
  BOOST_TEST(engine.usi.command == "fairy-stockfish");
  BOOST_TEST(engine.name == "fs-1k");
}

BOOST_AUTO_TEST_CASE(a_given_name_replaces_the_default) {
  BOOST_TEST(spec::builtin("alphabeta", "ab-2").name == "ab-2");
  BOOST_TEST(spec::builtin("alphabeta", "ab-2").builtin == "alphabeta");
  BOOST_TEST(spec::host("checkpoint-42", "new").host_name == "checkpoint-42");
}

BOOST_AUTO_TEST_SUITE_END()
