#include "tourney/runtime/ids.hpp"

#include <boost/test/unit_test.hpp>

using namespace tourney::rt;

BOOST_AUTO_TEST_SUITE(runtime_ids)

// The format resume reads back from games.jsonl: the tournament id's first 8
// characters, a dash and the schedule index in 5 digits (more when larger).
BOOST_AUTO_TEST_CASE(game_id_is_the_folder_prefix_and_a_five_digit_index) {
  BOOST_TEST(game_id_for("0123abcd89ef0123456789abcdef0123", 7) == "0123abcd-00007");
  BOOST_TEST(game_id_for("0123abcd89ef0123456789abcdef0123", 123456) == "0123abcd-123456");
}

BOOST_AUTO_TEST_CASE(generated_ids_are_32_hex_digits_and_differ) {
  id_generator ids(42);
  const auto a = ids.next();
  const auto b = ids.next();
  BOOST_TEST(a.size() == 32U);
  BOOST_TEST(a.find_first_not_of("0123456789abcdef") == std::string::npos);
  BOOST_TEST(a.substr(0, 8) != b.substr(0, 8));
}

BOOST_AUTO_TEST_SUITE_END()
