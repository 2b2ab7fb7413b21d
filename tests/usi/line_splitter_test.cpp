#include "tourney/usi/line_splitter.hpp"

#include <boost/test/unit_test.hpp>

using tourney::usi::line_splitter;
using lines = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(usi_line_splitter)

BOOST_AUTO_TEST_CASE(lines_across_partial_reads) {
  line_splitter splitter;
  BOOST_TEST(splitter.feed("id na").empty());
  BOOST_TEST(splitter.has_partial_line());
  BOOST_TEST((splitter.feed("me X\nusi") == lines{"id name X"}));
  BOOST_TEST((splitter.feed("ok\r\nreadyok\n\nbest") == lines{"usiok", "readyok", ""}));
  BOOST_TEST((splitter.feed("move 7g7f\r") == lines{}));
  BOOST_TEST((splitter.feed("\n") == lines{"bestmove 7g7f"}));
  BOOST_TEST(!splitter.has_partial_line());
  BOOST_TEST(splitter.finish().empty());
}

BOOST_AUTO_TEST_CASE(unterminated_last_line_at_eof) {
  line_splitter splitter;
  BOOST_TEST((splitter.feed("a\nb") == lines{"a"}));
  BOOST_TEST((splitter.finish() == lines{"b"}));
  BOOST_TEST(splitter.finish().empty());
}

BOOST_AUTO_TEST_CASE(overlong_lines_are_cut) {
  line_splitter splitter;
  std::string big(line_splitter::max_line_length + 10, 'x');
  auto out = splitter.feed(big + "\n");
  BOOST_REQUIRE_EQUAL(out.size(), 2u);
  BOOST_TEST(out[0].size() == line_splitter::max_line_length);
  BOOST_TEST(out[1] == std::string(10, 'x'));
}

BOOST_AUTO_TEST_SUITE_END()
