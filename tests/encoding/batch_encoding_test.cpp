// A batch encoded into one buffer per kind: request i's planes and mask sit
// at offset i, equal to the test's independent encoder (oracle.hpp) on the
// same position; actions come back as each request's legal move, and an
// action that is not legal there is an error naming the game.
#include "tourney/encoding/batch_encoding.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "encoding/oracle.hpp"
#include "tourney/shogi/notation.hpp"

using namespace tourney;
using encoding::layout;

namespace {

/// Requests from positions along two random games (both sides to move).
move_batch sample_batch() {
  move_batch b;
  for (std::uint64_t seed : {11u, 12u}) {
    encoding_oracle::playout(
        seed, 60, [&](const shogi::position& pos, const std::vector<shogi::move>& history) {
          if (history.size() % 7 != 3 || !pos.has_legal_move()) {
            return;
          }
          batch_request r;
          r.game_id = "g" + std::to_string(seed) + "-" + std::to_string(history.size());
          r.side = pos.side_to_move();
          r.start = shogi::position::startpos();
          r.history = history;
          r.position = pos;
          const auto legal = pos.legal_moves();
          r.legal_moves.assign(legal.begin(), legal.end());
          b.requests.push_back(std::move(r));
        });
  }
  return b;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(encoding_batch_encoding)

BOOST_AUTO_TEST_CASE(each_request_sits_at_its_offset_and_matches_the_independent_encoder) {
  const auto batch = sample_batch();
  BOOST_REQUIRE(batch.size() >= 10u);
  auto encoded = encoding::encode_batch(batch, layout::dlshogi);
  BOOST_REQUIRE_MESSAGE(encoded, (encoded ? "" : encoded.error().message));
  const std::size_t planes = 119 * 81, actions = 2187;
  BOOST_REQUIRE_EQUAL(encoded->size, batch.size());
  BOOST_REQUIRE_EQUAL(encoded->inputs.size(), batch.size() * planes);
  BOOST_REQUIRE_EQUAL(encoded->legal.size(), batch.size() * actions);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const auto& r = batch[i];
    const auto expected = encoding_oracle::dlshogi_planes(r.position.to_sfen());
    const std::vector<float> actual(encoded->inputs.begin() + static_cast<long>(i * planes),
                                    encoded->inputs.begin() + static_cast<long>((i + 1) * planes));
    BOOST_TEST(encoding_oracle::first_difference(expected, actual) == "", r.game_id);
    std::vector<std::uint8_t> mask(actions, 0);
    for (auto m : r.legal_moves) {
      mask[static_cast<std::size_t>(
          encoding_oracle::dlshogi_action(r.side == shogi::color::black, shogi::to_usi(m)))] = 1;
    }
    BOOST_TEST(std::equal(mask.begin(), mask.end(),
                          encoded->legal.begin() + static_cast<long>(i * actions)),
               r.game_id);
  }
}

BOOST_AUTO_TEST_CASE(alphazero_batches_count_repetitions_from_each_requests_own_history) {
  const auto batch = sample_batch();
  auto encoded = encoding::encode_batch(batch, layout::alphazero);
  BOOST_REQUIRE(encoded);
  const std::size_t planes = 44 * 81;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const auto& r = batch[i];
    // Earlier occurrences of this position in the request's own game.
    auto pos = r.start;
    int earlier = 0;
    const auto here = encoding_oracle::without_move_number(r.position.to_sfen());
    for (auto m : r.history) {
      earlier += encoding_oracle::without_move_number(pos.to_sfen()) == here ? 1 : 0;
      pos.play(m);
    }
    const auto expected = encoding_oracle::alphazero_planes(r.position.to_sfen(), earlier);
    const std::vector<float> actual(encoded->inputs.begin() + static_cast<long>(i * planes),
                                    encoded->inputs.begin() + static_cast<long>((i + 1) * planes));
    BOOST_TEST(encoding_oracle::first_difference(expected, actual) == "", r.game_id);
  }
}

BOOST_AUTO_TEST_CASE(actions_come_back_as_each_requests_own_legal_move) {
  const auto batch = sample_batch();
  for (layout l : {layout::dlshogi, layout::alphazero}) {
    for (const auto& r : batch.requests) {
      for (auto m : r.legal_moves) {
        const bool black = r.side == shogi::color::black;
        const auto usi = shogi::to_usi(m);
        const auto action = static_cast<std::uint32_t>(
            l == layout::dlshogi ? encoding_oracle::dlshogi_action(black, usi)
                                 : encoding_oracle::alphazero_action(black, usi));
        auto d = encoding::decision_for_action(r, l, action);
        BOOST_REQUIRE_MESSAGE(d, (d ? "" : d.error().message));
        BOOST_TEST((d->what == players::decision::kind::move));
        BOOST_TEST(shogi::to_usi(d->chosen) == usi);
      }
    }
    const auto& first = batch[0];
    auto out_of_range = encoding::decision_for_action(
        first, l, static_cast<std::uint32_t>(encoding::shape(l).actions));
    BOOST_REQUIRE(!out_of_range);
    BOOST_TEST(out_of_range.error().message.find(first.game_id) != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(an_empty_batch_encodes_to_empty_buffers) {
  auto encoded = encoding::encode_batch(move_batch{}, layout::dlshogi);
  BOOST_REQUIRE(encoded);
  BOOST_TEST(encoded->size == 0u);
  BOOST_TEST(encoded->inputs.empty());
  BOOST_TEST(encoded->legal.empty());
}

BOOST_AUTO_TEST_SUITE_END()
