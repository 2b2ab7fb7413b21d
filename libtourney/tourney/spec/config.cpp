#include "tourney/spec/config.hpp"

#include "tourney/spec/tls_json.hpp"

#include <fmt/format.h>

#include "tourney/spec/host_port.hpp"
#include "tourney/spec/json.hpp"
#include "tourney/spec/json_reader.hpp"
#include "tourney/spec/limits.hpp"
#include "tourney/spec/validate.hpp"
#include "tourney/util/json_file.hpp"

namespace tourney::spec {

namespace {

const char* const run_keys[] = {"storage", "slots",     "history_limit",    "progress",         "workers",
                                "tls",     "keep_tournaments", "keep_days", "slot_wait_limit_s"};

}  // namespace

expected<run_config> config_from_json(const nlohmann::json& j) {
  auto opened = json_reader::open(j, "");
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  json_reader& r = *opened;
  run_config c;
  std::optional<std::string> s;
  TOURNEY_TRY_ASSIGN(s, r.optional_nonempty_string("storage"));
  if (s) {
    TOURNEY_TRY(limits::check_length(*s, "storage", limits::string_bytes));
    c.storage = *s;
  }
  std::optional<std::int64_t> v;
  TOURNEY_TRY_ASSIGN(v, r.optional_int("slots"));
  if (v) {
    if (*v < 0 || *v > 4096) {
      return fail(fmt::format("slots: must be between 0 (workers only) and 4096, got {}", *v));
    }
    c.slots = static_cast<int>(*v);
    c.local_games = *v > 0;
  }
  TOURNEY_TRY_ASSIGN(v, r.optional_int("history_limit"));
  if (v) {
    if (*v < 1 || *v > 1000000) {
      return fail(fmt::format("history_limit: must be between 1 and 1000000, got {}", *v));
    }
    c.history_limit = static_cast<int>(*v);
  }
  // History retention on disk (durable): tournament folders kept.
  TOURNEY_TRY_ASSIGN(v, r.optional_int("keep_tournaments"));
  if (v) {
    if (*v < 0 || *v > 1000000) {
      return fail(fmt::format("keep_tournaments: must be between 0 (keep all) and 1000000, got {}", *v));
    }
    c.keep_tournaments = static_cast<int>(*v);
  }
  TOURNEY_TRY_ASSIGN(v, r.optional_int("keep_days"));
  if (v) {
    if (*v < 0 || *v > 36500) {
      return fail(fmt::format("keep_days: must be between 0 (no age limit) and 36500, got {}", *v));
    }
    c.keep_days = static_cast<int>(*v);
  }
  TOURNEY_TRY_ASSIGN(s, r.optional_string("progress"));
  if (s) {
    if (*s == "auto") {
      c.progress = progress_mode::automatic;
    } else if (*s == "text") {
      c.progress = progress_mode::text;
    } else if (*s == "json") {
      c.progress = progress_mode::json;
    } else if (*s == "none") {
      c.progress = progress_mode::none;
    } else {
      return fail(fmt::format(
          "progress: must be \"auto\", \"text\", \"json\" or \"none\", got \"{}\"", shown(*s)));
    }
  }
  if (const auto* w = r.raw("workers")) {
    if (!w->is_array()) {
      return fail(fmt::format("workers: expected an array of \"HOST:PORT\" strings, got {}",
                              json_type_name(*w)));
    }
    TOURNEY_TRY(limits::check_count(w->size(), "workers", limits::workers));
    for (std::size_t i = 0; i < w->size(); ++i) {
      const auto& x = (*w)[i];
      if (!x.is_string()) {
        return fail(fmt::format("workers[{}]: expected \"HOST:PORT\"", i));
      }
      TOURNEY_TRY(limits::check_length(x.get_ref<const std::string&>(),
                                       fmt::format("workers[{}]", i), limits::string_bytes));
      if (auto ok = parse_host_port(x.get<std::string>()); !ok) {
        return fail(fmt::format("workers[{}]: {}", i, ok.error().message));
      }
      c.workers.push_back(x.get<std::string>());
    }
  }
  if (!c.local_games && c.workers.empty()) {
    return fail("slots: 0 (no local games) needs at least one entry in workers");
  }
  if (const auto* t = r.raw("tls")) {
    TOURNEY_TRY_ASSIGN(c.tls, tls_from_json(*t, "tls"));
  }
  std::optional<double> d;
  TOURNEY_TRY_ASSIGN(d, r.optional_number("slot_wait_limit_s"));
  if (d) {
    if (!(*d > 0 && *d <= 7 * 24 * 3600)) {
      return fail(fmt::format("slot_wait_limit_s: must be between 0 and 604800 seconds, got {}", *d));
    }
    c.slot_wait_limit_s = *d;
  }
  // Everything else is the tournament spec, checked key by key there.
  nlohmann::json rest = j;
  for (const char* key : run_keys) {
    rest.erase(key);
  }
  TOURNEY_TRY_ASSIGN(c.tournament, spec_from_json(rest, ""));
  TOURNEY_TRY(validate(c.tournament));
  return c;
}

expected<run_config> load_config(const std::string& path) {
  auto j = read_json_file(path, limits::config_file_bytes, "a config file");
  if (!j) {
    return tl::unexpected(j.error());
  }
  auto c = config_from_json(*j);
  if (!c) {
    return fail(fmt::format("{}: {}", path, c.error().message));
  }
  c->origin = path;
  return c;
}

}  // namespace tourney::spec
