#pragma once
// One tournament's policy as a pure state machine: no I/O, no threads, no
// clock of its own (`now` comes with the events that need it). The owner (the
// tournament actor) feeds it events (a slot granted, a game done, a worker
// lost, a journal line durable, pause, cancel, a fault) and carries out the
// commands it returns, in order: ask the supervisor for a slot or give one
// back, start or stop a game, append a game to the journal, emit a progress
// event, write the final tournament.json, quit.
//
// What it decides: which game asks for a slot next (the schedule order, less
// games a player at its max_concurrent_games cannot take); how many games are
// requested or in flight (spec.concurrency, else the slots anywhere); a game
// counts once its journal line is durable; a remote game whose worker could
// not finish it is played elsewhere, up to settings' remote_attempts, then is
// an error game; an SPRT verdict stops dispatching; pause withdraws the
// requests (games in flight finish); cancel and failure also stop the games
// in flight; the final report is written once, when nothing is in flight and
// no append is pending, and then the one terminal event follows.
//
// Driving it from an actor:
//   start(now) once, then each message -> the matching on_...() / control call;
//   start_game          -> build and spawn the game, then on_game_started(index),
//                          or on_game_not_started(index, why) if it cannot be made;
//   start_remote_game   -> send it to the site's worker; its answer ->
//                          on_remote_report(index, attempt, ...), a failed request
//                          -> on_remote_failed(index, attempt, why, now);
//   append_game         -> the journal; its answer -> on_appended(token, error, now);
//   open_folder         -> the folder; its answer -> on_folder_opened(error, now);
//   write_final_report  -> tournament.json; its answer -> on_final_report_written;
//   stop_game / forget_game: stop the game's actor, or just drop its handle.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "tourney/record/game_record.hpp"
#include "tourney/runtime/dispatch_queue.hpp"
#include "tourney/runtime/event_queue.hpp"
#include "tourney/runtime/finished_game.hpp"
#include "tourney/runtime/progress.hpp"
#include "tourney/runtime/status.hpp"
#include "tourney/schedule/schedule.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::results {
class results_tally;  // nlohmann/json stays out of this header
}

namespace tourney::rt {

// ---- Commands ------------------------------------------------------------

/// Ask the supervisor for a game slot for game `index`; `keys` are the
/// shared players it uses whose concurrency is limited across tournaments;
/// a light game needs no core (slot_pool.hpp).
struct request_slot {
  std::uint64_t index = 0;
  std::vector<std::string> keys;
  bool light = false;
};
/// Drop every slot request of this tournament at the supervisor.
struct withdraw_requests {};
/// Give back the slot of game `index`.
struct release_slot {
  std::uint64_t index = 0;
};
/// A worker node did not finish a game: the supervisor may quarantine it.
struct suspect_site {
  std::string site;
};
/// Play game `index` here; answer with on_game_started or on_game_not_started.
struct start_game {
  std::uint64_t index = 0;
  std::string game_id;
  schedule::game_assignment assignment;
};
/// Play game `index` on the worker node `site` (this is attempt `attempt`).
struct start_remote_game {
  std::uint64_t index = 0;
  std::string site;
  std::string game_id;
  schedule::game_assignment assignment;
  int attempt = 0;
};
/// End a game in flight at once (cancel, failure); its handle goes too.
struct stop_game {
  std::uint64_t index = 0;
  std::string site;  // "" = a local game
  std::string game_id;
};
/// A game that ended by itself (or was given up): drop its handle.
struct forget_game {
  std::uint64_t index = 0;
};
/// Create (or reopen, on resume) the folder, with the running checkpoint.
struct open_folder {
  std::string checkpoint_json;
};
/// Start the tournament's USI engines (the folder exists: they log into it).
struct start_engines {};
/// Append a finished game's line to games.jsonl; answer with on_appended(token).
struct append_game {
  std::uint64_t token = 0;
  std::string line;
  std::shared_ptr<const record::game_record> record;  // for the game files
};
struct emit_event {
  event_kind kind = event_kind::progress;
  progress_snapshot snapshot;
};
/// Write the final tournament.json; answer with on_final_report_written.
struct write_final_report {
  std::string json;
  bool completed = false;
};
/// Nothing follows: the owner ends.
struct quit {};

using tournament_command =
    std::variant<request_slot, withdraw_requests, release_slot, suspect_site, start_game,
                 start_remote_game, stop_game, forget_game, open_folder, start_engines,
                 append_game, emit_event, write_final_report, quit>;
using tournament_commands = std::vector<tournament_command>;

/// What one player's moves cost this process: a core while it thinks (a USI
/// engine, a searching or per-position host policy), next to nothing (a
/// built-in that decides in microseconds), or a share of a batched policy's
/// call (its own thread, not a core per game). A game of batched and instant
/// players only is light: it takes no game slot, and the batched policy's
/// max_games bounds how many run.
enum class move_cost : std::uint8_t { core, instant, batched };

/// What a tournament is given when it starts.
struct tournament_setup {
  std::string id;
  std::string name;
  std::string folder;
  int priority = 0;
  std::shared_ptr<const spec::tournament_spec> spec;
  /// Per player: the key of its concurrency limit shared across tournaments
  /// (a host policy's), or "".
  std::vector<std::string> shared_keys;
  /// Per player: what its moves cost (empty: every player costs a core).
  std::vector<move_cost> costs;
  /// Light games in flight at once at most (the batched policies' max_games).
  std::size_t light_slots = 0;
  /// Game slots anywhere (here and on workers) when it starts.
  std::size_t slots = 1;
  /// Times a game is sent to a worker before it counts as an error game.
  int remote_attempts = 5;
  /// Resume: the games already in the journal (counted, never played again).
  std::shared_ptr<const std::vector<finished_game>> finished;
};

/// A worker's answer to a remote game: its games.jsonl line, or why none;
/// `fault`: the game counts but the tournament fails (an engine that cannot start).
struct remote_answer {
  std::string error;
  std::string line;
  std::string fault;
};

class tournament_core {
 public:
  /// The one state of a tournament; the life-cycle status follows from it
  /// (cancelling, failing and finishing keep the status they came from
  /// until the final report is written).
  enum class stage : std::uint8_t {
    created,     // start() not called yet
    running,     // dispatching
    paused,      // not dispatching; games in flight finish
    cancelling,  // games in flight stopped; waiting for pending appends
    failing,     // the same, ending FAILED
    finishing,   // the final tournament.json is being written
    ended,       // the terminal event was emitted
  };

  /// `plan` is the schedule of `setup.spec` (the supervisor made the same).
  tournament_core(tournament_setup setup, schedule::schedule plan);
  tournament_core(tournament_core&&) noexcept;
  tournament_core& operator=(tournament_core&&) noexcept;
  ~tournament_core();

  // ---- Life cycle ----------------------------------------------------------

  /// RUNNING: the status event, the folder, the first slot requests.
  tournament_commands start(wall_clock::time_point now);
  /// The folder exists (error ""), or why not (the tournament fails).
  tournament_commands on_folder_opened(const std::string& error, wall_clock::time_point now);
  /// Control calls: an error (and no change) when the tournament cannot.
  expected<tournament_commands> pause(wall_clock::time_point now);
  expected<tournament_commands> resume(wall_clock::time_point now);
  expected<tournament_commands> cancel(wall_clock::time_point now);
  /// Fails the tournament (an engine that cannot start, no slot for the
  /// slot-wait limit); ignored once it is failing or finishing.
  tournament_commands on_fault(const std::string& reason, wall_clock::time_point now);

  // ---- Game slots ------------------------------------------------------------

  /// A slot for game `index`, here (site "") or on the worker `site`.
  tournament_commands on_grant(std::uint64_t index, const std::string& site);
  /// The number of slots anywhere changed.
  tournament_commands on_capacity(std::size_t slots);
  /// Why games wait for a slot ("" = they do not).
  tournament_commands on_waiting(std::string reason, wall_clock::time_point now);

  // ---- Local games -----------------------------------------------------------

  tournament_commands on_game_started(std::uint64_t index);
  /// start_game could not make the game: it counts as an error game.
  tournament_commands on_game_not_started(std::uint64_t index, const std::string& why);
  tournament_commands on_game_done(finished_game g);
  /// The game's actor ended; `failure` = its reason if it crashed.
  tournament_commands on_game_exited(std::uint64_t index, const std::optional<std::string>& failure);

  // ---- Remote games ----------------------------------------------------------

  /// A stale attempt's answer (the game was replayed or stopped) is ignored.
  tournament_commands on_remote_report(std::uint64_t index, int attempt, const remote_answer& answer,
                                       wall_clock::time_point now);
  tournament_commands on_remote_failed(std::uint64_t index, int attempt, const std::string& why,
                                       wall_clock::time_point now);
  /// The supervisor lost the worker `site` (and took its slot back).
  tournament_commands on_site_lost(std::uint64_t index, const std::string& site, const std::string& why,
                                   wall_clock::time_point now);

  // ---- Batched policies --------------------------------------------------------

  /// A batched policy's call held `mine` of this tournament's positions among
  /// `batch` (progress and tournament.json report it per policy).
  void on_policy_call(const std::string& policy, std::uint64_t mine, std::uint64_t batch, double seconds) {
    tracker_.policy_call(policy, mine, batch, seconds);
  }

  // ---- Journal -----------------------------------------------------------------

  /// The append `token` is durable (error "") or failed (the tournament fails).
  tournament_commands on_appended(std::uint64_t token, const std::string& error, wall_clock::time_point now);
  /// The final tournament.json is written (error "") or not (then FAILED).
  tournament_commands on_final_report_written(const std::string& error, wall_clock::time_point now);

  // ---- Queries -----------------------------------------------------------------

  stage current_stage() const {
    return stage_;
  }
  tournament_status status() const {
    return tracker_.status();
  }
  progress_snapshot snapshot(wall_clock::time_point now) const;
  const std::vector<std::string>& errors() const {
    return errors_;
  }
  /// Games reserved or in flight per player (their concurrency limits).
  const std::vector<int>& load() const {
    return load_;
  }
  std::size_t requested() const {
    return requested_.size();
  }
  std::size_t in_flight() const {
    return running_.size();
  }
  std::size_t pending_appends() const {
    return appending_.size();
  }
  const schedule::schedule& plan() const {
    return plan_;
  }
  const tournament_setup& setup() const {
    return setup_;
  }

 private:
  struct running_game {
    std::string site;  // "" = here
    std::string game_id;
    int attempt = 0;  // remote games: a late answer to an earlier attempt is ignored
  };

  schedule::index_set count_resumed();
  bool dispatching() const {
    return stage_ == stage::running;
  }
  bool ending() const {
    return stage_ == stage::finishing || stage_ == stage::ended;
  }
  void move_to(stage next);
  bool eligible(std::uint64_t index) const;
  bool light(std::uint64_t index) const;
  std::size_t open_games(bool light_ones) const;
  void reserve(std::uint64_t index, int delta);
  void request_more(tournament_commands& out);
  /// Stage and status running, and the status event that says so.
  void enter_running(tournament_commands& out, wall_clock::time_point now);
  void withdraw(tournament_commands& out);
  void check_verdict(tournament_commands& out);
  void count_game(tournament_commands& out, finished_game g);
  void replay_elsewhere(tournament_commands& out, std::uint64_t index, const std::string& why, bool slot_held,
                        wall_clock::time_point now);
  void stop_games(tournament_commands& out);
  void fail(tournament_commands& out, const std::string& reason);
  void maybe_finish(tournament_commands& out, wall_clock::time_point now);
  void finish(tournament_commands& out, tournament_status final_status, wall_clock::time_point now);
  void emit(tournament_commands& out, event_kind kind, wall_clock::time_point now) const;
  expected<void> refuse(tournament_status to) const;
  std::string game_id(std::uint64_t index) const;
  finished_game error_game(std::uint64_t index) const;
  std::string tournament_json_text(wall_clock::time_point now, bool final_report) const;

  tournament_setup setup_;
  schedule::schedule plan_;
  std::unique_ptr<results::results_tally> tally_;  // statistics (Elo, SPRT, pairs); may be none
  progress_tracker tracker_;
  std::vector<int> limit_;  // per player, 0 = none
  std::vector<int> load_;   // games reserved or in flight per player
  dispatch_queue queue_;    // plan order, lazily; cleared by an SPRT verdict
  stage stage_ = stage::created;
  bool needs_engines_ = false;
  std::size_t slots_;
  std::set<std::uint64_t> requested_;  // waiting for a slot
  std::map<std::uint64_t, running_game> running_;
  std::map<std::uint64_t, int> remote_attempts_;   // games sent to workers so far, by index
  std::map<std::uint64_t, finished_game> appending_;  // by token, until durable
  std::uint64_t next_token_ = 1;
  std::vector<std::string> errors_;
};

}  // namespace tourney::rt
