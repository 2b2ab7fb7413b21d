// The test tiers' promise (tests/CMakeLists.txt): each module's ctest entry
// runs with --run_test=!@slow, so no case labelled slow runs in the normal
// tier. The case below carries the label; it runs only where no filter
// excludes it (the slow tier, or the binary run by hand) and fails if it
// finds itself running under a filter that should have excluded it.
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <boost/test/unit_test_parameters.hpp>

BOOST_AUTO_TEST_SUITE(layout_tiers)

BOOST_AUTO_TEST_CASE(a_case_labelled_slow_never_runs_under_the_normal_tier_s_filter,
                     *boost::unit_test::label("slow")) {
  namespace config = boost::unit_test::runtime_config;
  std::vector<std::string> filters;
  if (config::has(config::btrt_run_filters)) {
    filters = config::get<std::vector<std::string>>(config::btrt_run_filters);
  }
  for (const auto& f : filters) {
    BOOST_TEST(f.find("!@slow") == std::string::npos, "ran although the run excludes label slow: " << f);
  }
}

BOOST_AUTO_TEST_SUITE_END()
