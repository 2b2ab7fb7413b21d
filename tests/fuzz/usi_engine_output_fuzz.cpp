// libFuzzer target for what engines print: any bytes, cut into reads at
// places the input chooses, through the line splitter, the line parser and
// an engine_session in every phase. Never a crash; never a decision with a
// malformed move; the session's phase stays consistent with its reports.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tourney/usi/engine_session.hpp"
#include "tourney/usi/line_splitter.hpp"
#include "tourney/usi/protocol.hpp"

using namespace tourney::usi;
using namespace std::chrono_literals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) {
    return 0;
  }
  // Byte 0: how far to take the session before the input (0 created ... 3 thinking);
  // byte 1: read size for the splitter (1..64).
  session_config config;
  config.name = "fuzz";
  config.command = "fuzz";
  config.profile.drop_marker = (data[0] & 0x80) != 0 ? '@' : '*';
  engine_session session(config);
  int stage = data[0] & 3;
  if (stage >= 1) {
    (void)session.start();
  }
  if (stage >= 2) {
    session.on_line("usiok");
    session.on_line("readyok");
  }
  if (stage >= 3) {
    tourney::players::search_limits limits;
    limits.nodes = 1;
    (void)session.go("", {"7g7f", "B*5e"}, limits, 100ms);
  }
  std::size_t chunk = static_cast<std::size_t>(data[1] % 64) + 1;
  std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  line_splitter splitter;
  auto handle = [&](const std::string& line) {
    if (line.size() > line_splitter::max_line_length) {
      __builtin_trap();
    }
    auto parsed = parse_engine_line(line);
    if (auto* best = std::get_if<bestmove_line>(&parsed)) {
      if (best->what != bestmove_line::kind::move && !best->move.empty()) {
        __builtin_trap();
      }
    }
    for (const auto& action : session.on_line(line)) {
      if (const auto* decided = std::get_if<engine_decided>(&action)) {
        const auto& move = decided->decision.move;
        if (decided->decision.what == bestmove_line::kind::move &&
            (!is_usi_move(move) || move.find('@') != std::string::npos)) {
          __builtin_trap();
        }
        if (session.current_phase() != engine_session::phase::idle) {
          __builtin_trap();
        }
      }
    }
  };
  for (std::size_t at = 0; at < text.size(); at += chunk) {
    for (const auto& line : splitter.feed(text.substr(at, chunk))) {
      handle(line);
    }
  }
  for (const auto& line : splitter.finish()) {
    handle(line);
  }
  session.on_eof();
  auto end = session.on_exit(exit_status{});
  if (end.empty() || !std::holds_alternative<engine_exited>(end.back())) {
    __builtin_trap();
  }
  return 0;
}
