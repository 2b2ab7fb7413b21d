#include "tourney/spec/tls_json.hpp"
#include "tourney/spec/tls_options.hpp"

#include <fstream>

#include "tourney/spec/json_reader.hpp"
#include "tourney/spec/limits.hpp"

namespace tourney::spec {

expected<tls_options> tls_from_json(const nlohmann::json& j, const std::string& path) {
  auto opened = json_reader::open(j, path);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  json_reader& r = *opened;
  tls_options t;
  TOURNEY_TRY_ASSIGN(t.certificate, r.required_string("certificate"));
  TOURNEY_TRY_ASSIGN(t.key, r.required_string("key"));
  TOURNEY_TRY_ASSIGN(t.ca, r.required_string("ca"));
  TOURNEY_TRY(
      limits::check_length(t.certificate, r.field_path("certificate"), limits::string_bytes));
  TOURNEY_TRY(limits::check_length(t.key, r.field_path("key"), limits::string_bytes));
  TOURNEY_TRY(limits::check_length(t.ca, r.field_path("ca"), limits::string_bytes));
  TOURNEY_TRY(r.reject_unknown());
  return t;
}

expected<void> check_tls(const tls_options& tls) {
  if (!tls.enabled()) {
    return {};
  }
  const std::pair<const char*, const std::string*> files[] = {
      {"certificate", &tls.certificate}, {"key", &tls.key}, {"ca", &tls.ca}};
  for (const auto& [what, path] : files) {
    if (path->empty()) {
      return fail(std::string("tls: '") + what + "' is missing (certificate, key and ca go together)");
    }
    std::ifstream in(*path);
    if (!in) {
      return fail(std::string("tls: ") + what + " file '" + *path + "' cannot be read");
    }
  }
  return {};
}

}  // namespace tourney::spec
