// Atomic, durable whole-file writes and the group-committed games.jsonl.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_dir.hpp"
#include "tourney/storage/atomic_file.hpp"
#include "tourney/storage/jsonl_writer.hpp"

namespace fs = std::filesystem;
using namespace tourney::storage;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::size_t entries(const std::string& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(storage_atomic_file)

BOOST_AUTO_TEST_CASE(writes_and_replaces_without_leaving_temporaries) {
  tourney::test::temp_dir dir;
  auto path = dir.path() + "/tournament.json";
  BOOST_REQUIRE(write_file_atomically(path, "{\"a\":1}"));
  BOOST_CHECK_EQUAL(slurp(path), "{\"a\":1}");
  BOOST_REQUIRE(write_file_atomically(path, "{\"a\":2}"));
  BOOST_CHECK_EQUAL(slurp(path), "{\"a\":2}");
  BOOST_CHECK_EQUAL(entries(dir.path()), 1u);
}

BOOST_AUTO_TEST_CASE(errors_name_the_path_and_the_step) {
  tourney::test::temp_dir dir;
  auto bad = write_file_atomically(dir.path() + "/missing/tournament.json", "x");
  BOOST_REQUIRE(!bad);
  BOOST_CHECK(bad.error().message.find("missing/tournament.json") != std::string::npos);
  BOOST_CHECK(bad.error().message.find("create temporary file") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(make_directory_new_existing_and_blocked) {
  tourney::test::temp_dir dir;
  auto d = dir.path() + "/t";
  BOOST_REQUIRE(make_directory(d, true));
  BOOST_CHECK(!make_directory(d, true));
  BOOST_CHECK(make_directory(d, false));
  std::ofstream(dir.path() + "/file") << "x";
  auto blocked = make_directory(dir.path() + "/file", false);
  BOOST_REQUIRE(!blocked);
  BOOST_CHECK(blocked.error().message.find("not a directory") != std::string::npos);
  BOOST_CHECK(!make_directory(dir.path() + "/file/sub", false));
}

BOOST_AUTO_TEST_CASE(jsonl_lines_appear_after_commit_in_order) {
  tourney::test::temp_dir dir;
  auto path = dir.path() + "/games.jsonl";
  auto w = jsonl_writer::open(path);
  BOOST_REQUIRE(w);
  w->append("{\"i\":1}");
  w->append("{\"i\":2}");
  BOOST_CHECK_EQUAL(w->pending(), 2u);
  BOOST_CHECK_EQUAL(slurp(path), "");
  BOOST_REQUIRE(w->commit());
  BOOST_CHECK_EQUAL(w->pending(), 0u);
  w->append("{\"i\":3}");
  BOOST_REQUIRE(w->commit());
  BOOST_CHECK_EQUAL(slurp(path), "{\"i\":1}\n{\"i\":2}\n{\"i\":3}\n");
  // Reopening appends.
  auto again = jsonl_writer::open(path);
  BOOST_REQUIRE(again);
  again->append("{\"i\":4}");
  BOOST_REQUIRE(again->commit());
  BOOST_CHECK_EQUAL(slurp(path), "{\"i\":1}\n{\"i\":2}\n{\"i\":3}\n{\"i\":4}\n");
}

BOOST_AUTO_TEST_CASE(jsonl_open_errors_name_the_file) {
  tourney::test::temp_dir dir;
  auto w = jsonl_writer::open(dir.path());  // a directory
  BOOST_REQUIRE(!w);
  BOOST_CHECK(w.error().message.find(dir.path()) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(jsonl_write_errors_are_reported) {
  // /dev/full accepts the open and fails every write with ENOSPC.
  if (!fs::exists("/dev/full")) {
    return;
  }
  auto w = jsonl_writer::open("/dev/full");
  BOOST_REQUIRE(w);
  w->append("{}");
  auto r = w->commit();
  BOOST_REQUIRE(!r);
  BOOST_CHECK(r.error().message.find("/dev/full") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
