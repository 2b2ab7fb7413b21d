#include "tourney/results/journal_reader.hpp"

#include <cstdio>
#include <fstream>

#include <boost/test/unit_test.hpp>

#include <unistd.h>

using namespace tourney;

namespace {

struct temp_file {
  std::string path;
  explicit temp_file(const std::string& content) {
    char name[] = "/tmp/tourney-journal-XXXXXX";
    int fd = ::mkstemp(name);
    BOOST_REQUIRE(fd >= 0);
    ::close(fd);
    path = name;
    std::ofstream(path, std::ios::binary) << content;
  }
  ~temp_file() {
    std::remove(path.c_str());
  }
};

const char* line0 = R"({"game_id":"g0","index":0,"result":"black_win","reason":"checkmate","plies":81})";
const char* line1 = R"({"game_id":"g1","index":1,"result":"draw","reason":"max_plies","plies":256})";

}  // namespace

BOOST_AUTO_TEST_SUITE(results_journal_reader)

BOOST_AUTO_TEST_CASE(whole_lines_are_read_in_order) {
  temp_file f(std::string(line0) + "\n" + line1 + "\n");
  auto j = results::read_journal(f.path);
  BOOST_REQUIRE(j);
  BOOST_REQUIRE(j->games.size() == 2u);
  BOOST_TEST(j->games[0].game_id == "g0");
  BOOST_TEST((j->games[1].result == game::result::draw));
  BOOST_TEST(j->games[1].plies == 256);
  BOOST_TEST(j->warnings.empty());
}

BOOST_AUTO_TEST_CASE(a_truncated_last_line_is_ignored_with_a_warning) {
  std::string whole = std::string(line0) + "\n";
  // Cut the second line at every byte offset, as a power cut could.
  for (std::size_t cut = 0; cut < std::string(line1).size(); ++cut) {
    temp_file f(whole + std::string(line1).substr(0, cut));
    auto j = results::read_journal(f.path);
    BOOST_REQUIRE(j);
    BOOST_TEST(j->games.size() == 1u);
    BOOST_TEST(j->valid_bytes == whole.size());
    BOOST_TEST(j->warnings.size() == (cut == 0 ? 0u : 1u));
  }
}

BOOST_AUTO_TEST_CASE(damaged_and_duplicate_lines_are_skipped_with_file_and_line) {
  temp_file f(std::string(line0) + "\n{oops\n" + line0 + "\n" + line1 + "\n");
  auto j = results::read_journal(f.path);
  BOOST_REQUIRE(j);
  BOOST_TEST(j->games.size() == 2u);
  BOOST_REQUIRE(j->warnings.size() == 2u);
  BOOST_TEST(j->warnings[0].find(":2: damaged line") != std::string::npos, j->warnings[0]);
  BOOST_TEST(j->warnings[1].find(":3: game index 0 appears again") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_missing_journal_is_empty) {
  auto j = results::read_journal("/nonexistent-dir/games.jsonl");
  BOOST_REQUIRE(j);
  BOOST_TEST(j->games.empty());
}

BOOST_AUTO_TEST_SUITE_END()
