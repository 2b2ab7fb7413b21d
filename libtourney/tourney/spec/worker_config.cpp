#include "tourney/spec/worker_config.hpp"

#include "tourney/spec/tls_json.hpp"

#include <set>

#include <fmt/format.h>

#include "tourney/spec/json.hpp"
#include "tourney/spec/json_reader.hpp"
#include "tourney/spec/limits.hpp"
#include "tourney/spec/validate.hpp"
#include "tourney/util/json_file.hpp"

namespace tourney::spec {

expected<worker_config> worker_config_from_json(const nlohmann::json& j) {
  auto opened = json_reader::open(j, "");
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  json_reader& r = *opened;
  worker_config c;
  if (const auto* players = r.raw("players")) {
    if (!players->is_array()) {
      return fail("players: expected an array of player objects, got " + json_type_name(*players));
    }
    TOURNEY_TRY(limits::check_count(players->size(), "players", limits::players));
    std::set<std::string> names;
    for (std::size_t i = 0; i < players->size(); ++i) {
      player_spec p;
      TOURNEY_TRY_ASSIGN(p, player_spec_from_json((*players)[i], fmt::format("players[{}]", i)));
      TOURNEY_TRY(check_player_limits(p, fmt::format("players[{}]", i)));
      if (!names.insert(p.name).second) {
        return fail(fmt::format("players[{}]: the name '{}' is used twice", i, p.name));
      }
      c.players.push_back(std::move(p));
    }
  }
  std::optional<std::string> s;
  TOURNEY_TRY_ASSIGN(s, r.optional_nonempty_string("storage"));
  if (s) {
    TOURNEY_TRY(limits::check_length(*s, "storage", limits::string_bytes));
    c.storage = *s;
  }
  std::optional<std::int64_t> v;
  TOURNEY_TRY_ASSIGN(v, r.optional_int("slots"));
  if (v) {
    if (*v < 1 || *v > 4096) {
      return fail(fmt::format("slots: must be between 1 and 4096, got {}", *v));
    }
    c.slots = static_cast<int>(*v);
  }
  if (const auto* t = r.raw("tls")) {
    TOURNEY_TRY_ASSIGN(c.tls, tls_from_json(*t, "tls"));
  }
  std::optional<bool> plain;
  TOURNEY_TRY_ASSIGN(plain, r.optional_bool("insecure_plaintext"));
  c.insecure_plaintext = plain.value_or(false);
  std::optional<double> timeout;
  TOURNEY_TRY_ASSIGN(timeout, r.optional_number("handshake_timeout_s"));
  if (timeout) {
    if (!(*timeout >= 0.1 && *timeout <= 3600)) {
      return fail(fmt::format("handshake_timeout_s: must be between 0.1 and 3600 seconds, got {}", *timeout));
    }
    c.handshake_timeout_s = *timeout;
  }
  TOURNEY_TRY(r.reject_unknown());
  return c;
}

expected<worker_config> load_worker_config(const std::string& path) {
  auto j = read_json_file(path, limits::config_file_bytes, "a config file");
  if (!j) {
    return tl::unexpected(j.error());
  }
  auto c = worker_config_from_json(*j);
  if (!c) {
    return fail(fmt::format("{}: {}", path, c.error().message));
  }
  return c;
}

}  // namespace tourney::spec
