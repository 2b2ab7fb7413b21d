// libFuzzer target for the SFEN parser: any input must give a position or an
// error, never a crash; an accepted position must print back to an SFEN that
// parses to the same position, and its moves must be playable.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"

using namespace tourney::shogi;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto pos = position::from_sfen(text);
  if (!pos) {
    if (pos.error().message.empty()) {
      __builtin_trap();  // every error says what is wrong
    }
    return 0;
  }
  const std::string sfen = pos->to_sfen();
  auto again = position::from_sfen(sfen);
  if (!again || again->to_sfen() != sfen || again->key() != pos->key() ||
      pos->key() != pos->compute_key()) {
    __builtin_trap();
  }
  const auto moves = pos->legal_moves();
  if (pos->is_checkmate() != (pos->in_check() && moves.empty())) {
    __builtin_trap();
  }
  for (move m : moves) {
    auto parsed = parse_legal_usi_move(*pos, to_usi(m));
    if (!parsed || *parsed != m) {
      __builtin_trap();
    }
    (void)to_csa(*pos, m);
    position next = *pos;
    next.play(m);
    if (next.key() != next.compute_key() || !position::from_sfen(next.to_sfen())) {
      __builtin_trap();
    }
  }
  return 0;
}
