#pragma once
// The USI protocol as text: parsing what engines print and building what we
// send. Moves stay USI strings here ("7g7f", "8h2b+", "P*5e"); the referee
// turns them into shogi::move and decides legality. Engines that write drops
// as "P@5e" (Sjaak II) are handled by a drop marker: commands are written with
// the engine's marker, and replies are normalised to '*'.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tourney/players/player.hpp"

namespace tourney::usi {

// ---- Engine -> GUI -------------------------------------------------------

struct id_name_line {
  std::string name;
};
struct id_author_line {
  std::string author;
};
/// `option name <id> type <t> [default <x>] [min <a>] [max <b>] [var <v>]...`
struct option_line {
  std::string name;
  std::string type;
  std::optional<std::string> default_value;  // "<empty>" is kept as written
  std::optional<std::string> min;
  std::optional<std::string> max;
  std::vector<std::string> vars;
};
struct usiok_line {};
struct readyok_line {};

/// `score cp <x>` or `score mate <n>` (plies; negative when being mated;
/// "mate +"/"mate -" say only who mates: value is then +1/-1 with sign_only).
struct score {
  enum class unit : std::uint8_t { cp, mate };
  unit kind = unit::cp;
  int value = 0;
  bool sign_only = false;
  bool lowerbound = false;
  bool upperbound = false;
};

struct info_line {
  std::optional<int> depth;
  std::optional<int> seldepth;
  std::optional<std::uint64_t> nodes;
  std::optional<std::int64_t> time_ms;
  std::optional<std::uint64_t> nps;
  std::optional<int> multipv;
  std::optional<int> hashfull;
  std::optional<score> eval;
  std::optional<std::string> currmove;
  std::vector<std::string> pv;      // as the engine wrote them
  std::optional<std::string> text;  // `string ...`: the rest of the line
};

/// `bestmove <m> [ponder <m>]`, `bestmove resign`, `bestmove win`.
struct bestmove_line {
  enum class kind : std::uint8_t { move, resign, win };
  kind what = kind::move;
  std::string move;  // as the engine wrote it (kind::move only); see is_usi_move
  std::optional<std::string> ponder;
};

/// Reply to `go mate`: `checkmate <m>...`, `checkmate nomate|timeout|notimplemented`.
struct checkmate_line {
  enum class kind : std::uint8_t { mate, nomate, timeout, notimplemented };
  kind what = kind::mate;
  std::vector<std::string> moves;
};

/// Anything else: banners, warnings, malformed lines. Never an error.
struct unknown_line {
  std::string text;
};

using engine_line =
    std::variant<id_name_line, id_author_line, option_line, usiok_line, readyok_line, info_line,
                 bestmove_line, checkmate_line, unknown_line>;

/// Never throws and never fails: what it cannot read is an unknown_line.
/// Tokens are separated by any run of spaces or tabs.
engine_line parse_engine_line(std::string_view line);

/// Whether parse_engine_line would read `line` as an info_line (its first
/// token is `info`), without parsing it.
bool is_info_line(std::string_view line);

/// USI move syntax: "7g7f", "8h2b+", "P*5e"; also "P@5e" (either drop
/// marker is accepted from engines). Squares are 1-9 + a-i; drops name one
/// of P L N S G B R; a board move changes square. Legality is the referee's
/// business.
bool is_usi_move(std::string_view text);

/// A move as the engine wrote it, in standard USI ('@' drops become '*').
std::string from_engine_notation(std::string_view move);
/// A standard USI move as the engine reads it (drop marker '*' -> marker).
std::string to_engine_notation(std::string_view move, char drop_marker);

// ---- GUI -> engine -------------------------------------------------------

inline constexpr std::string_view usi_command = "usi";
inline constexpr std::string_view isready_command = "isready";
inline constexpr std::string_view usinewgame_command = "usinewgame";
inline constexpr std::string_view stop_command = "stop";
inline constexpr std::string_view quit_command = "quit";

/// The standard start position (USI startpos).
inline constexpr std::string_view startpos_sfen =
    "lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1";

/// `position startpos [moves ...]` or `position sfen <sfen> [moves ...]`.
/// An empty sfen, "startpos" or the standard start SFEN are sent as
/// startpos. Moves are standard USI and written with `drop_marker`.
std::string position_command(std::string_view sfen, const std::vector<std::string>& moves,
                             char drop_marker = '*');

/// `go ...` from the referee's limits, sending only the tokens the engine
/// accepts (`accepted`, e.g. spec::usi_profile::go_tokens). Clock tokens go
/// out as a group (btime and wtime together, USI requires both), then
/// byoyomi, binc/winc, nodes, depth, movetime.
/// Limits the engine cannot take are dropped; if nothing is left that would
/// end the search but btime/wtime/byoyomi are accepted, a byoyomi of
/// `fallback_byoyomi` (or the movetime) is added, with `btime 0 wtime 0` if
/// no clock went out, so that the engine stops by itself; gpsusi's node cap
/// then comes from its command line. A bare `go` only if even that is
/// impossible (the move deadline still holds).
std::string go_command(const players::search_limits& limits,
                       const std::vector<std::string>& accepted,
                       std::chrono::milliseconds fallback_byoyomi);

/// `setoption name <name> value <value>`; `setoption name <name>` for buttons.
std::string setoption_command(std::string_view name, const std::optional<std::string>& value);

enum class game_result : std::uint8_t { win, lose, draw };  // from the engine's point of view
/// `gameover win|lose|draw`.
std::string gameover_command(game_result result);

}  // namespace tourney::usi
