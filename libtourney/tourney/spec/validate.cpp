#include "tourney/spec/validate.hpp"

#include <set>
#include <string>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "tourney/spec/json.hpp"
#include "tourney/spec/json_reader.hpp"
#include "tourney/spec/limits.hpp"
#include "tourney/spec/spec_difference.hpp"
#include "tourney/util/executable.hpp"

namespace tourney::spec {

namespace {

using limits::check_count;
using limits::check_length;

// Each key and value of an env or options object.
expected<void> check_string_map(const std::map<std::string, std::string>& m,
                                const std::string& path, std::size_t max_entries,
                                std::size_t max_value_bytes) {
  TOURNEY_TRY(check_count(m.size(), path, max_entries));
  for (const auto& [key, value] : m) {
    if (key.size() > limits::name_bytes) {
      // The key is not echoed: it may be megabytes.
      return fail(fmt::format("{}: a name of {} bytes, longer than the limit of {} bytes", path,
                              key.size(), limits::name_bytes));
    }
    TOURNEY_TRY(check_length(value, join_path(path, key), max_value_bytes));
  }
  return {};
}

expected<void> validate_player(const player_spec& p, const std::string& path) {
  TOURNEY_TRY(check_player_limits(p, path));
  if (p.name.empty()) {
    return fail(path + ".name: must not be empty");
  }
  if (p.max_concurrent_games < 0) {
    return fail(path + ".max_concurrent_games: must be >= 0");
  }
  if (const auto* b = p.as_builtin()) {
    static const std::set<std::string> known{"random", "heuristic", "alphabeta", "resign"};
    if (known.count(b->kind) == 0) {
      return fail(fmt::format("{}.builtin: unknown built-in player '{}' (known: random, "
                              "heuristic, alphabeta, resign)",
                              path, b->kind));
    }
    if (b->depth < 0) {
      return fail(path + ".depth: must be >= 0");
    }
    if (b->kind == "alphabeta" && b->depth == 0 && b->nodes == 0) {
      return fail(path + ".depth: alphabeta needs a depth or a node limit");
    }
  } else if (const auto* u = p.as_usi()) {
    const auto& e = u->engine;
    if (e.command.empty()) {
      return fail(path + ".usi.command: must not be empty");
    }
    if (!find_executable(e.command)) {
      return fail(fmt::format("{}.usi.command: '{}' is not an executable file (looked in PATH "
                              "and /usr/games)",
                              path, e.command));
    }
    if (e.profile.drop_marker != '*' && e.profile.drop_marker != '@') {
      return fail(path + ".usi.profile.drop_marker: must be '*' or '@'");
    }
    if (e.profile.startup_timeout.count() <= 0 || e.profile.isready_timeout.count() <= 0) {
      return fail(path + ".usi.profile: start-up and isready budgets must be positive");
    }
  } else if (const auto* h = p.as_host()) {
    if (h->registered.empty()) {
      return fail(path + ".host: must not be empty");
    }
  }
  return {};
}

}  // namespace

expected<void> check_player_limits(const player_spec& p, const std::string& path) {
  TOURNEY_TRY(check_length(p.name, path + ".name", limits::name_bytes));
  if (const auto* b = p.as_builtin()) {
    TOURNEY_TRY(check_length(b->kind, path + ".builtin", limits::name_bytes));
  }
  if (const auto* h = p.as_host()) {
    TOURNEY_TRY(check_length(h->registered, path + ".host", limits::name_bytes));
  }
  const auto* usi = p.as_usi();
  if (usi == nullptr) {
    return {};
  }
  const auto& u = usi->engine;
  TOURNEY_TRY(check_length(u.command, path + ".usi.command", limits::string_bytes));
  TOURNEY_TRY(check_count(u.args.size(), path + ".usi.args", limits::args));
  for (std::size_t i = 0; i < u.args.size(); ++i) {
    TOURNEY_TRY(
        check_length(u.args[i], fmt::format("{}.usi.args[{}]", path, i), limits::string_bytes));
  }
  TOURNEY_TRY(check_length(u.working_dir, path + ".usi.working_dir", limits::string_bytes));
  TOURNEY_TRY(
      check_string_map(u.env, path + ".usi.env", limits::env_entries, limits::env_value_bytes));
  TOURNEY_TRY(
      check_string_map(u.options, path + ".usi.options", limits::options, limits::string_bytes));
  TOURNEY_TRY(
      check_count(u.profile.go_tokens.size(), path + ".usi.profile.go_tokens", limits::go_tokens));
  return {};
}

expected<void> validate(const tournament_spec& spec) {
  // Limits first: a later message may quote a value.
  TOURNEY_TRY(check_length(spec.name, "name", limits::name_bytes));
  TOURNEY_TRY(check_count(spec.players.size(), "players", limits::players));
  TOURNEY_TRY(check_length(spec.openings.file, "openings.file", limits::string_bytes));
  if (spec.players.size() < 2) {
    return fail(fmt::format("players: a tournament needs at least 2 players, got {}",
                            spec.players.size()));
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < spec.players.size(); ++i) {
    auto path = fmt::format("players[{}]", i);
    if (auto ok = validate_player(spec.players[i], path); !ok) {
      return ok;
    }
    if (!names.insert(spec.players[i].name).second) {
      return fail(fmt::format("{}.name: duplicate player name '{}'", path, spec.players[i].name));
    }
  }
  if (spec.games_per_pairing < 1) {
    return fail(fmt::format("games_per_pairing: must be >= 1, got {}", spec.games_per_pairing));
  }
  if (spec.rounds < 1) {
    return fail(fmt::format("rounds: must be >= 1, got {}", spec.rounds));
  }
  if (spec.concurrency < 0) {
    return fail("concurrency: must be >= 0");
  }
  const auto& c = spec.clock;
  if (c.main.count() < 0 || c.byoyomi.count() < 0 || c.increment.count() < 0 ||
      c.margin.count() < 0) {
    return fail("time_control: times must not be negative");
  }
  if (c.byoyomi.count() > 0 && c.increment.count() > 0) {
    return fail("time_control: byoyomi and increment are alternatives; set only one");
  }
  if (c.nodes && *c.nodes == 0) {
    return fail("time_control.nodes: must be > 0");
  }
  if (c.depth && *c.depth <= 0) {
    return fail("time_control.depth: must be > 0");
  }
  if (c.movetime && c.movetime->count() <= 0) {
    return fail("time_control.movetime: must be > 0");
  }
  if (c.clockless_move_budget.count() <= 0) {
    return fail("time_control.clockless_move_budget: must be > 0");
  }
  const auto& a = spec.adjudication;
  if (a.max_plies < 0 || a.resign_moves < 0 || a.draw_moves < 0 || a.resign_score_cp < 0 ||
      a.draw_score_cp < 0 || a.draw_after_ply < 0) {
    return fail("adjudication: values must not be negative");
  }
  if (spec.openings.ply_cut < 0) {
    return fail("openings.ply_cut: must not be negative");
  }
  if (spec.sprt) {
    const auto& s = *spec.sprt;
    if (spec.players.size() != 2) {
      return fail("sprt: an SPRT test needs exactly 2 players");
    }
    if (!(s.alpha > 0 && s.alpha < 1) || !(s.beta > 0 && s.beta < 1)) {
      return fail("sprt: alpha and beta must be in (0, 1)");
    }
    if (!(s.elo0 < s.elo1)) {
      return fail("sprt: elo0 must be less than elo1");
    }
  }
  // The spec is saved (tournament.json, a worker's order) and played again
  // from there: refuse one whose saved form would describe other games.
  // Through text as tournament.json holds it (invalid UTF-8 is replaced there).
  const auto text = spec_to_json(spec).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  auto saved = spec_from_json(nlohmann::json::parse(text), "spec");
  if (!saved) {
    return fail("the spec cannot be saved and read back: " + saved.error().message);
  }
  if (auto field = first_difference(spec, *saved)) {
    return fail(fmt::format("{}: changes when the spec is saved to tournament.json (text that is not UTF-8, "
                            "or a value a config cannot hold), so resumed or remote games would "
                            "differ",
                            *field));
  }
  return {};
}

}  // namespace tourney::spec
