// Runtime(...) keyword options and configs given from Python, checked with
// errors that name the option or the config's field path.
#include "options.hpp"

#include <pybind11/stl.h>

#include <chrono>
#include <string>
#include <vector>

#include "common.hpp"
#include "tourney/spec/config.hpp"
#include "tourney/util/json_file.hpp"

namespace tourney::python {

namespace {

const char* const runtime_option_names[] = {"storage_dir",       "game_slots",
                                            "max_concurrent_tournaments", "history_limit",
                                            "scheduler_threads", "keep_tournaments",
                                            "keep_days",         "policy_call_grace_s",
                                            "slot_wait_limit_s", "workers",
                                            "local_games",       "tls_certificate",
                                            "tls_key",           "tls_ca",
                                            "live_report",       "live_report_every_games",
                                            "live_report_interval_s", "game_record_files"};

std::size_t count_option(const py::handle& v, const char* name, std::size_t minimum) {
  if (py::isinstance<py::bool_>(v) || !py::isinstance<py::int_>(v)) {
    throw py::type_error(std::string(name) + ": expected an int");
  }
  const auto x = v.cast<long long>();
  if (x < static_cast<long long>(minimum)) {
    throw py::value_error(std::string(name) + ": must be >= " + std::to_string(minimum) + ", got " + std::to_string(x));
  }
  return static_cast<std::size_t>(x);
}

bool bool_option(const py::handle& v, const char* name) {
  if (!py::isinstance<py::bool_>(v)) {
    throw py::type_error(std::string(name) + ": expected a bool, got " + py::repr(v).cast<std::string>());
  }
  return v.cast<bool>();
}

std::chrono::milliseconds seconds_option(const py::handle& v, const char* name, bool allow_zero) {
  if (py::isinstance<py::bool_>(v) || !(py::isinstance<py::int_>(v) || py::isinstance<py::float_>(v))) {
    throw py::type_error(std::string(name) + ": expected a number of seconds");
  }
  const auto s = v.cast<double>();
  if (!(s > 0 || (allow_zero && s == 0)) || s > 7 * 24 * 3600.0) {
    throw py::value_error(std::string(name) + ": must be " + (allow_zero ? ">= 0" : "> 0") +
                          " and at most a week, got " + py::repr(v).cast<std::string>());
  }
  return std::chrono::milliseconds(static_cast<long long>(s * 1000.0 + 0.5));
}

}  // namespace

std::string fspath(py::handle h) {
  return py::module_::import("os").attr("fspath")(h).cast<std::string>();
}

runtime_options options_from(const py::kwargs& kw) {
  runtime_options o;
  for (auto item : kw) {
    const auto key = item.first.cast<std::string>();
    const py::handle v = item.second;
    if (key == "storage_dir") {
      o.storage_dir = fspath(v);
    } else if (key == "game_slots") {
      o.game_slots = count_option(v, "game_slots", 0);
    } else if (key == "max_concurrent_tournaments") {
      o.max_concurrent_tournaments = count_option(v, "max_concurrent_tournaments", 1);
    } else if (key == "history_limit") {
      o.history_limit = count_option(v, "history_limit", 1);
    } else if (key == "scheduler_threads") {
      o.scheduler_threads = count_option(v, "scheduler_threads", 0);
    } else if (key == "keep_tournaments") {
      o.keep_tournaments = count_option(v, "keep_tournaments", 0);
    } else if (key == "keep_days") {
      o.keep_days = static_cast<int>(count_option(v, "keep_days", 0));
    } else if (key == "policy_call_grace_s") {
      o.policy_call_grace = seconds_option(v, "policy_call_grace_s", true);
    } else if (key == "slot_wait_limit_s") {
      o.slot_wait_limit = seconds_option(v, "slot_wait_limit_s", false);
    } else if (key == "workers") {
      o.workers = v.cast<std::vector<std::string>>();
    } else if (key == "local_games") {
      o.local_games = bool_option(v, "local_games");
    } else if (key == "tls_certificate") {
      o.tls.certificate = fspath(v);
    } else if (key == "tls_key") {
      o.tls.key = fspath(v);
    } else if (key == "tls_ca") {
      o.tls.ca = fspath(v);
    } else if (key == "live_report") {
      o.live_report.enabled = bool_option(v, "live_report");
    } else if (key == "live_report_every_games") {
      o.live_report.every_games = count_option(v, "live_report_every_games", 1);
    } else if (key == "live_report_interval_s") {
      o.live_report.min_interval = seconds_option(v, "live_report_interval_s", true);
    } else if (key == "game_record_files") {
      o.game_record_files = bool_option(v, "game_record_files");
    } else {
      std::string known;
      for (const char* n : runtime_option_names) {
        known += known.empty() ? n : std::string(", ") + n;
      }
      throw py::type_error("Runtime: unknown option '" + key + "' (options: " + known + ")");
    }
  }
  return o;
}

/// A config given as a dict, a JSON string or a path, read as `tourney
/// validate` reads a file; errors raise ConfigError naming the field path.
spec::run_config config_from(py::handle config) {
  auto read_text = [](const std::string& text) {
    auto j = parse_json_text(text, "config");
    if (!j) {
      raise(exceptions().config_error, j.error().message);
    }
    auto c = spec::config_from_json(*j);
    if (!c) {
      raise(exceptions().config_error, c.error().message);
    }
    return std::move(*c);
  };
  auto read_file = [](const std::string& path) {
    spec::run_config c;
    expected<spec::run_config> loaded;
    {
      py::gil_scoped_release nogil;
      loaded = spec::load_config(path);
    }
    if (!loaded) {
      raise(exceptions().config_error, loaded.error().message);
    }
    return std::move(*loaded);
  };
  auto mapping = py::module_::import("collections.abc").attr("Mapping");
  if (py::isinstance(config, mapping)) {
    std::string text;
    try {
      text = py::module_::import("json").attr("dumps")(config).cast<std::string>();
    } catch (py::error_already_set& e) {
      raise(exceptions().config_error, "config: not JSON: " + describe(e).last_line);
    }
    return read_text(text);
  }
  if (py::isinstance<py::str>(config)) {
    auto text = config.cast<std::string>();
    auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos &&
        (text[first] == '{' || text.compare(first, 2, "//") == 0 || text.compare(first, 2, "/*") == 0)) {
      return read_text(text);  // a JSON object (comments allowed)
    }
    return read_file(text);
  }
  if (py::hasattr(config, "__fspath__")) {
    return read_file(fspath(config));
  }
  throw py::type_error("config: expected a dict, a JSON string or a path, got " +
                       py::str(config.get_type().attr("__name__")).cast<std::string>());
}

}  // namespace tourney::python
