#pragma once
// The supervisor's game slots, as a pure state machine: which waiting game
// gets a slot (slot_pool: fair between tournaments, per-player limits across
// them) and where it plays (slot_sites: here or on a worker of the roster),
// and what the running tournaments are told when slots come and go. No I/O,
// no clock: timers come back as commands carrying a generation, and a timer
// whose generation is no longer current does nothing when it comes due.
//
// The owner (the supervisor actor) feeds it the tournaments' slot requests
// and releases, the worker links' joins and departures, a tournament's
// suspicion of a worker and the timers, and carries out the commands in
// order: grant_slot -> (grant, game, site, worker handle) to the tournament;
// slots_changed -> (slot, n); waiting_changed -> (waiting, reason);
// game_lost -> (lost, game, site, why); slot_wait_failed -> (fault, text);
// arm_* -> a delayed message to itself that calls the matching *_due.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "tourney/runtime/slot_pool.hpp"
#include "tourney/runtime/slot_sites.hpp"
#include "tourney/runtime/worker_roster.hpp"

namespace tourney::rt {

struct slot_broker_config {
  std::size_t local_slots = 0;  // 0: no game plays in this process
  /// A tournament whose games find no slot anywhere fails after this long.
  std::chrono::milliseconds slot_wait_limit{300000};
  /// How long a suspected worker offers no new slot.
  std::chrono::milliseconds quarantine_time{1000};
};

// ---- Commands ------------------------------------------------------------

/// The game may start at the site ("" = here, else a worker address).
struct grant_slot {
  std::string tournament;
  std::uint64_t game = 0;
  std::string site;
};
/// Slots anywhere changed: a tournament keeps at most that many games
/// requested or running.
struct slots_changed {
  std::string tournament;
  std::size_t slots = 0;
};
/// Why its games wait although it runs ("" = they no longer wait for that).
struct waiting_changed {
  std::string tournament;
  std::string reason;
};
/// The game's site went away with it; the tournament plays it again.
struct game_lost {
  std::string tournament;
  std::uint64_t game = 0;
  std::string site;
  std::string why;
};
/// Its games waited the whole slot wait limit for a slot: it fails.
struct slot_wait_failed {
  std::string tournament;
  std::string message;
};
struct arm_wait_check {
  std::uint64_t generation = 0;
  std::chrono::milliseconds after{0};
};
struct arm_reinstatement {
  std::string address;
  std::uint64_t generation = 0;
  std::chrono::milliseconds after{0};
};

using slot_command = std::variant<grant_slot, slots_changed, waiting_changed, game_lost,
                                  slot_wait_failed, arm_wait_check, arm_reinstatement>;
using slot_commands = std::vector<slot_command>;

class slot_broker {
 public:
  explicit slot_broker(slot_broker_config config);

  // ---- Tournaments ----------------------------------------------------------

  /// A tournament started running: it may ask for slots and is told of
  /// changes from now on.
  void add_tournament(const std::string& tournament);
  /// A tournament ended (or crashed): its requests go, its slots come back.
  slot_commands remove_tournament(const std::string& tournament);
  /// A game of a running tournament wants a slot; `keys` name its shared
  /// players with limits (see set_limit). Ignored for other tournaments.
  slot_commands request(slot_request r);
  /// A granted game ended: its slot goes to the next waiting game.
  slot_commands release(const std::string& tournament, std::uint64_t game);
  /// The tournament paused: its waiting requests go, its games keep slots.
  slot_commands withdraw(const std::string& tournament);
  /// At most `max` granted games at once use `key`, across every tournament
  /// (max <= 0: no limit). Applies from the next grant.
  void set_limit(const std::string& key, int max);

  // ---- Workers --------------------------------------------------------------

  /// A configured worker not connected yet (waiting reasons name it).
  void expect_worker(const std::string& address, std::string why);
  /// Connected (again) offering `slots`: ends any quarantine.
  slot_commands worker_joined(const std::string& address, std::size_t slots);
  /// Its link is down: its games in flight go back to their tournaments.
  slot_commands worker_left(const std::string& address, const std::string& why);
  /// A game on it failed: it offers no new slot for the quarantine time (its
  /// games in flight keep their slots).
  slot_commands worker_suspected(const std::string& address);

  // ---- Timers ---------------------------------------------------------------

  slot_commands reinstatement_due(const std::string& address, std::uint64_t generation);
  slot_commands wait_check_due(std::uint64_t generation);

  // ---- State ----------------------------------------------------------------

  /// Slots over every site now (a tournament starts with this count).
  std::size_t capacity() const {
    return sites_.capacity();
  }
  /// Why games wait with no slot anywhere ("" = they do not).
  const std::string& waiting_reason() const {
    return waiting_reason_;
  }
  const worker_roster& roster() const {
    return roster_;
  }
  const slot_sites& sites() const {
    return sites_;
  }
  std::size_t waiting(const std::string& tournament) const {
    return pool_.waiting(tournament);
  }

 private:
  void grant(slot_commands& out);
  void update_capacity(slot_commands& out);
  void update_waiting(slot_commands& out);
  bool any_waiting() const;

  slot_broker_config config_;
  slot_pool pool_;
  slot_sites sites_;
  worker_roster roster_;
  std::set<std::string> running_;
  std::string waiting_reason_;
  std::uint64_t wait_generation_ = 0;
};

}  // namespace tourney::rt
