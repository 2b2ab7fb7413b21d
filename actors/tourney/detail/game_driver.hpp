#pragma once
// What one game's actor shares with the threads that answer its USI engines:
// the referee and the move asked through an engine lease, under one mutex.
//
// An engine's bestmove is read on the engine reactor thread. Sending it to
// the game actor would wake a scheduler thread on every ply only to play it
// and ask the other engine; instead the reactor thread hands it to the
// game's driver (a move_sink), which plays it and, when the side to move
// next is also a leased engine, asks that engine on the same thread. The
// actor takes over (an atom::run message) when the game is over or the next
// side is not a leased engine; it holds the same mutex for everything it
// does with the referee, so the two never interleave. The actor ends the
// driver (end()) when it stops, after which late answers are dropped.
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "caf/actor.hpp"
#include "caf/actor_addr.hpp"
#include "caf/weak_intrusive_ptr.hpp"

#include "tourney/detail/messages.hpp"
#include "tourney/detail/usi_engines.hpp"
#include "tourney/runtime/game_referee.hpp"

namespace tourney::detail {

class game_driver final : public move_sink, public std::enable_shared_from_this<game_driver> {
 public:
  using steady = std::chrono::steady_clock;

  game_driver(const caf::actor& game, std::shared_ptr<rt::game_referee> referee);

  /// The game actor holds this for each of its steps.
  std::unique_lock<std::mutex> hold() {
    return std::unique_lock<std::mutex>(mutex_);
  }

  // -- the rest with hold() held ---------------------------------------------

  rt::game_referee& referee() {
    return *referee_;
  }
  /// No more answers are taken (the game is over or its actor stopped).
  void end() {
    live_ = false;
  }
  /// Moves of `side` are asked through `lease` from now on.
  void set_lease(int side, caf::actor pool, usi_lease_ptr lease);
  bool has_lease(int side) const {
    return static_cast<bool>(lease_[side]);
  }
  bool uses_pool(const caf::actor& pool) const;
  /// The pool went down: its leases are void, and a move asked through it
  /// counts as the player gone. True if that settled the pending move.
  bool pool_down(const caf::actor_addr& pool, const std::string& why);
  /// A move asked through a lease is awaited (its answer moves the game on).
  bool waiting() const {
    return pending_ != 0;
  }
  /// Starts the clock of the move about to be asked.
  void mark_asked() {
    asked_ = steady::now();
  }
  /// Asks the side to move through its lease. True: asked, the answer
  /// follows; false: answered at once (already given to the referee).
  bool ask_lease(const caf::actor& game, int side, const rt::turn& t);
  /// Gives the referee the answer to the pending move `ply`; false if that
  /// move was settled already (a late or duplicate answer).
  bool take(std::uint64_t ply, player_answer& answer);
  /// Gives the referee an answer to the move just asked (player actors).
  void apply(player_answer& answer);

  /// From an engine's answering thread (move_sink): plays the answer and
  /// asks the next leased engine, or hands the game back to its actor.
  void on_move(std::uint64_t ply, player_answer answer) override;

 private:
  std::mutex mutex_;
  caf::weak_actor_ptr game_;
  std::shared_ptr<rt::game_referee> referee_;
  bool live_ = true;
  usi_lease_ptr lease_[2];
  caf::actor lease_pool_[2];
  /// The move asked through a lease (0: none): its answer or the pool's
  /// down message settles it, whichever comes first.
  std::uint64_t pending_ = 0;
  std::uint64_t next_request_ = 1;
  caf::actor_addr pending_pool_;
  steady::time_point asked_;
};

}  // namespace tourney::detail
