#include "tourney/spec/json.hpp"

#include <fmt/format.h>

#include "tourney/spec/json_reader.hpp"

namespace tourney::spec {

namespace {

using nlohmann::json;
using std::chrono::milliseconds;

/// An optional integer within [lo, hi].
expected<std::optional<std::int64_t>> int_in(json_reader& r, std::string_view key, std::int64_t lo,
                                             std::int64_t hi) {
  std::optional<std::int64_t> v;
  TOURNEY_TRY_ASSIGN(v, r.optional_int(key));
  if (v && (*v < lo || *v > hi)) {
    return fail(fmt::format("{}: {} is out of range [{}, {}]", r.field_path(key), *v, lo, hi));
  }
  return v;
}

expected<std::optional<milliseconds>> ms_in(json_reader& r, std::string_view key,
                                            std::int64_t lo = 0) {
  std::optional<std::int64_t> v;
  TOURNEY_TRY_ASSIGN(v, int_in(r, key, lo, std::int64_t{1} << 40));
  if (!v) {
    return std::optional<milliseconds>{};
  }
  return std::optional<milliseconds>{milliseconds{*v}};
}

expected<std::map<std::string, std::string>> string_map(json_reader& r, std::string_view key) {
  std::map<std::string, std::string> out;
  const auto* v = r.raw(key);
  if (v == nullptr) {
    return out;
  }
  if (!v->is_object()) {
    return fail(fmt::format("{}: expected an object, got {}", r.field_path(key),
                            json_type_name(*v)));
  }
  for (const auto& item : v->items()) {
    const auto& x = item.value();
    auto path = join_path(r.field_path(key), item.key());
    if (x.is_string()) {
      out[item.key()] = x.get<std::string>();
    } else if (x.is_boolean()) {
      out[item.key()] = x.get<bool>() ? "true" : "false";
    } else if (x.is_number_integer() || x.is_number_unsigned()) {
      out[item.key()] = x.dump();
    } else {
      return fail(fmt::format("{}: expected a string, number or boolean, got {}", path,
                              json_type_name(x)));
    }
  }
  return out;
}

expected<std::vector<std::string>> string_list(json_reader& r, std::string_view key) {
  std::vector<std::string> out;
  const auto* v = r.raw(key);
  if (v == nullptr) {
    return out;
  }
  if (!v->is_array()) {
    return fail(fmt::format("{}: expected an array of strings, got {}", r.field_path(key),
                            json_type_name(*v)));
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& x = (*v)[i];
    if (!x.is_string()) {
      return fail(fmt::format("{}[{}]: expected a string, got {}", r.field_path(key), i,
                              json_type_name(x)));
    }
    out.push_back(x.get<std::string>());
  }
  return out;
}

expected<usi_profile> profile_from_json(const json& j, const std::string& path) {
  usi_profile p;
  auto opened = json_reader::open(j, path);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  json_reader& r = *opened;
  if (r.has("go_tokens")) {
    TOURNEY_TRY_ASSIGN(p.go_tokens, string_list(r, "go_tokens"));
    static const std::vector<std::string> known{"btime", "wtime", "byoyomi", "binc",
                                                "winc",  "nodes", "depth",   "movetime"};
    for (const auto& t : p.go_tokens) {
      if (std::find(known.begin(), known.end(), t) == known.end()) {
        return fail(fmt::format("{}: unknown go token '{}' (known: btime wtime byoyomi binc "
                                "winc nodes depth movetime)",
                                r.field_path("go_tokens"), shown(t)));
      }
    }
  }
  std::optional<std::string> marker;
  TOURNEY_TRY_ASSIGN(marker, r.optional_string("drop_marker"));
  if (marker) {
    if (*marker != "*" && *marker != "@") {
      return fail(fmt::format("{}: must be \"*\" or \"@\", got \"{}\"",
                              r.field_path("drop_marker"), shown(*marker)));
    }
    p.drop_marker = (*marker)[0];
  }
  std::optional<milliseconds> ms;
  TOURNEY_TRY_ASSIGN(ms, ms_in(r, "startup_timeout_ms", 1));
  p.startup_timeout = ms.value_or(p.startup_timeout);
  TOURNEY_TRY_ASSIGN(ms, ms_in(r, "isready_timeout_ms", 1));
  p.isready_timeout = ms.value_or(p.isready_timeout);
  TOURNEY_TRY_ASSIGN(ms, ms_in(r, "quit_timeout_ms", 1));
  p.quit_timeout = ms.value_or(p.quit_timeout);
  TOURNEY_TRY(r.reject_unknown());
  return p;
}

expected<usi_engine_spec> usi_from_json(const json& j, const std::string& path) {
  usi_engine_spec u;
  auto opened = json_reader::open(j, path);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  json_reader& r = *opened;
  TOURNEY_TRY_ASSIGN(u.command, r.required_string("command"));
  if (u.command.empty()) {
    return fail(r.field_path("command") + ": must not be empty");
  }
  TOURNEY_TRY_ASSIGN(u.args, string_list(r, "args"));
  std::optional<std::string> dir;
  TOURNEY_TRY_ASSIGN(dir, r.optional_string("working_dir"));
  u.working_dir = dir.value_or("");
  TOURNEY_TRY_ASSIGN(u.env, string_map(r, "env"));
  TOURNEY_TRY_ASSIGN(u.options, string_map(r, "options"));
  if (const auto* p = r.raw("profile")) {
    TOURNEY_TRY_ASSIGN(u.profile, profile_from_json(*p, r.field_path("profile")));
  }
  TOURNEY_TRY(r.reject_unknown());
  return u;
}

expected<player_spec> player_from_json(const json& j, const std::string& path) {
  player_spec p;
  auto opened = json_reader::open(j, path);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  json_reader& r = *opened;
  TOURNEY_TRY_ASSIGN(p.name, r.required_string("name"));
  int kinds = static_cast<int>(r.has("builtin")) + static_cast<int>(r.has("usi")) +
              static_cast<int>(r.has("host"));
  if (kinds != 1) {
    return fail(fmt::format("{}: a player needs exactly one of \"builtin\", \"usi\" or \"host\"",
                            path));
  }
  // depth, nodes and seed are read for every kind, as tournament.json writes
  // them (0 where the kind has none); a kind without the field takes only 0.
  std::optional<std::int64_t> depth;
  std::optional<std::int64_t> nodes;
  std::optional<std::int64_t> seed;
  TOURNEY_TRY_ASSIGN(depth, int_in(r, "depth", 0, 64));
  TOURNEY_TRY_ASSIGN(nodes, int_in(r, "nodes", 0, INT64_MAX));
  TOURNEY_TRY_ASSIGN(seed, int_in(r, "seed", 0, INT64_MAX));
  auto only_builtin = [&](const char* field, const std::optional<std::int64_t>& x,
                          const char* kind) -> expected<void> {
    if (x.value_or(0) != 0) {
      return fail(fmt::format("{}: a {} player has no {} (only a builtin player has one)",
                              r.field_path(field), kind, field));
    }
    return {};
  };
  if (r.has("builtin")) {
    builtin_player b;
    TOURNEY_TRY_ASSIGN(b.kind, r.required_string("builtin"));
    b.depth = static_cast<int>(depth.value_or(0));
    b.nodes = static_cast<std::uint64_t>(nodes.value_or(0));
    b.seed = static_cast<std::uint64_t>(seed.value_or(0));
    p.player = std::move(b);
  } else if (r.has("usi")) {
    usi_player u;
    TOURNEY_TRY_ASSIGN(u.engine, usi_from_json(*r.raw("usi"), r.field_path("usi")));
    TOURNEY_TRY(only_builtin("depth", depth, "usi"));
    TOURNEY_TRY(only_builtin("seed", seed, "usi"));
    u.nodes = static_cast<std::uint64_t>(nodes.value_or(0));
    p.player = std::move(u);
  } else {
    host_player h;
    TOURNEY_TRY_ASSIGN(h.registered, r.required_string("host"));
    TOURNEY_TRY(only_builtin("depth", depth, "host"));
    TOURNEY_TRY(only_builtin("nodes", nodes, "host"));
    TOURNEY_TRY(only_builtin("seed", seed, "host"));
    p.player = std::move(h);
  }
  std::optional<std::int64_t> v;
  TOURNEY_TRY_ASSIGN(v, int_in(r, "max_concurrent_games", 0, 1 << 20));
  p.max_concurrent_games = static_cast<int>(v.value_or(0));
  TOURNEY_TRY(r.reject_unknown());
  return p;
}

expected<openings_spec> openings_from_json(const json& j, const std::string& path) {
  openings_spec o;
  auto opened = json_reader::open(j, path);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  json_reader& r = *opened;
  std::optional<std::string> s;
  TOURNEY_TRY_ASSIGN(s, r.optional_string("file"));
  o.file = s.value_or("");
  TOURNEY_TRY_ASSIGN(s, r.optional_string("order"));
  if (s) {
    if (*s == "sequential") {
      o.order = opening_order::sequential;
    } else if (*s == "random") {
      o.order = opening_order::random;
    } else {
      return fail(fmt::format("{}: must be \"sequential\" or \"random\", got \"{}\"",
                              r.field_path("order"), shown(*s)));
    }
  }
  std::optional<std::int64_t> v;
  TOURNEY_TRY_ASSIGN(v, int_in(r, "seed", 0, INT64_MAX));
  o.seed = static_cast<std::uint64_t>(v.value_or(0));
  TOURNEY_TRY_ASSIGN(v, int_in(r, "start", 0, INT64_MAX));
  o.start = static_cast<std::uint64_t>(v.value_or(0));
  TOURNEY_TRY_ASSIGN(v, int_in(r, "ply_cut", 0, 10000));
  o.ply_cut = static_cast<int>(v.value_or(0));
  TOURNEY_TRY(r.reject_unknown());
  return o;
}

expected<time_control> clock_from_json(const json& j, const std::string& path) {
  time_control c;
  auto opened = json_reader::open(j, path);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  json_reader& r = *opened;
  std::optional<milliseconds> ms;
  TOURNEY_TRY_ASSIGN(ms, ms_in(r, "main_ms"));
  c.main = ms.value_or(c.main);
  TOURNEY_TRY_ASSIGN(ms, ms_in(r, "byoyomi_ms"));
  c.byoyomi = ms.value_or(c.byoyomi);
  TOURNEY_TRY_ASSIGN(ms, ms_in(r, "increment_ms"));
  c.increment = ms.value_or(c.increment);
  TOURNEY_TRY_ASSIGN(ms, ms_in(r, "movetime_ms", 1));
  c.movetime = ms;
  TOURNEY_TRY_ASSIGN(ms, ms_in(r, "margin_ms"));
  c.margin = ms.value_or(c.margin);
  TOURNEY_TRY_ASSIGN(ms, ms_in(r, "clockless_move_budget_ms", 1));
  c.clockless_move_budget = ms.value_or(c.clockless_move_budget);
  std::optional<std::int64_t> v;
  TOURNEY_TRY_ASSIGN(v, int_in(r, "nodes", 1, INT64_MAX));
  if (v) {
    c.nodes = static_cast<std::uint64_t>(*v);
  }
  TOURNEY_TRY_ASSIGN(v, int_in(r, "depth", 1, 128));
  if (v) {
    c.depth = static_cast<int>(*v);
  }
  if (c.byoyomi.count() > 0 && c.increment.count() > 0) {
    return fail(path + ": byoyomi_ms and increment_ms are alternatives; set only one");
  }
  TOURNEY_TRY(r.reject_unknown());
  return c;
}

expected<adjudication_spec> adjudication_from_json(const json& j, const std::string& path) {
  adjudication_spec a;
  auto opened = json_reader::open(j, path);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  json_reader& r = *opened;
  std::optional<std::int64_t> v;
  TOURNEY_TRY_ASSIGN(v, int_in(r, "max_plies", 0, 100000));
  a.max_plies = static_cast<int>(v.value_or(a.max_plies));
  std::optional<std::string> s;
  TOURNEY_TRY_ASSIGN(s, r.optional_string("entering_king"));
  if (s) {
    if (*s == "none") {
      a.entering_king = entering_king_rule::none;
    } else if (*s == "24") {
      a.entering_king = entering_king_rule::points_24;
    } else if (*s == "27") {
      a.entering_king = entering_king_rule::points_27;
    } else {
      return fail(fmt::format("{}: must be \"none\", \"24\" or \"27\", got \"{}\"",
                              r.field_path("entering_king"), shown(*s)));
    }
  }
  TOURNEY_TRY_ASSIGN(v, int_in(r, "resign_moves", 0, 1000));
  a.resign_moves = static_cast<int>(v.value_or(0));
  TOURNEY_TRY_ASSIGN(v, int_in(r, "resign_score_cp", 0, 1000000));
  a.resign_score_cp = static_cast<int>(v.value_or(0));
  TOURNEY_TRY_ASSIGN(v, int_in(r, "draw_moves", 0, 1000));
  a.draw_moves = static_cast<int>(v.value_or(0));
  TOURNEY_TRY_ASSIGN(v, int_in(r, "draw_score_cp", 0, 1000000));
  a.draw_score_cp = static_cast<int>(v.value_or(0));
  TOURNEY_TRY_ASSIGN(v, int_in(r, "draw_after_ply", 0, 100000));
  a.draw_after_ply = static_cast<int>(v.value_or(0));
  if ((a.resign_moves > 0) != (a.resign_score_cp > 0)) {
    return fail(path + ": resign_moves and resign_score_cp must be set together");
  }
  if ((a.draw_moves > 0) != (a.draw_score_cp > 0)) {
    return fail(path + ": draw_moves and draw_score_cp must be set together");
  }
  TOURNEY_TRY(r.reject_unknown());
  return a;
}

expected<sprt_spec> sprt_from_json(const json& j, const std::string& path) {
  sprt_spec s;
  auto opened = json_reader::open(j, path);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  json_reader& r = *opened;
  std::optional<double> d;
  TOURNEY_TRY_ASSIGN(d, r.optional_number("elo0"));
  s.elo0 = d.value_or(s.elo0);
  TOURNEY_TRY_ASSIGN(d, r.optional_number("elo1"));
  s.elo1 = d.value_or(s.elo1);
  TOURNEY_TRY_ASSIGN(d, r.optional_number("alpha"));
  s.alpha = d.value_or(s.alpha);
  TOURNEY_TRY_ASSIGN(d, r.optional_number("beta"));
  s.beta = d.value_or(s.beta);
  std::optional<std::string> m;
  TOURNEY_TRY_ASSIGN(m, r.optional_string("model"));
  if (m) {
    if (*m == "normalized") {
      s.model = sprt_model::normalized;
    } else if (*m == "logistic") {
      s.model = sprt_model::logistic;
    } else {
      return fail(fmt::format("{}: must be \"normalized\" or \"logistic\", got \"{}\"",
                              r.field_path("model"), shown(*m)));
    }
  }
  if (!(s.alpha > 0 && s.alpha < 1)) {
    return fail(fmt::format("{}: must be in (0, 1), got {}", r.field_path("alpha"), s.alpha));
  }
  if (!(s.beta > 0 && s.beta < 1)) {
    return fail(fmt::format("{}: must be in (0, 1), got {}", r.field_path("beta"), s.beta));
  }
  if (!(s.elo0 < s.elo1)) {
    return fail(fmt::format("{}: elo0 ({}) must be less than elo1 ({})", path, s.elo0, s.elo1));
  }
  TOURNEY_TRY(r.reject_unknown());
  return s;
}

const char* to_string(format f) {
  return f == format::gauntlet ? "gauntlet" : "round_robin";
}

const char* to_string(entering_king_rule e) {
  switch (e) {
    case entering_king_rule::none:
      return "none";
    case entering_king_rule::points_24:
      return "24";
    case entering_king_rule::points_27:
      return "27";
  }
  return "27";
}

}  // namespace

expected<tournament_spec> spec_from_json(const json& j, std::string_view path_view) {
  std::string path(path_view);
  tournament_spec s;
  auto opened = json_reader::open(j, path);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  json_reader& r = *opened;
  std::optional<std::string> str;
  TOURNEY_TRY_ASSIGN(str, r.optional_string("name"));
  s.name = str.value_or("tournament");
  TOURNEY_TRY_ASSIGN(str, r.optional_string("format"));
  if (str) {
    if (*str == "gauntlet") {
      s.kind = format::gauntlet;
    } else if (*str == "round_robin") {
      s.kind = format::round_robin;
    } else {
      return fail(fmt::format("{}: must be \"gauntlet\" or \"round_robin\", got \"{}\"",
                              r.field_path("format"), shown(*str)));
    }
  }
  const auto* players = r.raw("players");
  if (players == nullptr) {
    return fail(r.field_path("players") + ": missing (a list of at least 2 players is required)");
  }
  if (!players->is_array()) {
    return fail(fmt::format("{}: expected an array, got {}", r.field_path("players"),
                            json_type_name(*players)));
  }
  for (std::size_t i = 0; i < players->size(); ++i) {
    player_spec p;
    TOURNEY_TRY_ASSIGN(p,
                       player_from_json((*players)[i], fmt::format("{}[{}]", r.field_path("players"), i)));
    s.players.push_back(std::move(p));
  }
  std::optional<std::int64_t> v;
  TOURNEY_TRY_ASSIGN(v, int_in(r, "games_per_pairing", 1, 1000000));
  s.games_per_pairing = static_cast<int>(v.value_or(s.games_per_pairing));
  TOURNEY_TRY_ASSIGN(v, int_in(r, "rounds", 1, 1000000));
  s.rounds = static_cast<int>(v.value_or(s.rounds));
  TOURNEY_TRY_ASSIGN(v, int_in(r, "concurrency", 0, 1 << 20));
  s.concurrency = static_cast<int>(v.value_or(0));
  TOURNEY_TRY_ASSIGN(v, int_in(r, "seed", 0, INT64_MAX));
  s.seed = static_cast<std::uint64_t>(v.value_or(0));
  if (const auto* o = r.raw("openings")) {
    TOURNEY_TRY_ASSIGN(s.openings, openings_from_json(*o, r.field_path("openings")));
  }
  if (const auto* c = r.raw("time_control")) {
    TOURNEY_TRY_ASSIGN(s.clock, clock_from_json(*c, r.field_path("time_control")));
  }
  if (const auto* a = r.raw("adjudication")) {
    TOURNEY_TRY_ASSIGN(s.adjudication, adjudication_from_json(*a, r.field_path("adjudication")));
  }
  if (const auto* sp = r.raw("sprt")) {
    sprt_spec x;
    TOURNEY_TRY_ASSIGN(x, sprt_from_json(*sp, r.field_path("sprt")));
    s.sprt = x;
  }
  TOURNEY_TRY(r.reject_unknown());
  return s;
}

json spec_to_json(const tournament_spec& s) {
  json players = json::array();
  for (const auto& p : s.players) {
    json jp{{"name", p.name}};
    // Every kind writes depth, nodes and seed (0 where it has none), as
    // tournament.json always has: saved and remote specs read alike.
    int depth = 0;
    std::uint64_t nodes = 0;
    std::uint64_t seed = 0;
    if (const auto* b = p.as_builtin()) {
      jp["builtin"] = b->kind;
      depth = b->depth;
      nodes = b->nodes;
      seed = b->seed;
    } else if (const auto* u = p.as_usi()) {
      const auto& e = u->engine;
      json prof{{"go_tokens", e.profile.go_tokens},
                {"drop_marker", std::string(1, e.profile.drop_marker)},
                {"startup_timeout_ms", e.profile.startup_timeout.count()},
                {"isready_timeout_ms", e.profile.isready_timeout.count()},
                {"quit_timeout_ms", e.profile.quit_timeout.count()}};
      jp["usi"] = json{{"command", e.command}, {"args", e.args},       {"working_dir", e.working_dir},
                       {"env", e.env},         {"options", e.options}, {"profile", prof}};
      nodes = u->nodes;
    } else if (const auto* h = p.as_host()) {
      jp["host"] = h->registered;
    }
    jp["depth"] = depth;
    jp["nodes"] = nodes;
    jp["seed"] = seed;
    jp["max_concurrent_games"] = p.max_concurrent_games;
    players.push_back(std::move(jp));
  }
  json clock{{"main_ms", s.clock.main.count()},
             {"byoyomi_ms", s.clock.byoyomi.count()},
             {"increment_ms", s.clock.increment.count()},
             {"margin_ms", s.clock.margin.count()},
             {"clockless_move_budget_ms", s.clock.clockless_move_budget.count()}};
  if (s.clock.nodes) {
    clock["nodes"] = *s.clock.nodes;
  }
  if (s.clock.depth) {
    clock["depth"] = *s.clock.depth;
  }
  if (s.clock.movetime) {
    clock["movetime_ms"] = s.clock.movetime->count();
  }
  const auto& a = s.adjudication;
  json adj{{"max_plies", a.max_plies},         {"entering_king", to_string(a.entering_king)},
           {"resign_moves", a.resign_moves},   {"resign_score_cp", a.resign_score_cp},
           {"draw_moves", a.draw_moves},       {"draw_score_cp", a.draw_score_cp},
           {"draw_after_ply", a.draw_after_ply}};
  json out{{"name", s.name},
           {"format", to_string(s.kind)},
           {"players", players},
           {"games_per_pairing", s.games_per_pairing},
           {"rounds", s.rounds},
           {"concurrency", s.concurrency},
           {"seed", s.seed},
           {"openings",
            {{"file", s.openings.file},
             {"order", s.openings.order == opening_order::random ? "random" : "sequential"},
             {"seed", s.openings.seed},
             {"start", s.openings.start},
             {"ply_cut", s.openings.ply_cut}}},
           {"time_control", clock},
           {"adjudication", adj}};
  if (s.sprt) {
    out["sprt"] = {{"elo0", s.sprt->elo0},
                   {"elo1", s.sprt->elo1},
                   {"alpha", s.sprt->alpha},
                   {"beta", s.sprt->beta},
                   {"model", s.sprt->model == sprt_model::normalized ? "normalized" : "logistic"}};
  }
  return out;
}

expected<player_spec> player_spec_from_json(const nlohmann::json& j, const std::string& path) {
  return player_from_json(j, path);
}

}  // namespace tourney::spec
