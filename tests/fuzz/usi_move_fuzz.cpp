// libFuzzer target for the USI move parsers: any input must parse or give an
// error, never crash; a parsed move prints back to the same text, and the
// legality check against fixed positions agrees with the legal move list.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"

using namespace tourney::shogi;

namespace {

const position& fixed_position(std::uint8_t which) {
  static const position start = position::startpos();
  static const position matsuri =
      *position::from_sfen("l6nl/5+P1gk/2np1S3/p1p4Pp/3P2Sp1/1PPb2P1P/P5GS1/R8/LN4bKL w GR5pnsg 1");
  static const position hands =
      *position::from_sfen("8k/9/6NG1/9/9/9/9/9/4K4 b P2r2b3g4s3n4l17p 1");
  switch (which % 3) {
    case 0:
      return start;
    case 1:
      return matsuri;
    default:
      return hands;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  // First byte: options (bit 0 allows '@' drops, the rest picks a position).
  const bool allow_at = (data[0] & 1) != 0;
  const position& pos = fixed_position(static_cast<std::uint8_t>(data[0] >> 1));
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto m = parse_usi_move(text, allow_at);
  if (m) {
    std::string canonical(text);
    if (canonical.size() > 1 && canonical[1] == '@') {
      canonical[1] = '*';
    }
    if (to_usi(*m) != canonical) {
      __builtin_trap();
    }
  } else if (m.error().message.empty()) {
    __builtin_trap();
  }
  auto legal = parse_legal_usi_move(pos, text, allow_at);
  if (legal.has_value() != (m && pos.is_legal(*m))) {
    __builtin_trap();
  }
  if (!legal && legal.error().message.empty()) {
    __builtin_trap();
  }
  return 0;
}
