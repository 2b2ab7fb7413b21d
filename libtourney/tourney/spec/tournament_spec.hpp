#pragma once
// What a tournament is: players, format, openings, time control,
// adjudication and statistics settings. Plain data shared by the app's config
// reader, the runtime, the schedule, the referee and persistence (which saves
// it in tournament.json so a tournament can be resumed).
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tourney::spec {

/// How a USI engine is driven; engines differ (see shogi.md, section 2).
struct usi_profile {
  /// `go` tokens the engine accepts; others are never sent. gpsusi accepts
  /// only btime, wtime and byoyomi (anything else kills it).
  std::vector<std::string> go_tokens{"btime", "wtime", "byoyomi", "binc",
                                     "winc",  "nodes", "depth",   "movetime"};
  char drop_marker = '*';  // Sjaak II writes and reads B@5e
  std::chrono::milliseconds startup_timeout{10000};  // usi -> usiok
  std::chrono::milliseconds isready_timeout{10000};  // isready -> readyok
  std::chrono::milliseconds quit_timeout{500};       // quit -> exit, then SIGTERM, SIGKILL
};

struct usi_engine_spec {
  std::string command;  // path or name looked up in PATH and /usr/games
  std::vector<std::string> args;
  std::string working_dir;                   // empty: the tournament folder
  std::map<std::string, std::string> env;    // added to the environment
  std::map<std::string, std::string> options;  // setoption name K value V, in order
  usi_profile profile;
};

/// A player built into tourney (players/builtin.hpp).
struct builtin_player {
  std::string kind;          // "random", "heuristic", "alphabeta", "resign"
  int depth = 0;             // alphabeta's search depth (0 = its default, or nodes alone)
  std::uint64_t nodes = 0;   // alphabeta's node cap (0 = none)
  std::uint64_t seed = 0;    // random tie-breaking seed
};

/// A USI engine process.
struct usi_player {
  usi_engine_spec engine;
  /// `go nodes N` for this player, overriding time_control.nodes (0 = none).
  std::uint64_t nodes = 0;
};

/// A policy the host registered with runtime::register_policy (or
/// register_batched_policy) under `registered`.
struct host_player {
  std::string registered;
};

/// The index order of player_spec::player's alternatives.
enum class player_kind { builtin, usi, host };

/// One player: its name, its game limit, and what plays (exactly one of the
/// three kinds, each with only its own fields). Made most easily with the
/// helpers of player_helpers.hpp: builtin("random"), usi_engine(...), host(...).
struct player_spec {
  std::string name;              // unique within a tournament
  int max_concurrent_games = 0;  // 0 = no limit (a GPU policy may say 1)
  std::variant<builtin_player, usi_player, host_player> player;

  player_kind kind() const {
    return static_cast<player_kind>(player.index());
  }
  /// The kind's fields, or nullptr when the player is of another kind.
  const builtin_player* as_builtin() const {
    return std::get_if<builtin_player>(&player);
  }
  builtin_player* as_builtin() {
    return std::get_if<builtin_player>(&player);
  }
  const usi_player* as_usi() const {
    return std::get_if<usi_player>(&player);
  }
  usi_player* as_usi() {
    return std::get_if<usi_player>(&player);
  }
  const host_player* as_host() const {
    return std::get_if<host_player>(&player);
  }
  host_player* as_host() {
    return std::get_if<host_player>(&player);
  }
};

enum class format { gauntlet, round_robin };

enum class opening_order { sequential, random };

struct openings_spec {
  std::string file;  // empty: the start position for every game
  opening_order order = opening_order::sequential;
  std::uint64_t seed = 0;
  std::uint64_t start = 0;  // index of the first opening used
  int ply_cut = 0;          // 0 = play every move the line gives
};

/// Clock settings. byoyomi and increment are alternatives. nodes/depth/
/// movetime are clockless limits; every move still has a deadline.
struct time_control {
  std::chrono::milliseconds main{0};
  std::chrono::milliseconds byoyomi{0};
  std::chrono::milliseconds increment{0};
  std::optional<std::uint64_t> nodes;
  std::optional<int> depth;
  std::optional<std::chrono::milliseconds> movetime;
  /// Allowance over the clock before a move is lost on time.
  std::chrono::milliseconds margin{200};
  /// A clockless move (nodes/depth) that takes longer than this is a stall.
  std::chrono::milliseconds clockless_move_budget{5000};
};

enum class entering_king_rule { none, points_24, points_27 };

struct adjudication_spec {
  int max_plies = 512;  // 0 = none; reaching it is a draw
  entering_king_rule entering_king = entering_king_rule::points_27;
  // Resign by score: both players report |score| >= resign_score_cp against
  // the same side for resign_moves consecutive moves each. 0 = off.
  int resign_moves = 0;
  int resign_score_cp = 0;
  // Draw by score: after draw_after_ply, both report |score| <= draw_score_cp
  // for draw_moves consecutive moves each. 0 = off.
  int draw_moves = 0;
  int draw_score_cp = 0;
  int draw_after_ply = 0;
};

enum class sprt_model { normalized, logistic };

struct sprt_spec {
  double elo0 = 0.0;
  double elo1 = 5.0;
  double alpha = 0.05;
  double beta = 0.05;
  sprt_model model = sprt_model::normalized;
};

struct tournament_spec {
  std::string name;
  format kind = format::gauntlet;
  /// gauntlet: players[0] is the agent, the rest its opponents.
  std::vector<player_spec> players;
  int games_per_pairing = 2;  // per round; colours alternate, odd counts honoured
  int rounds = 1;
  openings_spec openings;
  time_control clock;
  adjudication_spec adjudication;
  std::optional<sprt_spec> sprt;  // two players only; stops early on a verdict
  int concurrency = 0;            // games in flight for this tournament; 0 = as slots allow
  std::uint64_t seed = 0;         // seeds built-in players and random opening order
};

}  // namespace tourney::spec
