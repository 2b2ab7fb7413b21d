#include "tourney/record/game_record.hpp"

#include <sstream>

#include "tourney/shogi/notation.hpp"

namespace tourney::record {

const char* const startpos_sfen = "lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1";

double game_record::duration_s() const {
  const auto d = std::chrono::duration<double>(end_time - start_time).count();
  return d > 0 ? d : 0.0;
}

std::vector<std::string> game_record::usi_moves() const {
  std::vector<std::string> out;
  out.reserve(moves.size());
  for (const auto& entry : moves) {
    out.push_back(shogi::to_usi(entry.move));
  }
  return out;
}

bool is_startpos_sfen(const std::string& sfen) {
  std::istringstream in(sfen);
  std::string board;
  std::string side;
  std::string hands;
  in >> board >> side >> hands;
  return board == "lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL" && side == "b" &&
         hands == "-";
}

std::string one_line(std::string text) {
  for (auto& ch : text) {
    if (ch == '\n' || ch == '\r') {
      ch = ' ';
    }
  }
  return text;
}

std::string result_comment(const game_record& rec) {
  std::string out = "tourney result=" + std::string(game::to_string(rec.result)) +
                    " reason=" + std::string(game::to_string(rec.reason));
  if (!rec.detail.empty()) {
    out += " detail=" + one_line(rec.detail);
  }
  return out;
}

}  // namespace tourney::record
