// The product libraries (libtourney/, actors/) hold no benchmark driver:
// those live in bench/lib/, a library of their own that only the app and the
// benchmark programs link (bench/CMakeLists.txt).
#include <filesystem>
#include <string>

#include <boost/test/unit_test.hpp>

namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(layout_libraries)

BOOST_AUTO_TEST_CASE(the_product_libraries_hold_no_benchmark_driver) {
  const fs::path source = TOURNEY_SOURCE_DIR;
  int files = 0;
  for (const auto* root : {"libtourney", "actors"}) {
    for (const auto& e : fs::recursive_directory_iterator(source / root)) {
      ++files;
      const auto name = e.path().filename().string();
      BOOST_TEST(!(e.is_directory() && name == "bench"), e.path().string());
      BOOST_TEST(name.find("_bench.") == std::string::npos, e.path().string());
    }
  }
  BOOST_TEST(files > 100);  // the walk found the libraries
  BOOST_TEST(fs::exists(source / "bench/lib/tourney/bench"));
}

BOOST_AUTO_TEST_SUITE_END()
