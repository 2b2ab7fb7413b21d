#include "tourney/runtime/finished_game.hpp"

#include <nlohmann/json.hpp>

#include "tourney/record/json.hpp"

namespace tourney::rt {

std::string to_json_line(const finished_game& g) {
  if (!g.remote_line.empty()) {
    auto j = nlohmann::json::parse(g.remote_line, nullptr, false);
    if (j.is_object()) {
      j["node"] = g.node;
      j["index"] = g.index;
      j["round"] = g.round;
      return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }
  if (g.record) {
    auto j = record::to_json(*g.record);
    j["index"] = g.index;
    j["round"] = g.round;
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
  // Names and reasons may hold any bytes; never fail on invalid UTF-8.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

expected<finished_game> finished_game_from_line(const std::string& line, finished_game g) {
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
  g.remote_line = line;
  return g;
}

}  // namespace tourney::rt
