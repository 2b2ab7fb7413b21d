#include "tourney/runtime/finished_game.hpp"

#include <nlohmann/json.hpp>

#include "tourney/record/json.hpp"

namespace tourney::rt {

namespace {

// Where a game was played, when not here.
void add_node(nlohmann::json& j, const std::string& node) {
  if (!node.empty()) {
    j["node"] = node;
  }
}

}  // namespace

std::string to_json_line(const finished_game& g) {
  if (g.record) {
    auto j = record::to_json(*g.record);
    j["index"] = g.index;
    j["round"] = g.round;
    add_node(j, g.node);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  nlohmann::json j{
      {"game_id", g.game_id},
      {"black", g.black},
      {"white", g.white},
      {"result", std::string(game::to_string(g.result))},
      {"reason", g.reason},
      {"plies", g.plies},
      {"start_sfen", g.start_sfen},
      {"moves", g.moves},
      {"duration_s", g.duration_s},
      {"round", g.round},
      {"index", g.index},
  };
  add_node(j, g.node);
  // Names and reasons may hold any bytes; never fail on invalid UTF-8.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

expected<finished_game> finished_game_from_line(const std::string& line, finished_game g) {
  // The one parse of a worker's game on this node: the record read here is
  // what the journal line and the record files are written from.
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) {
    return fail("the game line is not a JSON object");
  }
  const auto result = j.value("result", std::string());
  auto r = game::result_from_string(result);
  if (!r) {
    return fail("the game line has result '" + result + "'");
  }
  g.result = *r;
  const auto id = j.value("game_id", std::string());
  if (id != g.game_id) {
    return fail("the game line is for game '" + id + "', not " + g.game_id);
  }
  g.reason = j.value("reason", std::string("error"));
  g.plies = j.value("plies", 0);
  g.duration_s = j.value("duration_s", 0.0);
  g.start_sfen = j.value("start_sfen", std::string());
  if (auto rec = record::from_json(j)) {
    g.record = std::move(*rec);
    g.record->index = g.index;
    g.record->round = g.round;
    return g;
  }
  // Not a whole record (a referee other than the rules referee's): its
  // summary, with the moves it names.
  if (auto moves = j.find("moves"); moves != j.end() && moves->is_array()) {
    for (const auto& m : *moves) {
      if (m.is_string()) {
        g.moves.push_back(m.get<std::string>());
      }
    }
  }
  return g;
}

}  // namespace tourney::rt
