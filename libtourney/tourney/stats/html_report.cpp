#include "tourney/stats/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "tourney/stats/checkpoint_order.hpp"
#include "tourney/stats/elo.hpp"

namespace tourney::stats {

namespace {

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

constexpr const char* style = R"(<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:1em;max-width:60em;color:#222;background:#fff}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.9em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:right;white-space:nowrap}
th:first-child,td.name{text-align:left}
p.note{font-size:.9em;color:#444;max-width:50em}
svg{width:100%;height:auto;max-width:60em;background:#fafafa;border:1px solid #ddd}
svg text{font-size:11px;fill:#333}
.band{fill:#9cc3e6;opacity:.5}.line{fill:none;stroke:#1f5f9f;stroke-width:1.5}
.point{fill:#1f5f9f}.axis{stroke:#888;stroke-width:1}.zero{stroke:#c33;stroke-dasharray:4 3}
</style>
)";

std::string page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         escape(title) + "</title>\n" + style + "</head><body>\n<h1>" + escape(title) + "</h1>\n" +
         body + "</body></html>\n";
}

std::string number(const std::optional<double>& v, const char* format = "{:+.1f}") {
  return v && std::isfinite(*v) ? fmt::format(fmt::runtime(format), *v) : std::string("-");
}

// A line chart with a band: points (label, value, half width), evenly spaced.
struct chart_point {
  std::string label;
  double value = 0;
  double half_width = 0;
};

std::string line_chart(const std::vector<chart_point>& points, const char* y_label,
                       std::optional<std::pair<double, double>> bounds = std::nullopt) {
  if (points.empty()) {
    return "<p class=\"note\">Nothing to draw yet.</p>\n";
  }
  const double width = 720;
  const double height = 300;
  const double left = 55;
  const double right = 15;
  const double top = 15;
  const double bottom = 60;
  double lo = points.front().value - points.front().half_width;
  double hi = points.front().value + points.front().half_width;
  for (const auto& p : points) {
    lo = std::min(lo, p.value - p.half_width);
    hi = std::max(hi, p.value + p.half_width);
  }
  if (bounds) {
    lo = std::min(lo, bounds->first);
    hi = std::max(hi, bounds->second);
  }
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const double pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const auto n = points.size();
  auto x = [&](std::size_t k) {
    return n == 1 ? left + (width - left - right) / 2
                  : left + (width - left - right) * static_cast<double>(k) /
                               static_cast<double>(n - 1);
  };
  auto y = [&](double v) { return top + (height - top - bottom) * (hi - v) / (hi - lo); };
  std::string svg = fmt::format(
      "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n",
      width, height, y_label);
  std::string upper;
  std::string lower;
  for (std::size_t k = 0; k < n; ++k) {
    upper += fmt::format("{:.1f},{:.1f} ", x(k), y(points[k].value + points[k].half_width));
  }
  for (std::size_t k = n; k-- > 0;) {
    lower += fmt::format("{:.1f},{:.1f} ", x(k), y(points[k].value - points[k].half_width));
  }
  svg += "<polygon class=\"band\" points=\"" + upper + lower + "\"/>\n";
  if (lo < 0 && hi > 0) {
    svg += fmt::format("<line class=\"zero\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>\n",
                       left, width - right, y(0), y(0));
  }
  if (bounds) {
    for (double b : {bounds->first, bounds->second}) {
      svg += fmt::format("<line class=\"zero\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>\n",
                         left, width - right, y(b), y(b));
    }
  }
  std::string path;
  for (std::size_t k = 0; k < n; ++k) {
    path += fmt::format("{}{:.1f},{:.1f}", k == 0 ? "M" : " L", x(k), y(points[k].value));
  }
  svg += "<path class=\"line\" d=\"" + path + "\"/>\n";
  for (std::size_t k = 0; k < n; ++k) {
    svg += fmt::format(
        "<circle class=\"point\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\"><title>{}: {:.1f} +/- "
        "{:.1f}</title></circle>\n",
        x(k), y(points[k].value), escape(points[k].label), points[k].value, points[k].half_width);
  }
  svg += fmt::format("<line class=\"axis\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>\n", left, left,
                     top, height - bottom);
  for (int t = 0; t <= 4; ++t) {
    const double v = lo + (hi - lo) * t / 4;
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:.0f}</text>\n", left - 4,
                       y(v) + 4, v);
  }
  const std::size_t every = std::max<std::size_t>(1, n / 12);
  for (std::size_t k = 0; k < n; k += every) {
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"end\" transform=\"rotate(-40 {:.1f} {})\">{}"
        "</text>\n",
        x(k), height - bottom + 14, x(k), height - bottom + 14, escape(points[k].label));
  }
  svg += fmt::format("<text x=\"4\" y=\"12\">{}</text>\n", y_label);
  return svg + "</svg>\n";
}

// Points of the row player against the column player, coloured from red
// (lost everything) through white to green (won everything).
std::string heat_map(const std::vector<std::string>& names,
                     const std::vector<std::vector<wdl_counts>>& cells) {
  std::string out = "<div class=\"scroll\"><table><tr><th></th>";
  for (std::size_t j = 0; j < names.size(); ++j) {
    out += fmt::format("<th title=\"{}\">{}</th>", escape(names[j]), j + 1);
  }
  out += "</tr>\n";
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += fmt::format("<tr><td class=\"name\">{} {}</td>", i + 1, escape(names[i]));
    for (std::size_t j = 0; j < names.size(); ++j) {
      const auto& c = cells[i][j];
      if (i == j || c.games() == 0) {
        out += fmt::format("<td>{}</td>", i == j ? "x" : ".");
        continue;
      }
      const double score = c.points() / static_cast<double>(c.games());
      const int hue = score >= 0.5 ? 120 : 0;
      const int light = static_cast<int>(100 - 45 * std::abs(score - 0.5) * 2);
      out += fmt::format(
          "<td style=\"background:hsl({},60%,{}%)\" title=\"{} vs {}: +{} -{} ={}\">{:g}/{}</td>",
          hue, light, escape(names[i]), escape(names[j]), c.wins, c.losses, c.draws, c.points(),
          c.games());
    }
    out += "</tr>\n";
  }
  return out + "</table></div>\n";
}

}  // namespace

std::string league_html(const league_input& input, const league_ratings& ratings,
                        const league_context& context) {
  const auto n = input.players.size();
  std::string anchors;
  for (const auto& a : context.anchors) {
    anchors +=
        (anchors.empty() ? "" : ", ") + escape(a.name) +
        (a.sd > 0 ? fmt::format(" ~ {:g} +- {:g}", a.elo, a.sd) : fmt::format(" = {:g}", a.elo));
  }
  std::string body = fmt::format(
      "<p>{} tournament(s), {} games ({} error games not counted), {} players. Anchored to: "
      "{}.</p>\n",
      context.folders.size(), context.games, context.error_games, n,
      anchors.empty() ? std::string("mean 0") : anchors);
  for (const auto& w : ratings.warnings) {
    body += "<p class=\"note\"><b>Warning:</b> " + escape(w) + "</p>\n";
  }
  // The chart: checkpoints in training order (by the number in their name).
  auto order = checkpoint_order(input.players);
  if (order.empty()) {
    order.resize(n);
    std::iota(order.begin(), order.end(), 0);
  }
  std::vector<chart_point> points;
  for (int i : order) {
    const auto& p = ratings.players[static_cast<std::size_t>(i)];
    if (p.elo) {
      points.push_back({p.name, *p.elo, p.error95.value_or(0.0)});
    }
  }
  body += "<h2>Rating over training</h2>\n" + line_chart(points, "Elo") +
          "<p class=\"note\">Each point is a checkpoint's rating (ordered by the number in its "
          "name); the band is its 95% interval. Players without a finite rating are left out of "
          "the chart and listed in the table.</p>\n";
  body +=
      "<h2>Ratings</h2>\n<div class=\"scroll\"><table><tr><th>Rank</th><th>Player</th><th>Elo</th>"
      "<th>95% interval</th><th>Games</th><th>Score</th><th>Draws</th><th>LOS over "
      "next</th></tr>\n";
  for (std::size_t rank = 0; rank < ratings.order.size(); ++rank) {
    const auto& p = ratings.players[static_cast<std::size_t>(ratings.order[rank])];
    std::string elo = number(p.elo);
    std::string interval = "-";
    if (p.elo && p.error95) {
      interval = p.anchored
                     ? "anchor"
                     : fmt::format("{:+.1f} to {:+.1f}", *p.elo - *p.error95, *p.elo + *p.error95);
    } else if (p.bound == rating_bound::above && p.bound_elo) {
      elo = fmt::format("&ge;{:+.0f}", *p.bound_elo);
      interval = fmt::format("{:+.0f} and up (won every game)", *p.bound_elo);
    } else if (p.bound == rating_bound::below && p.bound_elo) {
      elo = fmt::format("&le;{:+.0f}", *p.bound_elo);
      interval = fmt::format("up to {:+.0f} (lost every game)", *p.bound_elo);
    }
    body += fmt::format(
        "<tr><td>{}</td><td class=\"name\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td></tr>\n",
        rank + 1, escape(p.name), elo, interval, p.games,
        p.games ? fmt::format("{:.1f}%", 100 * p.points / static_cast<double>(p.games)) : "-",
        p.games ? fmt::format("{:.1f}%",
                              100.0 * static_cast<double>(p.draws) / static_cast<double>(p.games))
                : "-",
        p.los_next ? fmt::format("{:.1f}%", 100 * *p.los_next) : "-");
  }
  body += fmt::format(
      "</table></div>\n<p class=\"note\">Elo: maximum likelihood in BayesElo's model (a draw term "
      "of {:.1f} &plusmn; {:.1f} and a first-move advantage of {:+.1f} &plusmn; {:.1f} Elo fitted "
      "with the ratings). The interval holds the true rating with 95% probability. LOS over next: "
      "the probability that the player is stronger than the next one in the list.</p>\n",
      ratings.draw_elo, ratings.draw_error95, ratings.first_move_elo, ratings.first_move_error95);
  std::vector<std::vector<wdl_counts>> cells(n, std::vector<wdl_counts>(n));
  for (const auto& g : input.games) {
    auto& c = cells[static_cast<std::size_t>(g.black)][static_cast<std::size_t>(g.white)];
    auto& m = cells[static_cast<std::size_t>(g.white)][static_cast<std::size_t>(g.black)];
    c.wins += g.black_wins;
    c.losses += g.white_wins;
    c.draws += g.draws;
    m.wins += g.white_wins;
    m.losses += g.black_wins;
    m.draws += g.draws;
  }
  if (n <= 60) {
    body += "<h2>Crosstable</h2>\n" + heat_map(input.players, cells) +
            "<p class=\"note\">Points/games of the row player against the column player; green "
            "where it scored more than half, red where less.</p>\n";
  } else {
    body += "<p class=\"note\">Crosstable left out: more than 60 players.</p>\n";
  }
  return page("League ratings", body);
}

std::string tournament_html(const tournament_html_input& in) {
  const auto n = in.names.size();
  const bool in_progress = in.status == "running" || in.status == "paused";
  std::string body =
      in_progress
          ? fmt::format("<p class=\"progress\">In progress ({}): {} of {} planned games played so far; the "
                        "numbers below are over those games.</p>\n",
                        escape(in.status), in.finished_games, in.total_games)
          : fmt::format("<p>Status: {}; {} of {} games finished.</p>\n",
                        escape(in.status.empty() ? "unknown" : in.status), in.finished_games, in.total_games);
  if (in.ratings) {
    body +=
        "<h2>Standings</h2>\n<div class=\"scroll\"><table><tr><th>Player</th><th>Elo</th>"
        "<th>+/-</th><th>Games</th><th>Points</th></tr>\n";
    for (std::size_t i = 0; i < n && i < in.ratings->players.size(); ++i) {
      const auto& r = in.ratings->players[i];
      std::string elo = number(r.elo);
      if (!r.elo && r.bound_elo) {
        elo = fmt::format(r.bound == rating_bound::above ? "&ge;{:+.0f}" : "&le;{:+.0f}",
                          *r.bound_elo);
      }
      body += fmt::format(
          "<tr><td class=\"name\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:g}</td></tr>\n",
          escape(in.names[i]), elo,
          in.ratings->anchor.player == static_cast<int>(i) ? std::string("anchor")
                                                           : number(r.error95, "{:.1f}"),
          r.games, r.points);
    }
    body +=
        "</table></div>\n<p class=\"note\">Elo: maximum likelihood over every pairing, with "
        "its 95% interval (+/-); &ge;X (&le;X): won (lost) every game against the rated "
        "players, X the end of the interval.</p>\n";
  }
  body +=
      "<h2>Pairings</h2>\n<div class=\"scroll\"><table><tr><th>Pairing</th><th>W</th><th>L"
      "</th><th>D</th><th>Elo</th><th>95% interval</th><th>LOS</th><th>Pentanomial LL LD "
      "DD/WL WD WW</th></tr>\n";
  for (const auto& p : in.pairs) {
    const auto e =
        p.pentanomial.pairs() >= 2 ? pentanomial_elo(p.pentanomial) : trinomial_elo(p.wdl);
    std::string interval = "-";
    if (e.samples >= 2 && e.stdev && *e.stdev > 0) {
      interval = fmt::format("{} to {}", number(e.elo_lower95), number(e.elo_upper95));
    } else if (e.samples > 0) {
      interval = "too few or all alike";
    }
    const auto& c = p.pentanomial.counts;
    body += fmt::format(
        "<tr><td class=\"name\">{} vs {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}"
        "</td><td>{}</td><td>{} {} {} {} {}</td></tr>\n",
        escape(in.names[static_cast<std::size_t>(p.first)]),
        escape(in.names[static_cast<std::size_t>(p.second)]), p.wdl.wins, p.wdl.losses, p.wdl.draws,
        number(e.elo), interval, e.los ? fmt::format("{:.1f}%", 100 * *e.los) : std::string("-"),
        c[0], c[1], c[2], c[3], c[4]);
  }
  body +=
      "</table></div>\n<p class=\"note\">Elo of the first player against the second, from game "
      "pairs (the two games of an opening, colours swapped) when there are two or more, else "
      "from games; LOS: the probability that the first is the stronger; pentanomial: game "
      "pairs by the first player's pair score, lost both (LL) to won both (WW).</p>\n";
  for (const auto& p : in.pairs) {
    if (!p.sprt) {
      continue;
    }
    std::vector<chart_point> llr;
    for (std::size_t k = 0; k < in.sprt_llr.size(); ++k) {
      llr.push_back({std::to_string(k + 1), in.sprt_llr[k], 0.0});
    }
    body += fmt::format(
        "<h2>SPRT</h2>\n<p>LLR {:.2f}, bounds {:.2f} and {:.2f}: {}.</p>\n", p.sprt->llr,
        p.sprt->lower, p.sprt->upper,
        p.sprt->result == sprt_result::accept_h1
            ? "H1 accepted"
            : (p.sprt->result == sprt_result::accept_h0 ? "H0 accepted" : "no decision yet"));
    body += line_chart(llr, "LLR", std::make_pair(p.sprt->lower, p.sprt->upper)) +
            "<p class=\"note\">The log-likelihood ratio after each game pair; the test stops when "
            "it crosses a dashed bound (upper: H1, the first player is better by elo1; lower: "
            "H0).</p>\n";
    break;
  }
  std::vector<std::vector<wdl_counts>> cells(n, std::vector<wdl_counts>(n));
  for (const auto& p : in.pairs) {
    auto& c = cells[static_cast<std::size_t>(p.first)][static_cast<std::size_t>(p.second)];
    auto& m = cells[static_cast<std::size_t>(p.second)][static_cast<std::size_t>(p.first)];
    c.wins += p.wdl.wins;
    c.losses += p.wdl.losses;
    c.draws += p.wdl.draws;
    m.wins += p.wdl.losses;
    m.losses += p.wdl.wins;
    m.draws += p.wdl.draws;
  }
  if (n <= 60) {
    body += "<h2>Crosstable</h2>\n" + heat_map(in.names, cells) +
            "<p class=\"note\">Points/games of the row player against the column player.</p>\n";
  }
  body +=
      "<h2>Games</h2>\n<div class=\"scroll\"><table><tr><th>Game</th><th>Black (sente)</th>"
      "<th>White</th><th>Result</th><th>Reason</th><th>Plies</th><th>Records</th></tr>\n";
  for (const auto& g : in.games) {
    std::string links;
    if (!g.kif_href.empty()) {
      links += "<a href=\"" + escape(g.kif_href) + "\">KIF</a>";
    }
    if (!g.csa_href.empty()) {
      links += (links.empty() ? "" : " ") + std::string("<a href=\"") + escape(g.csa_href) +
               "\">CSA</a>";
    }
    body += fmt::format(
        "<tr><td class=\"name\">{}</td><td class=\"name\">{}</td><td class=\"name\">{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        escape(g.game_id), escape(g.black), escape(g.white), escape(g.result), escape(g.reason),
        g.plies, links.empty() ? "-" : links);
  }
  body += "</table></div>\n";
  return page(in.title, body);
}

}  // namespace tourney::stats
