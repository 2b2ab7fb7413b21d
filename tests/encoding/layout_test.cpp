// The layouts' names and sizes, and the buffer contract every encoder keeps:
// a buffer of the wrong size is an error naming both sizes, and nothing is
// written (not even inside the given span).
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "tourney/encoding/encoding.hpp"
#include "tourney/shogi/position.hpp"

using namespace tourney;
using encoding::layout;

BOOST_AUTO_TEST_SUITE(encoding_layout)

BOOST_AUTO_TEST_CASE(names_round_trip) {
  for (layout l : {layout::dlshogi, layout::alphazero}) {
    BOOST_TEST((encoding::parse_layout(encoding::to_string(l)) == l));
  }
  BOOST_TEST(std::string(encoding::to_string(layout::dlshogi)) == "dlshogi");
  BOOST_TEST(std::string(encoding::to_string(layout::alphazero)) == "alphazero");
  BOOST_TEST(!encoding::parse_layout("DLSHOGI").has_value());
  BOOST_TEST(!encoding::parse_layout("").has_value());
  BOOST_TEST(!encoding::parse_layout("alphazero ").has_value());
}

BOOST_AUTO_TEST_CASE(shapes) {
  // dlshogi: 2 x (14 + 14 + 3) + 2 x 28 + 1 = 119 planes, 27 x 81 = 2,187 actions.
  BOOST_TEST(encoding::shape(layout::dlshogi).planes == 119);
  BOOST_TEST(encoding::shape(layout::dlshogi).actions == 2187);
  // AlphaZero: 28 + 14 + 1 + 1 = 44 planes, 139 x 81 = 11,259 actions.
  BOOST_TEST(encoding::shape(layout::alphazero).planes == 44);
  BOOST_TEST(encoding::shape(layout::alphazero).actions == 11259);
}

BOOST_AUTO_TEST_CASE(a_buffer_of_the_wrong_size_is_an_error_and_untouched) {
  const auto pos = shogi::position::startpos();
  for (layout l : {layout::dlshogi, layout::alphazero}) {
    const std::size_t floats = static_cast<std::size_t>(encoding::shape(l).planes) * 81;
    const std::size_t bytes = static_cast<std::size_t>(encoding::shape(l).actions);
    // The span sits inside a larger buffer: no byte of it may change.
    std::vector<float> input(floats + 64, -5.0f);
    std::vector<std::uint8_t> mask(bytes + 64, 9);
    for (std::size_t size : {floats - 1, floats + 1, std::size_t{0}}) {
      const auto e = encoding::write_input(l, pos, {}, pos, {input.data() + 32, size});
      BOOST_TEST_REQUIRE(!e.has_value());
      BOOST_TEST(e.error().message.find(std::to_string(floats) + " floats") != std::string::npos,
                 e.error().message);
      BOOST_TEST(e.error().message.find("holds " + std::to_string(size)) != std::string::npos,
                 e.error().message);
    }
    for (std::size_t size : {bytes - 1, bytes + 1}) {
      const auto e = encoding::write_legal_mask(l, pos, {mask.data() + 32, size});
      BOOST_TEST_REQUIRE(!e.has_value());
      BOOST_TEST(e.error().message.find(std::to_string(bytes) + " bytes") != std::string::npos,
                 e.error().message);
    }
    BOOST_TEST(!encoding::write_input(l, pos, {}, pos, {nullptr, floats}).has_value());
    BOOST_TEST(!encoding::write_legal_mask(l, pos, {nullptr, bytes}).has_value());
    BOOST_TEST(std::all_of(input.begin(), input.end(), [](float f) { return f == -5.0f; }));
    BOOST_TEST(std::all_of(mask.begin(), mask.end(), [](std::uint8_t b) { return b == 9; }));
    // The right size writes exactly the span.
    BOOST_TEST_REQUIRE(
        encoding::write_input(l, pos, {}, pos, {input.data() + 32, floats}).has_value());
    BOOST_TEST(std::all_of(input.begin(), input.begin() + 32, [](float f) { return f == -5.0f; }));
    BOOST_TEST(std::all_of(input.end() - 32, input.end(), [](float f) { return f == -5.0f; }));
    BOOST_TEST(
        std::none_of(input.begin() + 32, input.end() - 32, [](float f) { return f == -5.0f; }));
    BOOST_TEST_REQUIRE(encoding::write_legal_mask(l, pos, {mask.data() + 32, bytes}).has_value());
    BOOST_TEST(std::all_of(mask.begin(), mask.begin() + 32, [](std::uint8_t b) { return b == 9; }));
    BOOST_TEST(std::all_of(mask.end() - 32, mask.end(), [](std::uint8_t b) { return b == 9; }));
    BOOST_TEST(std::count(mask.begin() + 32, mask.end() - 32, 1) ==
               30);  // the start position's 30 moves
  }
}

BOOST_AUTO_TEST_CASE(a_batch_is_positions_one_after_another) {
  // What the runtime does: one buffer, each position in its own slice.
  const auto start = shogi::position::startpos();
  auto next = start;
  next.play(next.legal_moves()[0]);
  const std::size_t floats = 119 * 81;
  std::vector<float> batch(2 * floats);
  BOOST_TEST_REQUIRE(
      encoding::write_input(layout::dlshogi, start, {}, start, {batch.data(), floats}).has_value());
  BOOST_TEST_REQUIRE(
      encoding::write_input(layout::dlshogi, start, {}, next, {batch.data() + floats, floats})
          .has_value());
  std::vector<float> alone(floats);
  BOOST_TEST_REQUIRE(
      encoding::write_input(layout::dlshogi, start, {}, next, {alone.data(), floats}).has_value());
  BOOST_TEST(std::equal(alone.begin(), alone.end(), batch.begin() + static_cast<long>(floats)));
}

BOOST_AUTO_TEST_SUITE_END()
