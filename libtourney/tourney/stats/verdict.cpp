#include "tourney/stats/verdict.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "tourney/stats/elo.hpp"

namespace tourney::stats {

const char* to_string(gate_verdict verdict) {
  switch (verdict) {
    case gate_verdict::pass:
      return "pass";
    case gate_verdict::fail:
      return "fail";
    case gate_verdict::no_verdict:
      return "no_verdict";
  }
  return "no_verdict";
}

const char* to_string(gate_rule rule) {
  switch (rule) {
    case gate_rule::sprt:
      return "sprt";
    case gate_rule::conditions:
      return "conditions";
    case gate_rule::sprt_and_conditions:
      return "sprt_and_conditions";
  }
  return "conditions";
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
    s.remove_suffix(1);
  }
  return s;
}

int index_of(const std::vector<std::string>& names, const std::string& name) {
  auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

// The opponent of `player` in a condition: the named one, or the only one.
expected<int> opponent_of(const gate_condition& c, const std::vector<std::string>& names,
                          const std::vector<std::pair<int, int>>& pairings) {
  const int a = index_of(names, c.player);
  if (a < 0) {
    return fail(fmt::format("condition '{}': no player named '{}'", c.text, c.player));
  }
  std::vector<int> opponents;
  for (const auto& [x, y] : pairings) {
    if (x == a) {
      opponents.push_back(y);
    } else if (y == a) {
      opponents.push_back(x);
    }
  }
  if (!c.opponent.empty()) {
    const int b = index_of(names, c.opponent);
    if (b < 0) {
      return fail(fmt::format("condition '{}': no player named '{}'", c.text, c.opponent));
    }
    if (std::find(opponents.begin(), opponents.end(), b) == opponents.end()) {
      return fail(fmt::format("condition '{}': {} and {} do not play each other", c.text, c.player,
                              c.opponent));
    }
    return b;
  }
  if (opponents.size() != 1) {
    return fail(fmt::format("condition '{}': {} plays {} opponents; name one: {}(A vs B)", c.text,
                            c.player, opponents.size(),
                            c.what == gate_condition::metric::elo ? "elo" : "los"));
  }
  return opponents.front();
}

gate_verdict combine(gate_verdict a, gate_verdict b) {
  if (a == gate_verdict::fail || b == gate_verdict::fail) {
    return gate_verdict::fail;
  }
  if (a == gate_verdict::no_verdict || b == gate_verdict::no_verdict) {
    return gate_verdict::no_verdict;
  }
  return gate_verdict::pass;
}

}  // namespace

expected<gate_condition> parse_condition(std::string_view text) {
  auto bad = [&](const char* why) {
    return fail(
        fmt::format("condition '{}': {} (expected elo(A) > X, elo(A vs B) >= X, los(A vs "
                    "B) > 0.95 or los(A) > 95%)",
                    text.substr(0, 300), why));
  };
  gate_condition c;
  c.text = std::string(text);
  auto s = trim(text);
  if (s.rfind("elo(", 0) == 0) {
    c.what = gate_condition::metric::elo;
  } else if (s.rfind("los(", 0) == 0) {
    c.what = gate_condition::metric::los;
  } else {
    return bad("starts with neither elo( nor los(");
  }
  const auto close = s.rfind(')');
  if (close == std::string_view::npos) {
    return bad("no ')'");
  }
  auto inside = s.substr(4, close - 4);
  const auto vs = inside.find(" vs ");
  c.player = std::string(trim(inside.substr(0, vs)));
  if (vs != std::string_view::npos) {
    c.opponent = std::string(trim(inside.substr(vs + 4)));
    if (c.opponent.empty()) {
      return bad("no player after 'vs'");
    }
  }
  if (c.player.empty()) {
    return bad("no player name");
  }
  auto rest = trim(s.substr(close + 1));
  if (rest.rfind(">=", 0) == 0 || rest.rfind("<=", 0) == 0) {
    c.greater = rest[0] == '>';
    c.or_equal = true;
    rest.remove_prefix(2);
  } else if (!rest.empty() && (rest[0] == '>' || rest[0] == '<')) {
    c.greater = rest[0] == '>';
    rest.remove_prefix(1);
  } else {
    return bad("no comparison (>, >=, <, <=) after ')'");
  }
  rest = trim(rest);
  bool percent = false;
  if (!rest.empty() && rest.back() == '%') {
    percent = true;
    rest.remove_suffix(1);
  }
  const std::string number(rest);
  char* end = nullptr;
  const double v = std::strtod(number.c_str(), &end);
  if (number.empty() || end != number.c_str() + number.size() || !std::isfinite(v)) {
    return bad("the value is not a number");
  }
  c.value = percent ? v / 100.0 : v;
  if (c.what == gate_condition::metric::los && (c.value < 0.0 || c.value > 1.0)) {
    return bad("a LOS is between 0 and 1 (or 0% and 100%)");
  }
  if (c.what == gate_condition::metric::elo && percent) {
    return bad("an Elo is not a percentage");
  }
  return c;
}

expected<std::vector<gate_condition>> parse_conditions(const std::vector<std::string>& texts) {
  std::vector<gate_condition> out;
  for (const auto& text : texts) {
    auto c = parse_condition(text);
    if (!c) {
      return tl::unexpected(c.error());
    }
    out.push_back(std::move(*c));
  }
  return out;
}

expected<void> check_condition(const gate_condition& condition,
                               const std::vector<std::string>& names,
                               const std::vector<std::pair<int, int>>& pairings) {
  auto b = opponent_of(condition, names, pairings);
  if (!b) {
    return tl::unexpected(b.error());
  }
  return {};
}

expected<gate_decision> decide_gate(const std::vector<std::string>& names,
                                    const std::vector<pairing_summary>& pairs,
                                    const std::vector<gate_condition>& conditions) {
  gate_decision out;
  std::optional<gate_verdict> by_sprt;
  for (const auto& p : pairs) {
    if (p.sprt) {
      out.sprt = p.sprt;
      by_sprt = combine(by_sprt.value_or(gate_verdict::pass),
                        p.sprt->result == sprt_result::accept_h1
                            ? gate_verdict::pass
                            : (p.sprt->result == sprt_result::accept_h0 ? gate_verdict::fail
                                                                        : gate_verdict::no_verdict));
    }
  }
  if (!by_sprt && conditions.empty()) {
    return fail("nothing to decide: the tournament has no SPRT and no condition was given");
  }
  gate_verdict by_conditions = gate_verdict::pass;
  std::vector<std::pair<int, int>> pairings;
  for (const auto& p : pairs) {
    pairings.emplace_back(p.first, p.second);
  }
  for (const auto& c : conditions) {
    auto b = opponent_of(c, names, pairings);
    if (!b) {
      return tl::unexpected(b.error());
    }
    const int a = index_of(names, c.player);
    // Totals of A against B over every pairing of the two, from A's view.
    wdl_counts wdl;
    pentanomial_counts penta;
    for (const auto& p : pairs) {
      if (p.first == a && p.second == *b) {
        wdl.wins += p.wdl.wins;
        wdl.losses += p.wdl.losses;
        wdl.draws += p.wdl.draws;
        for (std::size_t k = 0; k < 5; ++k) {
          penta.counts[k] += p.pentanomial.counts[k];
        }
      } else if (p.first == *b && p.second == a) {
        const auto m = p.wdl.mirrored();
        wdl.wins += m.wins;
        wdl.losses += m.losses;
        wdl.draws += m.draws;
        const auto pm = p.pentanomial.mirrored();
        for (std::size_t k = 0; k < 5; ++k) {
          penta.counts[k] += pm.counts[k];
        }
      }
    }
    const auto estimate = penta.pairs() >= 2 ? pentanomial_elo(penta) : trinomial_elo(wdl);
    condition_outcome o;
    o.text = c.text;
    o.threshold = c.value;
    o.games = wdl.games();
    o.elo = estimate.elo;
    o.lower95 = estimate.elo_lower95;
    o.upper95 = estimate.elo_upper95;
    o.los = estimate.los;
    const double x = c.value;
    auto above = [&](double v) { return c.or_equal ? v >= x : v > x; };
    auto below = [&](double v) { return c.or_equal ? v <= x : v < x; };
    if (estimate.samples < 2 || !estimate.stdev || *estimate.stdev <= 0.0) {
      // Too few samples, or all alike: the normal approximation says nothing.
      o.verdict = gate_verdict::no_verdict;
    } else if (c.what == gate_condition::metric::elo) {
      // A missing end is unbounded (score 0 or 1).
      const double lo = o.lower95.value_or(-INFINITY);
      const double hi = o.upper95.value_or(INFINITY);
      if (c.greater) {
        o.verdict = above(lo) ? gate_verdict::pass
                              : (!above(hi) ? gate_verdict::fail : gate_verdict::no_verdict);
      } else {
        o.verdict = below(hi) ? gate_verdict::pass
                              : (!below(lo) ? gate_verdict::fail : gate_verdict::no_verdict);
      }
    } else {
      const double los = o.los.value_or(0.5);
      // The other side at the same confidence is a definite no.
      if (c.greater) {
        o.verdict = above(los) ? gate_verdict::pass
                               : (los < 1.0 - x ? gate_verdict::fail : gate_verdict::no_verdict);
      } else {
        o.verdict = below(los) ? gate_verdict::pass
                               : (los > 1.0 - x ? gate_verdict::fail : gate_verdict::no_verdict);
      }
    }
    by_conditions = combine(by_conditions, o.verdict);
    out.conditions.push_back(o);
  }
  const bool has_conditions = !conditions.empty();
  out.verdict = combine(by_sprt.value_or(gate_verdict::pass), by_conditions);
  if (!by_sprt) {
    out.decided_by = gate_rule::conditions;
  } else if (!has_conditions) {
    out.decided_by = gate_rule::sprt;
  } else if (out.verdict == gate_verdict::fail) {
    out.decided_by = *by_sprt == gate_verdict::fail ? gate_rule::sprt : gate_rule::conditions;
  } else if (out.verdict == gate_verdict::pass) {
    out.decided_by = gate_rule::sprt_and_conditions;
  } else if (*by_sprt == gate_verdict::no_verdict && by_conditions == gate_verdict::no_verdict) {
    out.decided_by = gate_rule::sprt_and_conditions;
  } else {
    out.decided_by = *by_sprt == gate_verdict::no_verdict ? gate_rule::sprt : gate_rule::conditions;
  }
  return out;
}

std::string describe(const gate_decision& d) {
  std::string out = fmt::format("{} ({})", to_string(d.verdict), to_string(d.decided_by));
  const char* sep = ": ";
  if (d.sprt) {
    out += fmt::format("{}SPRT {}, LLR {:.3f} in [{:.3f}, {:.3f}]", sep, to_string(d.sprt->result),
                       d.sprt->llr, d.sprt->lower, d.sprt->upper);
    sep = "; ";
  }
  for (const auto& c : d.conditions) {
    auto num = [](const std::optional<double>& v) {
      return v ? fmt::format("{:.1f}", *v) : std::string("unbounded");
    };
    out += fmt::format("{}{}: {} (Elo {} [{}, {}], LOS {}, {} games)", sep, c.text, to_string(c.verdict),
                       num(c.elo), num(c.lower95), num(c.upper95),
                       c.los ? fmt::format("{:.3f}", *c.los) : std::string("none"), c.games);
    sep = "; ";
  }
  return out;
}

}  // namespace tourney::stats
