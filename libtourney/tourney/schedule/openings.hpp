#pragma once
// Opening positions for a tournament: a file of start positions, one per line,
// each validated through the rules core.
//
// Line forms (an optional leading "position" is accepted):
//   startpos [moves 7g7f 3c3d ...]
//   sfen <board> <side> <hands> [<move number>] [moves ...]
//   <board> <side> <hands> [<move number>] [moves ...]      (bare SFEN)
// Blank lines and comments ('#' to the end of the line) are skipped; CRLF is
// accepted. The ply cut keeps the first N moves of each line (0 = all). Every
// move is checked for legality; the final position must have a legal move.
// Errors name file:line and the problem. A file is read in chunks and stops
// at the limits of spec/limits.hpp (256 MiB, 64 KiB a line, 1,000,000
// positions), so an endless one (/dev/zero) ends with an error.
#include <string>
#include <string_view>
#include <vector>

#include "tourney/shogi/position.hpp"
#include "tourney/shogi/types.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::schedule {

struct opening {
  bool from_startpos = true;           // the line began with "startpos"
  std::string start_sfen;              // SFEN of the position before the moves
  std::vector<shogi::move> moves;      // after the ply cut
  std::vector<std::string> usi_moves;  // the same moves in USI notation
  std::string sfen;                    // SFEN of the position after the moves
  int line = 0;                        // 1-based line in the file; 0 = built in

  /// The argument of a USI "position" command: "startpos moves 7g7f ..." or
  /// "sfen <sfen> moves ..." (without "moves" when there are none).
  std::string usi_position() const;
  /// The position after the moves.
  [[nodiscard]] expected<shogi::position> final_position() const;
};

/// The hirate start position, no moves.
opening start_position_opening();

/// Parses one line (not blank, no comment); errors say what is wrong without
/// the file:line prefix.
[[nodiscard]] expected<opening> parse_opening_line(std::string_view line, int ply_cut);

/// Parses a whole book text; source names it in errors ("book.sfen:12: ...").
/// An empty book (no position lines) is an error.
[[nodiscard]] expected<std::vector<opening>> parse_openings(std::string_view text, std::string_view source,
                                              int ply_cut);

/// Loads spec.file (or the start position alone when file is empty), in file
/// order; the schedule applies order, seed and start.
[[nodiscard]] expected<std::vector<opening>> load_openings(const spec::openings_spec& spec);

}  // namespace tourney::schedule
