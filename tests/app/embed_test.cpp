// The README's embedding example, built and run as shipped.
#include <filesystem>

#include <boost/test/unit_test.hpp>

#include "support/process_runner.hpp"
#include "support/temp_dir.hpp"

BOOST_AUTO_TEST_SUITE(app_embed)

BOOST_AUTO_TEST_CASE(the_embedding_example_evaluates_a_host_policy_in_the_background) {
  tourney::test::temp_dir dir;
  auto r = tourney::test::run_process({TOURNEY_EMBED_EXAMPLE_PATH, dir.path()},
                                       std::chrono::milliseconds(120000));
  BOOST_TEST(r.exit_code == 0, r.err);
  // 2 opponents x 4 games.
  BOOST_TEST(r.out.find("status completed, 8/8 games") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("checkpoint-42:") != std::string::npos);
  BOOST_TEST(std::filesystem::exists(std::filesystem::path(r.last_line()) / "tournament.json"));
}

BOOST_AUTO_TEST_SUITE_END()
