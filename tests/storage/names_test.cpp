// File-system names: a tournament name can never leave the storage directory.
#include <boost/test/unit_test.hpp>

#include <set>

#include "tourney/storage/names.hpp"

using tourney::storage::engine_log_stem;
using tourney::storage::engine_log_stems;
using tourney::storage::max_name_bytes;
using tourney::storage::sanitize_component;
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

BOOST_AUTO_TEST_CASE(engine_log_stems_keep_safe_names_and_tell_sanitised_ones_apart) {
  // Already file-safe: unchanged (the README's engines/<player>-<slot>.stderr.log).
  BOOST_CHECK_EQUAL(engine_log_stem("a_b"), "a_b");
  BOOST_CHECK_EQUAL(engine_log_stem("fs-1k.v2"), "fs-1k.v2");
  // Sanitised: the safe text, '~' and 8 hex digits of the exact name.
  auto slash = engine_log_stem("a/b");
  BOOST_CHECK_EQUAL(slash.substr(0, 4), "a_b~");
  BOOST_CHECK_EQUAL(slash.size(), 12u);
  BOOST_CHECK_EQUAL(slash.find_first_not_of("0123456789abcdef", 4), std::string::npos);
  BOOST_CHECK_EQUAL(engine_log_stem("a/b"), slash);  // stable: a resumed run appends to the same file
  // Names that sanitise alike, one of them already safe: all distinct.
  std::set<std::string> stems;
  for (const char* name : {"a_b", "a/b", "a b", "a\\b", "a:b", "a_b~0"}) {
    BOOST_CHECK(stems.insert(engine_log_stem(name)).second);
  }
  BOOST_CHECK_EQUAL(stems.size(), 6u);
  // Leading dots, empty and over-long names are changed, so hashed too.
  BOOST_CHECK_EQUAL(engine_log_stem(".x").substr(0, 3), "_x~");
  BOOST_CHECK_EQUAL(engine_log_stem("").substr(0, 1), "~");
  auto long_name = std::string(max_name_bytes, 'x');
  BOOST_CHECK_EQUAL(engine_log_stem(long_name), long_name);
  auto longer = engine_log_stem(long_name + "y");
  BOOST_CHECK_EQUAL(longer.size(), max_name_bytes + 9);
  BOOST_CHECK(longer != engine_log_stem(long_name + "z"));
  for (int c = 0; c < 256; ++c) {
    auto stem = engine_log_stem(std::string(1, static_cast<char>(c)));
    BOOST_CHECK(stem.find('/') == std::string::npos && stem.find('\0') == std::string::npos);
    BOOST_CHECK(stem.front() != '.');
  }
}

BOOST_AUTO_TEST_CASE(engine_log_stems_on_disk_keep_their_spelling) {
  // Stems of logs already written must not change (a resumed tournament
  // appends to the same files). Expected values computed by hand from the
  // rule (byte-for-byte '_', a leading dot too, cut at 64 bytes; FNV-1a 64
  // folded to 32 bits) with an independent script, not by this code.
  BOOST_CHECK_EQUAL(engine_log_stem("fs-1k.v2"), "fs-1k.v2");
  BOOST_CHECK_EQUAL(engine_log_stem("a.b."), "a.b.");
  BOOST_CHECK_EQUAL(engine_log_stem("a/b"), "a_b~e2480c78");
  BOOST_CHECK_EQUAL(engine_log_stem("a__/b"), "a___b~d31e2900");  // no collapsing, unlike folders
  BOOST_CHECK_EQUAL(engine_log_stem(".x"), "_x~b37ac28c");
  BOOST_CHECK_EQUAL(engine_log_stem("..hidden"), "_.hidden~e0a9e9fe");
  BOOST_CHECK_EQUAL(engine_log_stem(""), "~4fd0bfc1");
  BOOST_CHECK_EQUAL(engine_log_stem("fs 1k/v2"), "fs_1k_v2~8f452ccf");
  BOOST_CHECK_EQUAL(engine_log_stem("\xe5\xb0\x86\xe6\xa3\x8b"), "______~37804fb2");
  BOOST_CHECK_EQUAL(engine_log_stem(std::string(max_name_bytes, 'x') + "y"),
                    std::string(max_name_bytes, 'x') + "~3400e071");
  // The same sanitiser, the folder style: collapsed, trimmed.
  BOOST_CHECK_EQUAL(sanitize_component("a__/b.", tourney::storage::sanitize_style::collapse), "a_b");
  BOOST_CHECK_EQUAL(sanitize_component("a__/b.", tourney::storage::sanitize_style::byte_for_byte), "a___b.");
}

BOOST_AUTO_TEST_CASE(engine_log_stems_stay_distinct_when_two_hashes_collide) {
  // Found by search: same sanitised text ("x_____") and the same 32-bit hash.
  const std::string a = "x :(; ";
  const std::string b = "x :;^)";
  BOOST_REQUIRE_EQUAL(engine_log_stem(a), engine_log_stem(b));
  auto stems = engine_log_stems({"plain", a, b});
  BOOST_CHECK_EQUAL(stems.at("plain"), "plain");
  BOOST_CHECK_EQUAL(stems.at(a), engine_log_stem(a));
  BOOST_CHECK_EQUAL(stems.at(b), engine_log_stem(b) + "~2");
}

BOOST_AUTO_TEST_SUITE_END()
