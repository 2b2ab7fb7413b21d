#pragma once
// A worker node's config file (tourney worker --config FILE): this node's own
// definitions of players, so a coordinator's player of the same name runs
// with this node's engine path and options, plus where to keep engine logs,
// how many games to play at once and its TLS files.
//
//   { "players": [ {"name": "fairy", "usi": {"command": "/opt/fs"}} ],
//     "storage": "worker_logs", "slots": 2,
//     "tls": {"certificate": "node.pem", "key": "node.key", "ca": "ca.pem"},
//     "insecure_plaintext": false, "handshake_timeout_s": 5 }
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tourney/spec/tls_options.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::spec {

struct worker_config {
  std::vector<player_spec> players;
  std::string storage = "tourney_worker";
  int slots = 0;  // 0 = not set (the command line or 1)
  tls_options tls;
  /// Plaintext on a non-loopback address (tourney worker --insecure-plaintext).
  bool insecure_plaintext = false;
  /// Seconds a connecting peer has to finish its handshake.
  double handshake_timeout_s = 5;
};

expected<worker_config> worker_config_from_json(const nlohmann::json& j);

/// Errors name the file and the field path.
expected<worker_config> load_worker_config(const std::string& path);

}  // namespace tourney::spec
