#pragma once
// The "tls" object of run and worker configs.
#include <string>

#include <nlohmann/json.hpp>

#include "tourney/spec/tls_options.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::spec {

/// Reads {"certificate": "...", "key": "...", "ca": "..."}; errors name `path`.
expected<tls_options> tls_from_json(const nlohmann::json& j, const std::string& path);

}  // namespace tourney::spec
