// The build's promises about headers, checked on the source tree: libtourney
// never includes CAF, and the public embedding headers (runtime.hpp,
// worker.hpp) reach neither CAF, nlohmann/json nor a detail header through
// any chain of includes, so a host compiles against them without either.
// (runtime_caf.hpp is the one public header that names CAF, by design.)
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace fs = std::filesystem;

namespace {

const fs::path source = TOURNEY_SOURCE_DIR;

std::vector<std::string> includes_of(const fs::path& file) {
  static const std::regex include(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  std::vector<std::string> out;
  std::ifstream in(file);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, include)) {
      out.push_back(m[1]);
    }
  }
  return out;
}

// Where a project include lives ("tourney/x.hpp" in libtourney/ or actors/).
std::optional<fs::path> project_file(const std::string& name) {
  for (const auto* root : {"libtourney", "actors"}) {
    auto p = source / root / name;
    if (fs::exists(p)) {
      return p;
    }
  }
  return std::nullopt;
}

// Every include reached from `start`, with the chain that reached it.
void walk(const fs::path& file, std::vector<std::string>& chain, std::set<fs::path>& seen,
          std::vector<std::string>& violations) {
  if (!seen.insert(file).second) {
    return;
  }
  for (const auto& inc : includes_of(file)) {
    chain.push_back(inc);
    if (inc.rfind("caf/", 0) == 0 || inc.rfind("nlohmann/", 0) == 0 || inc.rfind("tourney/detail/", 0) == 0) {
      std::string path;
      for (const auto& c : chain) {
        path += (path.empty() ? "" : " -> ") + c;
      }
      violations.push_back(path);
    } else if (auto next = project_file(inc)) {
      walk(*next, chain, seen, violations);
    }
    chain.pop_back();
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(layout_headers)

BOOST_AUTO_TEST_CASE(libtourney_never_includes_caf) {
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(source / "libtourney")) {
    const auto ext = e.path().extension();
    if (ext != ".hpp" && ext != ".cpp") {
      continue;
    }
    ++files;
    for (const auto& inc : includes_of(e.path())) {
      BOOST_TEST(inc.rfind("caf/", 0) != 0u, e.path().string() << " includes " << inc);
      BOOST_TEST(inc.rfind("tourney/detail/", 0) != 0u, e.path().string() << " includes " << inc);
    }
  }
  BOOST_TEST(files > 100);  // the walk found the library
}

// Every header `header` reaches (itself included), and the private ones
// among them as include chains.
struct reach {
  std::set<fs::path> seen;
  std::vector<std::string> violations;
};

reach reached_from(const char* header) {
  reach r;
  auto file = project_file(header);
  BOOST_REQUIRE_MESSAGE(file, header << " not found");
  std::vector<std::string> chain{header};
  walk(*file, chain, r.seen, r.violations);
  r.seen.insert(*file);
  return r;
}

BOOST_AUTO_TEST_CASE(public_headers_reach_no_caf_json_or_detail_header) {
  for (const char* header : {"tourney/runtime.hpp", "tourney/worker.hpp"}) {
    const auto r = reached_from(header);
    BOOST_TEST(r.seen.size() > 4u);
    for (const auto& v : r.violations) {
      BOOST_ERROR("public header reaches a private one: " << v);
    }
  }
}

// The referee factory is a test hook: it lives in tourney/testing.hpp, which
// no product header reaches and whose names no product header mentions.
BOOST_AUTO_TEST_CASE(product_headers_leave_the_test_hooks_to_the_testing_header) {
  for (const char* header : {"tourney/runtime.hpp", "tourney/worker.hpp", "tourney/runtime_caf.hpp"}) {
    for (const auto& reached : reached_from(header).seen) {
      BOOST_TEST(reached.filename() != "testing.hpp", header << " reaches " << reached);
      if (reached.parent_path().filename() != "tourney") {
        continue;  // libtourney's own headers define the factory type
      }
      std::ifstream in(reached);
      const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      BOOST_TEST(text.find("referee_factory") == std::string::npos, reached << " names referee_factory");
    }
  }
}

// The check itself: a header known to include nlohmann is caught.
BOOST_AUTO_TEST_CASE(the_walk_catches_a_json_include) {
  auto file = project_file("tourney/spec/tls_json.hpp");
  BOOST_REQUIRE(file);
  std::vector<std::string> chain{"tourney/spec/tls_json.hpp"};
  std::set<fs::path> seen;
  std::vector<std::string> violations;
  walk(*file, chain, seen, violations);
  BOOST_TEST(violations.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
