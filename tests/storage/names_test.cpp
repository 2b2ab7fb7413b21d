// File-system names: a tournament name can never leave the storage directory.
#include <boost/test/unit_test.hpp>

#include "tourney/storage/names.hpp"

using tourney::storage::max_name_bytes;
using tourney::storage::sanitize_name;
using tourney::storage::tournament_folder_name;

BOOST_AUTO_TEST_SUITE(storage_names)

BOOST_AUTO_TEST_CASE(path_separators_and_parent_references_are_neutralised) {
  BOOST_CHECK_EQUAL(sanitize_name("../x"), "x");
  BOOST_CHECK_EQUAL(sanitize_name("a/b"), "a_b");
  BOOST_CHECK_EQUAL(sanitize_name("a/../../b"), "a_.._.._b");
  BOOST_CHECK_EQUAL(sanitize_name("/etc/passwd"), "etc_passwd");
  BOOST_CHECK_EQUAL(sanitize_name(".."), "tournament");
  BOOST_CHECK_EQUAL(sanitize_name("."), "tournament");
  BOOST_CHECK_EQUAL(sanitize_name(".hidden"), "hidden");
  BOOST_CHECK_EQUAL(sanitize_name("a\\b"), "a_b");
}

BOOST_AUTO_TEST_CASE(control_characters_spaces_and_non_ascii_become_underscores) {
  BOOST_CHECK_EQUAL(sanitize_name(std::string("a\x01\x02" "b\nc\td")), "a_b_c_d");
  BOOST_CHECK_EQUAL(sanitize_name("nightly run 1"), "nightly_run_1");
  BOOST_CHECK_EQUAL(sanitize_name("\xe5\xb0\x86\xe6\xa3\x8b"), "tournament");  // "shogi" in UTF-8
  BOOST_CHECK_EQUAL(sanitize_name(std::string("a\0b", 3)), "a_b");
}

BOOST_AUTO_TEST_CASE(empty_and_separator_only_names_get_a_default) {
  BOOST_CHECK_EQUAL(sanitize_name(""), "tournament");
  BOOST_CHECK_EQUAL(sanitize_name("///"), "tournament");
  BOOST_CHECK_EQUAL(sanitize_name("-"), "tournament");
}

BOOST_AUTO_TEST_CASE(long_names_are_bounded) {
  auto s = sanitize_name(std::string(10000, 'x'));
  BOOST_CHECK_EQUAL(s.size(), max_name_bytes);
  BOOST_CHECK_EQUAL(s, std::string(max_name_bytes, 'x'));
}

BOOST_AUTO_TEST_CASE(every_byte_maps_to_a_safe_component) {
  for (int c = 0; c < 256; ++c) {
    auto s = sanitize_name(std::string(1, static_cast<char>(c)) + "n");
    BOOST_CHECK(s.find('/') == std::string::npos);
    BOOST_CHECK(s != "." && s != "..");
    BOOST_CHECK(!s.empty() && s.front() != '.');
  }
}

BOOST_AUTO_TEST_CASE(folder_name_is_name_and_id_prefix) {
  BOOST_CHECK_EQUAL(tournament_folder_name("../nightly", "0123456789abcdef"), "nightly-01234567");
}

BOOST_AUTO_TEST_SUITE_END()
