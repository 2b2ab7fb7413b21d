#include "tourney/stats/gate.hpp"

#include <cmath>

namespace tourney::stats {

nlohmann::json gate_to_json(const gate_decision& decision) {
  auto number_or_null = [](const std::optional<double>& v) {
    return v && std::isfinite(*v) ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  nlohmann::json conditions = nlohmann::json::array();
  for (const auto& c : decision.conditions) {
    conditions.push_back({{"condition", c.text},
                          {"verdict", to_string(c.verdict)},
                          {"threshold", c.threshold},
                          {"elo", number_or_null(c.elo)},
                          {"lower95", number_or_null(c.lower95)},
                          {"upper95", number_or_null(c.upper95)},
                          {"los", number_or_null(c.los)},
                          {"games", c.games}});
  }
  nlohmann::json out{{"verdict", to_string(decision.verdict)},
                     {"decided_by", to_string(decision.decided_by)},
                     {"conditions", conditions}};
  if (decision.sprt) {
    out["sprt"] = {{"llr", decision.sprt->llr},
                   {"lower", decision.sprt->lower},
                   {"upper", decision.sprt->upper},
                   {"result", to_string(decision.sprt->result)}};
  }
  return out;
}

}  // namespace tourney::stats
