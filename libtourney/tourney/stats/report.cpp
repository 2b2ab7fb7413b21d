#include "tourney/stats/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "tourney/stats/elo.hpp"

namespace tourney::stats {

namespace {

using nlohmann::json;

json number_or_null(const std::optional<double>& value) {
  if (value && std::isfinite(*value)) {
    return *value;
  }
  return nullptr;
}

std::string name_of(const std::vector<std::string>& names, int index) {
  if (index >= 0 && static_cast<std::size_t>(index) < names.size()) {
    return names[static_cast<std::size_t>(index)];
  }
  return fmt::format("#{}", index);
}

json estimate_to_json(const elo_estimate& e) {
  return json{{"elo", number_or_null(e.elo)},
              {"elo_error95", number_or_null(e.elo_error95)},
              {"elo_lower95", number_or_null(e.elo_lower95)},
              {"elo_upper95", number_or_null(e.elo_upper95)},
              {"elo_bounded", e.bounded()},
              {"nelo", number_or_null(e.nelo)},
              {"nelo_error95", number_or_null(e.nelo_error95)},
              {"los", number_or_null(e.los)}};
}

const char* model_name(spec::sprt_model model) {
  return model == spec::sprt_model::normalized ? "normalized" : "logistic";
}

std::string plain_or_dash(const std::optional<double>& value, int precision) {
  if (!value) {
    return "-";
  }
  return fmt::format("{:.{}f}", *value, precision);
}

std::string percent_or_dash(const std::optional<double>& value) {
  if (!value) {
    return "-";
  }
  return fmt::format("{:.1f}%", *value * 100.0);
}

// "12.30 %", or "-" without a value.
std::string percent_text(const std::optional<double>& value) {
  if (!value) {
    return "-";
  }
  return fmt::format("{:.2f} %", *value * 100.0);
}

std::string nelo_text(const elo_estimate& e) {
  if (!e.nelo) {
    return "-";
  }
  return fmt::format("{:.2f} +/- {:.2f}", *e.nelo, *e.nelo_error95);
}

// "12.30 +/- 20.10"; an interval with an open end names it; no finite
// estimate or no spread (one sample, or every sample alike) says so rather
// than print infinities or "+/- 0.00".
std::string elo_text(const elo_estimate& e, const char* sample) {
  if (e.samples == 0) {
    return "-";
  }
  if (!e.elo) {
    return fmt::format("none (every {} {}: no finite estimate from {})", sample,
                       e.score && *e.score >= 1.0 ? "won" : "lost", e.samples);
  }
  if (e.samples < 2 || !e.stdev || *e.stdev <= 0.0) {
    return fmt::format("{:.2f} (no interval: {} {}{}, {})", *e.elo, e.samples, sample,
                       e.samples == 1 ? "" : "s",
                       e.samples == 1 ? "too few" : "all with the same result");
  }
  if (e.bounded()) {
    return fmt::format("{:.2f} +/- {:.2f}", *e.elo, *e.elo_error95);
  }
  const auto lower =
      e.elo_lower95 ? fmt::format("{:.2f}", *e.elo_lower95) : std::string("unbounded");
  const auto upper =
      e.elo_upper95 ? fmt::format("{:.2f}", *e.elo_upper95) : std::string("unbounded");
  return fmt::format("{:.2f} (95% interval {} to {})", *e.elo, lower, upper);
}

expected<std::uint64_t> count_field(const json& entry, const char* key) {
  auto it = entry.find(key);
  if (it == entry.end()) {
    return fail(fmt::format("statistics.pairs entry: missing \"{}\"", key));
  }
  if (!it->is_number_unsigned() && !(it->is_number_integer() && it->get<std::int64_t>() >= 0)) {
    return fail(fmt::format("statistics.pairs entry: \"{}\" must be a non-negative integer", key));
  }
  return it->get<std::uint64_t>();
}

}  // namespace

std::vector<head_to_head> head_to_heads(const std::vector<pairing_summary>& pairs) {
  std::vector<head_to_head> out;
  out.reserve(pairs.size());
  for (const auto& p : pairs) {
    out.push_back({p.first, p.second, p.wdl});
  }
  return out;
}

json pair_to_json(const std::vector<std::string>& names, const pairing_summary& pair) {
  const auto tri = trinomial_elo(pair.wdl);
  const auto penta = pentanomial_elo(pair.pentanomial);
  const auto games = pair.wdl.games();
  json entry{
      {"players", {name_of(names, pair.first), name_of(names, pair.second)}},
      {"games", games},
      {"wins", pair.wdl.wins},
      {"losses", pair.wdl.losses},
      {"draws", pair.wdl.draws},
      {"score", number_or_null(tri.score)},
      {"draw_ratio", games == 0
                         ? json(nullptr)
                         : json(static_cast<double>(pair.wdl.draws) / static_cast<double>(games))},
  };
  const auto tri_json = estimate_to_json(tri);
  for (auto it = tri_json.begin(); it != tri_json.end(); ++it) {
    entry[it.key()] = it.value();
  }
  entry["pentanomial"] = pair.pentanomial.counts;
  auto penta_json = estimate_to_json(penta);
  penta_json["pairs"] = pair.pentanomial.pairs();
  entry["pentanomial_elo"] = penta_json;
  if (pair.sprt) {
    json s{{"llr", number_or_null(pair.sprt->llr)},
           {"lower", pair.sprt->lower},
           {"upper", pair.sprt->upper},
           {"result", to_string(pair.sprt->result)}};
    if (pair.sprt_settings) {
      s["elo0"] = pair.sprt_settings->elo0;
      s["elo1"] = pair.sprt_settings->elo1;
      s["alpha"] = pair.sprt_settings->alpha;
      s["beta"] = pair.sprt_settings->beta;
      s["model"] = model_name(pair.sprt_settings->model);
    }
    entry["sprt"] = s;
  }
  return entry;
}

expected<pairing_summary> pair_from_json(const std::vector<std::string>& names, const json& entry) {
  if (!entry.is_object()) {
    return fail("statistics.pairs entry: not an object");
  }
  pairing_summary out;
  auto players = entry.find("players");
  if (players == entry.end() || !players->is_array() || players->size() != 2 ||
      !(*players)[0].is_string() || !(*players)[1].is_string()) {
    return fail("statistics.pairs entry: \"players\" must be two names");
  }
  std::array<int, 2> index{-1, -1};
  for (std::size_t k = 0; k < 2; ++k) {
    const auto name = (*players)[k].get<std::string>();
    auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      return fail(fmt::format("statistics.pairs entry: unknown player \"{}\"", name));
    }
    index[k] = static_cast<int>(it - names.begin());
  }
  out.first = index[0];
  out.second = index[1];
  auto wins = count_field(entry, "wins");
  auto losses = count_field(entry, "losses");
  auto draws = count_field(entry, "draws");
  for (auto* field : {&wins, &losses, &draws}) {
    if (!*field) {
      return tl::unexpected(field->error());
    }
  }
  out.wdl = {*wins, *losses, *draws};
  auto penta = entry.find("pentanomial");
  if (penta == entry.end() || !penta->is_array() || penta->size() != 5) {
    return fail("statistics.pairs entry: \"pentanomial\" must be five counts");
  }
  for (std::size_t k = 0; k < 5; ++k) {
    const auto& c = (*penta)[k];
    if (!c.is_number_integer() || c.get<std::int64_t>() < 0) {
      return fail("statistics.pairs entry: \"pentanomial\" counts must be non-negative integers");
    }
    out.pentanomial.counts[k] = c.get<std::uint64_t>();
  }
  auto sprt_entry = entry.find("sprt");
  if (sprt_entry != entry.end() && sprt_entry->is_object()) {
    const auto& s = *sprt_entry;
    sprt_status status;
    if (!s.contains("lower") || !s["lower"].is_number() || !s.contains("upper") ||
        !s["upper"].is_number() || !s.contains("result") || !s["result"].is_string()) {
      return fail("statistics.pairs entry: \"sprt\" needs lower, upper and result");
    }
    status.llr = s.contains("llr") && s["llr"].is_number() ? s["llr"].get<double>() : 0.0;
    status.lower = s["lower"].get<double>();
    status.upper = s["upper"].get<double>();
    const auto result = s["result"].get<std::string>();
    if (result == "H0") {
      status.result = sprt_result::accept_h0;
    } else if (result == "H1") {
      status.result = sprt_result::accept_h1;
    } else if (result == "continue") {
      status.result = sprt_result::continue_testing;
    } else {
      return fail(fmt::format(
          "statistics.pairs entry: sprt result \"{}\" is not H0, H1 or continue", result));
    }
    out.sprt = status;
    if (s.contains("elo0") && s.contains("elo1") && s.contains("alpha") && s.contains("beta") &&
        s["elo0"].is_number() && s["elo1"].is_number() && s["alpha"].is_number() &&
        s["beta"].is_number()) {
      spec::sprt_spec settings;
      settings.elo0 = s["elo0"].get<double>();
      settings.elo1 = s["elo1"].get<double>();
      settings.alpha = s["alpha"].get<double>();
      settings.beta = s["beta"].get<double>();
      settings.model = s.value("model", std::string("normalized")) == "logistic"
                           ? spec::sprt_model::logistic
                           : spec::sprt_model::normalized;
      out.sprt_settings = settings;
    }
  }
  return out;
}

json ratings_to_json(const std::vector<std::string>& names, const rating_table& table) {
  json players = json::array();
  for (std::size_t i = 0; i < table.players.size(); ++i) {
    const auto& p = table.players[i];
    players.push_back({{"name", name_of(names, static_cast<int>(i))},
                       {"games", p.games},
                       {"points", p.points},
                       {"elo", number_or_null(p.elo)},
                       {"error95", number_or_null(p.error95)},
                       {"bound", to_string(p.bound)},
                       {"bound_elo", number_or_null(p.bound_elo)}});
  }
  return json{
      {"model", "bayeselo"},
      {"draw_elo", table.draw_elo},
      {"anchor", table.anchor.player ? json(name_of(names, *table.anchor.player)) : json("mean")},
      {"complete", table.complete},
      {"players", players}};
}

json crosstable_to_json(const std::vector<std::string>& names,
                        const std::vector<head_to_head>& games) {
  const auto n = names.size();
  std::vector<std::vector<std::optional<wdl_counts>>> cells(
      n, std::vector<std::optional<wdl_counts>>(n));
  for (const auto& g : games) {
    if (g.first < 0 || g.second < 0 || static_cast<std::size_t>(g.first) >= n ||
        static_cast<std::size_t>(g.second) >= n) {
      continue;
    }
    auto& forward = cells[g.first][g.second];
    auto& backward = cells[g.second][g.first];
    forward = forward.value_or(wdl_counts{});
    backward = backward.value_or(wdl_counts{});
    forward->wins += g.counts.wins;
    forward->losses += g.counts.losses;
    forward->draws += g.counts.draws;
    backward->wins += g.counts.losses;
    backward->losses += g.counts.wins;
    backward->draws += g.counts.draws;
  }
  json rows = json::array();
  for (std::size_t i = 0; i < n; ++i) {
    json row = json::array();
    for (std::size_t j = 0; j < n; ++j) {
      const auto& c = cells[i][j];
      if (!c) {
        row.push_back(nullptr);
        continue;
      }
      row.push_back({{"wins", c->wins},
                     {"losses", c->losses},
                     {"draws", c->draws},
                     {"games", c->games()},
                     {"points", c->points()}});
    }
    rows.push_back(row);
  }
  return json{{"players", names}, {"cells", rows}};
}

json statistics_to_json(const std::vector<std::string>& names,
                        const std::vector<pairing_summary>& pairs,
                        const std::optional<rating_table>& ratings) {
  json list = json::array();
  for (const auto& p : pairs) {
    list.push_back(pair_to_json(names, p));
  }
  json out{{"pairs", list}};
  if (ratings) {
    out["ratings"] = ratings_to_json(names, *ratings);
  }
  out["crosstable"] = crosstable_to_json(names, head_to_heads(pairs));
  return out;
}

std::string crosstable_text(const std::vector<std::string>& names,
                            const std::vector<head_to_head>& games) {
  const auto table = crosstable_to_json(names, games);
  const auto n = names.size();
  std::size_t width = 4;
  for (const auto& name : names) {
    width = std::max(width, name.size());
  }
  std::string out = fmt::format("{:<{}}", "", width + 2);
  for (std::size_t j = 0; j < n; ++j) {
    out += fmt::format(" {:>9}", fmt::format("{}", j + 1));
  }
  out += '\n';
  for (std::size_t i = 0; i < n; ++i) {
    out += fmt::format("{:>2} {:<{}}", i + 1, names[i], width - 1 > 0 ? width - 1 : 1);
    for (std::size_t j = 0; j < n; ++j) {
      const auto& cell = table["cells"][i][j];
      if (i == j) {
        out += fmt::format(" {:>9}", "x");
      } else if (cell.is_null()) {
        out += fmt::format(" {:>9}", ".");
      } else {
        out += fmt::format(" {:>9}", fmt::format("{:g}/{}", cell["points"].get<double>(),
                                                 cell["games"].get<std::uint64_t>()));
      }
    }
    out += '\n';
  }
  return out;
}

std::string standings_text(const std::vector<std::string>& names,
                           const std::vector<pairing_summary>& pairs,
                           const std::optional<rating_table>& ratings) {
  const auto n = names.size();
  std::vector<std::uint64_t> games(n, 0);
  std::vector<double> points(n, 0.0);
  std::vector<std::uint64_t> draws(n, 0);
  for (const auto& p : pairs) {
    if (p.first < 0 || p.second < 0 || static_cast<std::size_t>(p.first) >= n ||
        static_cast<std::size_t>(p.second) >= n) {
      continue;
    }
    games[p.first] += p.wdl.games();
    games[p.second] += p.wdl.games();
    points[p.first] += p.wdl.points();
    points[p.second] += p.wdl.mirrored().points();
    draws[p.first] += p.wdl.draws;
    draws[p.second] += p.wdl.draws;
  }
  // Players infinitely above (or below) the anchor's group rank first (last).
  auto rated = [&](std::size_t i) -> std::optional<double> {
    if (!ratings || i >= ratings->players.size()) {
      return std::nullopt;
    }
    const auto& r = ratings->players[i];
    if (r.bound == rating_bound::above) {
      return std::numeric_limits<double>::infinity();
    }
    if (r.bound == rating_bound::below) {
      return -std::numeric_limits<double>::infinity();
    }
    return r.elo;
  };
  auto fraction = [&](std::size_t i) {
    return games[i] == 0 ? 0.0 : points[i] / static_cast<double>(games[i]);
  };
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto ra = rated(a);
    const auto rb = rated(b);
    if (ra && rb && *ra != *rb) {
      return *ra > *rb;
    }
    if (ra.has_value() != rb.has_value()) {
      return ra.has_value();
    }
    return fraction(a) > fraction(b);
  });
  std::size_t width = 6;
  for (const auto& name : names) {
    width = std::max(width, name.size());
  }
  std::string out;
  out += fmt::format("{:>4}  {:<{}}  {:>8}  {:>6}  {:>6}  {:>7}  {:>6}  {:>6}\n", "Rank", "Player",
                     width, "Elo", "+/-", "Games", "Points", "Score", "Draws");
  for (std::size_t rank = 0; rank < n; ++rank) {
    const auto i = order[rank];
    std::string elo = "-";
    std::string error = "-";
    if (ratings && i < ratings->players.size()) {
      const auto& r = ratings->players[i];
      if (r.elo) {
        elo = fmt::format("{:+.1f}", *r.elo);
      } else if (r.bound_elo && r.bound == rating_bound::above) {
        elo = fmt::format(">={:+.0f}", *r.bound_elo);
      } else if (r.bound_elo && r.bound == rating_bound::below) {
        elo = fmt::format("<={:+.0f}", *r.bound_elo);
      } else if (r.bound == rating_bound::above || r.bound == rating_bound::below) {
        elo = to_string(r.bound);
      }
      error = plain_or_dash(r.error95, 1);
    }
    out += fmt::format("{:>4}  {:<{}}  {:>8}  {:>6}  {:>6}  {:>7}  {:>6}  {:>6}\n", rank + 1,
                       names[i], width, elo, error, games[i], fmt::format("{:g}", points[i]),
                       games[i] == 0 ? std::string("-") : percent_or_dash(fraction(i)),
                       games[i] == 0 ? std::string("-")
                                     : percent_or_dash(static_cast<double>(draws[i]) /
                                                       static_cast<double>(games[i])));
  }
  if (ratings) {
    out += fmt::format(
        "Ratings: maximum likelihood (BayesElo's model, draw term {:.0f} Elo), 95% intervals, "
        "anchored to {}{}\n",
        ratings->draw_elo,
        ratings->anchor.player ? name_of(names, *ratings->anchor.player)
                               : std::string("the mean (0)"),
        ratings->complete ? ""
                          : "; >=X / <=X: took (lost) every point against the rated players, X "
                            "the end of the 95% interval");
  }
  for (const auto& p : pairs) {
    const auto tri = trinomial_elo(p.wdl);
    const auto penta = pentanomial_elo(p.pentanomial);
    const auto games = p.wdl.games();
    const auto& c = p.pentanomial.counts;
    // The line shapes of fastchess's report, so parsers written for it work.
    out +=
        fmt::format("\nResults of {} vs {}:\n", name_of(names, p.first), name_of(names, p.second));
    out += fmt::format("Elo: {}, nElo: {}\n", elo_text(tri, "game"), nelo_text(tri));
    std::string pairs_ratio = "-";
    if (c[0] + c[1] > 0) {
      pairs_ratio = fmt::format(
          "{:.2f}", static_cast<double>(c[3] + c[4]) / static_cast<double>(c[0] + c[1]));
    } else if (c[3] + c[4] > 0) {
      pairs_ratio = "inf";
    }
    out += fmt::format(
        "LOS: {}, DrawRatio: {}, PairsRatio: {}\n", percent_text(tri.los),
        games == 0 ? std::string("-")
                   : percent_text(static_cast<double>(p.wdl.draws) / static_cast<double>(games)),
        pairs_ratio);
    out +=
        fmt::format("Games: {}, Wins: {}, Losses: {}, Draws: {}, Points: {:g} ({})\n", games,
                    p.wdl.wins, p.wdl.losses, p.wdl.draws, p.wdl.points(), percent_text(tri.score));
    out += fmt::format("Ptnml(0-2): [{}, {}, {}, {}, {}]\n", c[0], c[1], c[2], c[3], c[4]);
    out += fmt::format("Pair Elo: {}, nElo: {}, LOS: {}\n", elo_text(penta, "pair"),
                       nelo_text(penta), percent_text(penta.los));
    if (p.sprt) {
      out += fmt::format("LLR: {:.2f} ({:.2f}, {:.2f})", p.sprt->llr, p.sprt->lower, p.sprt->upper);
      if (p.sprt_settings) {
        out += fmt::format(" [{:.2f}, {:.2f}]", p.sprt_settings->elo0, p.sprt_settings->elo1);
      }
      out += '\n';
      std::string verdict = "continue";
      if (p.sprt->result == sprt_result::accept_h0) {
        verdict = "H0 accepted";
      } else if (p.sprt->result == sprt_result::accept_h1) {
        verdict = "H1 accepted";
      }
      out += fmt::format("SPRT: {}", verdict);
      if (p.sprt_settings) {
        out += fmt::format(" ({} Elo, alpha {:g}, beta {:g})", model_name(p.sprt_settings->model),
                           p.sprt_settings->alpha, p.sprt_settings->beta);
      }
      out += '\n';
    }
  }
  if (n > 2 || pairs.size() > 1) {
    out += "\nCrosstable (points/games of the row player)\n";
    out += crosstable_text(names, head_to_heads(pairs));
  }
  return out;
}

expected<std::string> standings_text_from_json(const std::vector<std::string>& names,
                                               const json& statistics) {
  if (!statistics.is_object() || !statistics.contains("pairs") || !statistics["pairs"].is_array()) {
    return fail("statistics: no \"pairs\" list");
  }
  std::vector<pairing_summary> pairs;
  const auto& list = statistics["pairs"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto pair = pair_from_json(names, list[i]);
    if (!pair) {
      return fail(fmt::format("statistics.pairs[{}]: {}", i, pair.error().message));
    }
    pairs.push_back(*pair);
  }
  std::optional<rating_table> ratings;
  auto saved = statistics.find("ratings");
  if (saved != statistics.end() && saved->is_object() && !names.empty()) {
    rating_anchor anchor;
    auto a = saved->find("anchor");
    if (a != saved->end() && a->is_string() && a->get<std::string>() != "mean") {
      auto it = std::find(names.begin(), names.end(), a->get<std::string>());
      if (it == names.end()) {
        return fail(
            fmt::format("statistics.ratings.anchor: unknown player \"{}\"", a->get<std::string>()));
      }
      anchor.player = static_cast<int>(it - names.begin());
    }
    auto table = compute_ratings(static_cast<int>(names.size()), head_to_heads(pairs), anchor);
    if (!table) {
      return fail(fmt::format("statistics.ratings: {}", table.error().message));
    }
    ratings = *table;
  }
  return standings_text(names, pairs, ratings);
}

}  // namespace tourney::stats
