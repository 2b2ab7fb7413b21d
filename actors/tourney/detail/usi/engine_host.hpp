#pragma once
// The owner of one pool's engines: a usi::engine_pool living on the engine
// reactor's thread, which reads every engine's output. Every call below may
// come from any thread and only posts to that thread's inbox (the reactor's
// command queue): the pool's state, the engine sessions and the referees of
// games handed over are touched on the reactor thread alone. Answers go out
// as messages (usi/engine_pool.hpp). Destroying the host stops the reactor
// (killing what still runs) and then gives every game it holds back.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "caf/actor.hpp"
#include "caf/weak_intrusive_ptr.hpp"

#include "tourney/detail/usi/engine_pool.hpp"
#include "tourney/usi/engine_pool.hpp"
#include "tourney/usi/engine_reactor.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::detail {

class engine_host final : public usi::pool_effects {
 public:
  /// Starts the reactor thread. `pool`: the pool actor (held weakly), which
  /// hears lease replies, start-up faults and (done). `log_dir` is created
  /// before the first engine starts.
  static expected<std::shared_ptr<engine_host>> start(const engine_pool_actor& pool, std::vector<usi::pool_player> players,
                                                       std::size_t engines_per_player, std::string log_dir);
  ~engine_host() override;
  engine_host(const engine_host&) = delete;
  engine_host& operator=(const engine_host&) = delete;

  void lease(usi::lease_request_id request, usi::lessee_id lessee, std::string player);
  /// The lessee (a usi player actor) is gone: its engines come back.
  void release_lessee(usi::lessee_id lessee);
  void game_over(usi::lease_ref lease, std::string outcome);
  /// The answer comes to `game` as (move, ply, player_answer).
  void ask(usi::lease_ref lease, std::uint64_t ply, rt::turn t, const game_actor& game);
  /// The referee moves to the engine thread; it comes back to `game` as (run, returned_game).
  void play_out(usi::lease_ref black, usi::lease_ref white, std::shared_ptr<rt::game_referee> referee,
                rt::turn first, const game_actor& game);
  void shutdown();

  // usi::pool_effects, on the reactor thread.
  usi::engine_id spawn(usi::spawn_options options) override;
  void write(usi::engine_id id, std::vector<std::string> lines) override;
  void set_timer(usi::engine_id id, std::uint64_t timer, usi::steady::time_point at) override;
  void cancel_timer(usi::engine_id id) override;
  void signal(usi::engine_id id, int signal) override;
  void release(usi::engine_id id) override;
  void lease_reply(usi::lease_request_id request, usi::engine_id id, std::uint64_t lease,
                   std::string error) override;
  void startup_failed(std::string message) override;
  void all_gone() override;

 private:
  engine_host(const engine_pool_actor& pool, std::string log_dir);

  caf::weak_actor_ptr pool_actor_;
  std::string log_dir_;
  bool log_dir_made_ = false;
  // Reactor thread only (and the destructor, after the thread is joined).
  std::unique_ptr<usi::engine_pool> pool_;
  // Last: stopped first, so no event or call runs on a half-destroyed host.
  std::unique_ptr<usi::engine_reactor> reactor_;
};

}  // namespace tourney::detail
