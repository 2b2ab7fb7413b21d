#pragma once
// The app's config file: a tournament spec plus where and how to run it.
// Every key is checked: unknown keys, wrong types, missing fields and
// impossible values are errors naming the field path.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tourney/spec/tls_options.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::spec {

enum class progress_mode { automatic, text, json, none };

struct run_config {
  tournament_spec tournament;
  std::string storage = "tournament_results";
  int slots = 0;            // game slots on this node; 0 = hardware threads
  int history_limit = 100;  // finished tournaments kept in memory (summaries)
  int keep_tournaments = 0;  // tournament folders kept on disk (0 = all)
  int keep_days = 0;         // tournament folders older than this removed (0 = never)
  progress_mode progress = progress_mode::automatic;
  std::vector<std::string> workers;  // remote worker nodes, HOST:PORT
  bool local_games = true;           // slots: 0 = every game on the workers
  tls_options tls;                   // mutual TLS with the workers
  double slot_wait_limit_s = 300;    // no slot anywhere: wait this long, then fail
  std::string origin;                // the file it came from (for messages)
};

/// Reads a config object: the run keys (storage, slots, history_limit,
/// progress, workers) and the tournament spec keys side by side.
expected<run_config> config_from_json(const nlohmann::json& j);

/// Reads, parses and validates a config file (JSON with comments allowed);
/// errors name the file and the field path, or line and column for syntax.
expected<run_config> load_config(const std::string& path);

}  // namespace tourney::spec
