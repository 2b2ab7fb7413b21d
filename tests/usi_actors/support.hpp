#pragma once
// Helpers for USI player tests through the runtime facade: player specs for
// the scripted fake engine and real engines, and games.jsonl reading.
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"
#include "tourney/spec/tournament_spec.hpp"

namespace tourney::test {

inline std::string fake_engine_path() {
  return std::string(TOURNEY_FAKES_DIR) + "/fake_usi_engine";
}

/// The scripted fake with `flags`, budgets short enough for tests.
inline spec::player_spec fake_engine(std::string name, std::vector<std::string> flags = {}) {
  spec::player_spec p;
  p.name = std::move(name);
  spec::usi_player u;
  u.engine.command = fake_engine_path();
  u.engine.args = std::move(flags);
  u.engine.args.insert(u.engine.args.begin(), {"--name", p.name});
  u.engine.profile.startup_timeout = std::chrono::milliseconds(5000);
  u.engine.profile.isready_timeout = std::chrono::milliseconds(5000);
  u.engine.profile.quit_timeout = std::chrono::milliseconds(300);
  p.player = std::move(u);
  return p;
}

inline spec::player_spec fairy_stockfish(std::string name, std::uint64_t nodes) {
  spec::player_spec p;
  p.name = std::move(name);
  spec::usi_player u;
  u.engine.command = "fairy-stockfish";
  u.engine.options = {{"Threads", "1"}, {"Hash", "16"}};
  u.nodes = nodes;
  p.player = std::move(u);
  return p;
}

inline std::vector<nlohmann::json> read_games(const std::string& folder) {
  std::vector<nlohmann::json> out;
  std::ifstream in(folder + "/games.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      out.push_back(nlohmann::json::parse(line));
    }
  }
  return out;
}

/// Replays a recorded game through the rules core: "" if every move is
/// legal, else what failed.
inline std::string replay_error(const nlohmann::json& game) {
  auto pos = shogi::position::from_sfen(game.at("start_sfen").get<std::string>());
  if (!pos) {
    return "start_sfen: " + pos.error().message;
  }
  int ply = 0;
  for (const auto& text : game.at("moves")) {
    auto m = shogi::parse_legal_usi_move(*pos, text.get<std::string>());
    if (!m) {
      return "ply " + std::to_string(ply) + ": " + m.error().message;
    }
    pos->play(*m);
    ++ply;
  }
  return {};
}

}  // namespace tourney::test
