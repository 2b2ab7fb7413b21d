#pragma once
// The USI engines of one tournament, as one owner: which engine process
// plays for which game, each engine's session, and the engine-vs-engine
// games handed over to be played where the engines' output is read.
//
// Contract. Every method is called on one thread (in the runtime, the
// engine reactor's); nothing here blocks, sleeps or reads a clock: time is
// the `now` argument. I/O goes out through `effects` (spawn, write, timers,
// signals: the reactor in the runtime, a recorder in tests), answers through
// the move clients and lease replies. A lessee (one side of one game) leases
// an engine of its player: an idle one gets `usinewgame`, else a process is
// started, unless the player's live engines already reach
// `engines_per_player` (the games that can run at once): then the lease
// waits for the next engine to come free, so a game that ends and the next
// game's lease racing each other never start an extra process. A lease is
// numbered; requests through an older number are refused. A move is asked
// either for a client that answers it (`ask`), or a whole game is handed
// over (`play_out`) while both sides are engines of this pool: the pool then
// owns the referee, plays each bestmove into it and asks the other engine at
// once, and gives the referee back (exactly once) when the game is over or
// when the pool can no longer play it. Faults follow engine_session: a dead
// or hung engine answers its waiting move (player_gone, timeout) and is
// replaced on the next lease; an engine that cannot start fails the
// tournament (startup_failed).
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tourney/runtime/game_referee.hpp"
#include "tourney/runtime/player_answer.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/usi/child_process.hpp"
#include "tourney/usi/engine_reactor.hpp"
#include "tourney/usi/engine_session.hpp"
#include "tourney/usi/history_text.hpp"

namespace tourney::usi {

using steady = std::chrono::steady_clock;
/// Names one lessee (the runtime uses its player actor's id).
using lessee_id = std::uint64_t;
/// Names one lease request, for its reply.
using lease_request_id = std::uint64_t;

/// Where a pool's I/O goes.
class pool_effects {
 public:
  virtual ~pool_effects() = default;
  /// Starts a process; events for the returned id follow (on_event).
  virtual engine_id spawn(spawn_options options) = 0;
  virtual void write(engine_id id, std::vector<std::string> lines) = 0;
  virtual void set_timer(engine_id id, std::uint64_t timer, steady::time_point at) = 0;
  virtual void cancel_timer(engine_id id) = 0;
  virtual void signal(engine_id id, int signal) = 0;
  /// The process is gone: forget it.
  virtual void release(engine_id id) = 0;
  /// A lease is ready (error empty, lease > 0) or refused (error says why).
  virtual void lease_reply(lease_request_id request, engine_id id, std::uint64_t lease, std::string error) = 0;
  /// An engine could not be started: the tournament cannot go on.
  virtual void startup_failed(std::string message) = 0;
  /// After shutdown(): the last engine is gone.
  virtual void all_gone() = 0;
};

/// Who waits for a move or for a game handed over.
class move_client {
 public:
  virtual ~move_client() = default;
  /// The answer to the move asked with `ply` (ask).
  virtual void answer(std::uint64_t ply, rt::player_answer answer) = 0;
  /// The game handed over (play_out) comes back: over, or, with `why`
  /// set, unfinished because the pool cannot play it on (the side to move
  /// is then to be scored player_gone with that text); with `failure` set,
  /// the referee threw (a bug): the game cannot be trusted.
  virtual void give_back(std::shared_ptr<rt::game_referee> referee, std::string why, std::string failure) = 0;
};

/// A USI player of the pool.
struct pool_player {
  std::string name;
  spec::usi_engine_spec engine;
  /// The player's own node limit (0: the match's).
  std::uint64_t nodes = 0;
  /// Engine stderr logs: `<log_prefix><slot>.stderr.log`.
  std::string log_prefix;
  /// Working directory when the engine names none.
  std::string default_dir;
};

/// A lease: an engine for one game, valid until the game ends.
struct lease_ref {
  engine_id engine = 0;
  std::uint64_t number = 0;
};

class engine_pool {
 public:
  enum class stage : std::uint8_t {
    starting,  // usi / isready of a new process
    new_game,  // usinewgame / isready for the lessee's game
    playing,   // leased and ready
    idle,      // ready, not leased
    dead,      // faulted or shutting down: never leased again
  };

  engine_pool(std::vector<pool_player> players, std::size_t engines_per_player, pool_effects& effects);
  engine_pool(const engine_pool&) = delete;
  engine_pool& operator=(const engine_pool&) = delete;
  /// Games still handed over come back unfinished ("the engine pool ended").
  ~engine_pool();

  // -- from the games ---------------------------------------------------------
  void lease(lease_request_id request, lessee_id lessee, const std::string& player, steady::time_point now);
  /// The lessee's game is over (or the lessee is gone): its engines come back.
  void release(lessee_id lessee, steady::time_point now);
  /// `gameover` (outcome "win", "lose", "draw"; "" for none), then the
  /// lease's engine comes back.
  void game_over(lease_ref lease, const std::string& outcome, steady::time_point now);
  /// One move for `client`, answered with `ply`.
  void ask(lease_ref lease, std::uint64_t ply, const rt::turn& t, std::shared_ptr<move_client> client,
           steady::time_point now);
  /// Hands a game over whose both sides are leases of this pool; `first` is
  /// the referee's next turn. The referee comes back through give_back.
  void play_out(const lease_ref (&leases)[2], std::shared_ptr<rt::game_referee> referee, const rt::turn& first,
                std::shared_ptr<move_client> client, steady::time_point now);
  /// Ends every engine (quit, then signals); all_gone once the last is gone.
  void shutdown(steady::time_point now);

  // -- from the engines -------------------------------------------------------
  void on_event(reactor_event event, steady::time_point now);

  // -- for tests and diagnostics ---------------------------------------------
  /// Engines of `player` not dead (started, ready, leased or idle).
  std::size_t live_engines(const std::string& player) const;
  std::size_t engines() const {
    return engines_.size();
  }
  std::size_t games_held() const {
    return games_.size();
  }
  std::size_t leases_waiting() const {
    return waiting_.size();
  }
  std::optional<stage> stage_of(engine_id id) const;

 private:
  struct waiter {
    std::shared_ptr<move_client> client;  // ask: answered with ply
    std::uint64_t ply = 0;
    std::uint64_t game = 0;  // play_out: the game held (0: none)
  };
  struct engine {
    engine_id id = 0;
    const pool_player* player = nullptr;
    int slot = 0;
    stage at = stage::starting;
    std::unique_ptr<engine_session> session;
    lessee_id lessee = 0;  // 0: none
    std::uint64_t lease = 0;
    std::optional<lease_request_id> reply;  // a lease waiting for readyok
    waiter waiting;
    history_text history;
    bool timer_set = false;
  };
  struct held_game {
    std::shared_ptr<rt::game_referee> referee;
    std::shared_ptr<move_client> client;
    lease_ref leases[2];
    steady::time_point asked;
  };
  struct waiting_lease {
    lease_request_id request = 0;
    lessee_id lessee = 0;
    const pool_player* player = nullptr;
  };

  engine* find(engine_id id);
  engine* leased(lease_ref lease);
  engine& start_engine(const pool_player& p, steady::time_point now);
  void assign(engine& e, lease_request_id request, lessee_id lessee, steady::time_point now);
  void serve_waiting(const pool_player& p, steady::time_point now);
  void run(engine& e, expected<session_actions> actions, steady::time_point now);
  void run(engine& e, session_actions actions, steady::time_point now);
  void reply_lease(engine& e, const std::string& error);
  void answer(engine& e, rt::player_answer a, steady::time_point now);
  void release_engine(engine& e, steady::time_point now);
  void forget(engine_id id, steady::time_point now);
  expected<session_actions> start_search(engine& e, const rt::turn& t);
  /// Asks the held game's side to move, or gives the game back when over.
  void advance(std::uint64_t game, steady::time_point now);
  /// Asks the engine of the turn's side for the held game (scoring sides
  /// that cannot be asked as gone).
  void ask_turn(std::uint64_t game, rt::turn t, steady::time_point now);
  /// The held game's next turn; nothing once it has been given back (over,
  /// or its referee threw).
  std::optional<rt::turn> next_turn_or_give_back(std::uint64_t game, rt::game_referee& referee);
  void give_back(std::uint64_t game, std::string why, std::string failure);

  std::map<std::string, pool_player> players_;
  std::size_t engines_per_player_;
  pool_effects& effects_;
  // A map: references stay valid while engines start during a step.
  std::map<engine_id, engine> engines_;
  std::map<std::uint64_t, held_game> games_;
  std::uint64_t next_game_ = 1;
  std::uint64_t next_lease_ = 1;
  std::deque<waiting_lease> waiting_;
  bool shutting_down_ = false;
};

}  // namespace tourney::usi
