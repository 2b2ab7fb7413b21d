#pragma once
// Game slots shared fairly between running tournaments. A tournament asks for
// a slot per game it wants to play; a free slot goes to the tournament that
// holds the fewest (ties: the one served least recently), taking the first of
// its requests whose shared players are under their limits (a host policy on
// one GPU may allow a single game at a time across all tournaments).
//
// A light game (a batched policy against a batched policy or a player that
// decides in microseconds) needs no core: it takes no slot, only its shared
// players' limits, which a batched policy always has (its max_games).
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tourney::rt {

struct slot_request {
  std::string tournament;
  std::uint64_t game = 0;
  /// Shared players this game uses whose concurrency is limited globally.
  std::vector<std::string> keys;
  /// Needs no slot (see above); limited by its keys alone.
  bool light = false;
};

struct slot_grant {
  std::string tournament;
  std::uint64_t game = 0;
  bool light = false;
};

class slot_pool {
 public:
  explicit slot_pool(std::size_t slots) : slots_(slots) {}

  /// Changes the number of slots (worker nodes joining and leaving); games
  /// already granted keep theirs.
  void set_capacity(std::size_t slots) {
    slots_ = slots;
  }
  /// At most `max` granted games may use `key` at once (max <= 0: no limit).
  void set_limit(const std::string& key, int max);
  void request(slot_request r);
  /// Drops the tournament's waiting requests (pause); held slots stay held.
  void withdraw(const std::string& tournament);
  /// Returns the slot of a granted game.
  void release(const std::string& tournament, std::uint64_t game);
  /// Drops the tournament's requests and releases every slot it holds.
  void forget(const std::string& tournament);
  /// Grants as many waiting requests as slots and limits allow (light ones
  /// as limits allow).
  std::vector<slot_grant> grant();

  std::size_t capacity() const {
    return slots_;
  }
  /// Slots held (light games hold none).
  std::size_t in_use() const {
    return in_use_;
  }
  std::size_t held(const std::string& tournament) const;
  std::size_t waiting(const std::string& tournament) const;

 private:
  struct held_game {
    std::uint64_t game;
    std::vector<std::string> keys;
    bool light;
  };
  struct client {
    std::vector<slot_request> waiting;  // in request order
    std::vector<held_game> held;
    std::uint64_t last_served = 0;
  };
  bool keys_free(const std::vector<std::string>& keys) const;

  std::size_t slots_;
  std::size_t in_use_ = 0;
  std::uint64_t clock_ = 0;
  std::map<std::string, client> clients_;
  std::map<std::string, int> limits_;
  std::map<std::string, int> key_use_;
};

}  // namespace tourney::rt
