#include "tourney/stats/anchor_text.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <optional>

namespace tourney::stats {

namespace {

// A whole finite number, or nullopt.
std::optional<double> number(std::string_view text) {
  if (text.empty() || text.size() > 64) {
    return std::nullopt;
  }
  const std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

}  // namespace

expected<named_anchor> parse_anchor(std::string_view text) {
  auto bad = [&](const char* why) {
    return fail(
        fmt::format("--anchor '{}': {} (expected NAME=ELO or NAME=ELO+-SD, e.g. "
                    "ckpt-10=0 or gnugo=1500+-100)",
                    text.substr(0, 300), why));
  };
  const auto eq = text.rfind('=');
  if (eq == std::string_view::npos) {
    return bad("no '='");
  }
  named_anchor out;
  out.name = std::string(text.substr(0, eq));
  if (out.name.empty()) {
    return bad("no player name");
  }
  auto value = text.substr(eq + 1);
  const auto pm = value.find("+-");
  auto elo = number(value.substr(0, pm));
  if (!elo) {
    return bad("the Elo is not a number");
  }
  out.elo = *elo;
  if (pm != std::string_view::npos) {
    auto sd = number(value.substr(pm + 2));
    if (!sd || *sd <= 0) {
      return bad("the SD after +- must be a number above 0");
    }
    out.sd = *sd;
  }
  return out;
}

}  // namespace tourney::stats
