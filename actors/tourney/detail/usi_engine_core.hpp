#pragma once
// One USI engine's core, shared by the pool actor, the engine reactor thread
// and the lessee game's lease (usi_engines_actor.cpp has the pool): the
// session and what changes per move, under one mutex, and the actions any of
// those threads may carry out alike. Local to the USI engine actors.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "caf/actor.hpp"
#include "caf/allowed_unsafe_message_type.hpp"
#include "caf/weak_intrusive_ptr.hpp"

#include "tourney/detail/messages.hpp"
#include "tourney/detail/usi_engines.hpp"
#include "tourney/usi/engine_reactor.hpp"
#include "tourney/usi/engine_session.hpp"
#include "tourney/usi/history_text.hpp"

// Session actions the reactor thread hands to the pool (local only).
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tourney::usi::session_actions)

namespace tourney::detail {

// The game waiting for a move: answered through its sink, or with the
// message (move, ply, player_answer) when it has none.
struct move_waiter {
  caf::actor game;
  std::uint64_t ply = 0;
  move_sink_ptr sink;
};

// An answer for a sink, handed over once the core's lock is released.
struct sunk_answer {
  move_sink_ptr sink;
  caf::actor game;
  std::uint64_t ply = 0;
  player_answer answer;
};

// What the pool actor, the reactor thread and the lessee game's lease share
// about one engine: the changing fields under `lock` (taken by the actor
// around each use of the engine, by the reactor thread on the fast path and
// by a lease's ask). Never held across anything that blocks.
struct engine_core {
  std::mutex lock;
  // Fixed at start.
  usi::engine_id id = 0;
  std::string player;
  std::uint64_t nodes = 0;  // the player's own node limit (0: the match's)
  std::weak_ptr<usi::engine_reactor> reactor;
  caf::weak_actor_ptr pool;
  // Changing.
  std::unique_ptr<usi::engine_session> session;
  std::uint64_t lease = 0;  // the current lease's number (0: not leased)
  move_waiter waiter;
  usi::history_text history;  // the moves' USI text, extended ply by ply
  bool timer_set = false;     // a deadline is set in the reactor
  std::size_t forwarded = 0;  // events handed to the pool and not handled yet
  std::vector<sunk_answer> outbox;  // answers for sinks, delivered by core_guard
};

// Holds a core's lock; on release hands the answers gathered meanwhile to
// their sinks, outside the lock (a sink asks the next engine at once, which
// takes that engine's lock). With delivery::message they go to the games as
// messages instead: for a holder that a sink itself may have called.
class core_guard {
 public:
  enum class delivery { direct, message };
  explicit core_guard(engine_core& core, delivery how = delivery::direct);
  ~core_guard();
  core_guard(const core_guard&) = delete;
  core_guard& operator=(const core_guard&) = delete;

 private:
  engine_core& core_;
  delivery how_;
  std::unique_lock<std::mutex> lock_;
};

// Engines the reactor thread may serve itself, by id.
struct core_registry {
  std::mutex lock;
  std::unordered_map<usi::engine_id, std::shared_ptr<engine_core>> cores;
  usi::engine_reactor* reactor = nullptr;  // set before the first spawn
};

// The functions below run under the core's lock, on whichever thread holds it.

/// Answers the waiting game (through its sink once the lock is released, or
/// by message) and forgets the waiter.
void answer_move(engine_core& core, player_answer answer);

/// The game's answer for an engine's decision (an illegal one scored so).
player_answer decided_answer(const engine_core& core, const usi::engine_decided& decided);

/// Starts the engine thinking on the turn (the session's position and go,
/// with the player's own node limit): the actions to carry out.
expected<usi::session_actions> start_search(engine_core& core, const rt::turn& t);

/// Carries out an action any thread may (lines to send are gathered in
/// `lines`); false for one that needs the pool's state.
bool run_plain(usi::engine_reactor& reactor, usi::engine_id id, engine_core& core, usi::session_action& action,
               std::vector<std::string>& lines);

/// Sends the gathered lines and drops a deadline nobody waits for any more.
void finish_plain(usi::engine_reactor& reactor, usi::engine_id id, engine_core& core,
                  std::vector<std::string>& lines);

/// Carries out `actions` on this thread as far as they are plain; the rest
/// goes to the pool, in order.
void run_here(usi::engine_reactor& reactor, engine_core& core, usi::session_actions actions);

/// A new lease of the engine for one game (numbered; an older lease is void).
usi_lease_ptr make_lease(const std::shared_ptr<engine_core>& core);

}  // namespace tourney::detail
