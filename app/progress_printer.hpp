#pragma once
// How `tourney run` shows progress: a live line on a terminal, one JSON
// object per event otherwise (or with --progress json), or nothing.
#include <cstdio>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tourney/runtime.hpp"

namespace tourney::app {

enum class progress_style { line, json, none };

/// The snapshot as the JSON event `--progress json` prints.
nlohmann::json event_to_json(const tournament_event& event);

/// "12/40 games  agent +5 -4 =3  Elo +35 ±80  3.1 games/s  ETA 0:09"
std::string progress_line(const progress_snapshot& s);

/// Writes `text` and flushes; false when the output is gone (a closed pipe:
/// `tourney run | head -1`), never an exception or a signal.
bool write_out(std::FILE* out, std::string_view text);

class progress_printer {
 public:
  progress_printer(progress_style style, std::FILE* out);
  /// False once the output is gone; the printer prints nothing after that.
  [[nodiscard]] bool show(const tournament_event& event);
  /// Ends a live line so that later output starts on a fresh line.
  void finish();
  [[nodiscard]] bool output_gone() const { return gone_; }

 private:
  bool put(std::string_view text);
  progress_style style_;
  std::FILE* out_;
  bool line_open_ = false;
  bool gone_ = false;
};

}  // namespace tourney::app
