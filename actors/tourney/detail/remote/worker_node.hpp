#pragma once
// Remote game workers: the worker node's published actor, and the
// coordinator's link to one worker address. Messages crossing nodes are in
// wire.hpp.
//
// Worker node (published; see wire.hpp for its protocol).
//
// Worker link (coordinator side, one per worker address, linked to the
// supervisor): connects (with TLS when configured), checks the protocol
// version with a hello, then tells the supervisor
//   (worker_up, string address, actor worker, uint32 slots)
//   (worker_dn, string address, string why)   the worker is gone or cannot be reached
// and keeps reconnecting every retry interval, so workers may join late,
// leave and come back.
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "caf/actor.hpp"
#include "caf/fwd.hpp"
#include "caf/replies_to.hpp"
#include "caf/typed_actor.hpp"

#include "tourney/detail/actors.hpp"

#include "tourney/runtime/game_referee.hpp"
#include "tourney/spec/tournament_spec.hpp"

namespace tourney::detail {

/// Untyped: published to other nodes, which check its protocol by the hello
/// (wire.hpp) rather than by CAF's interface strings of local-only types.
using worker_node_actor = caf::actor;
/// Its own reconnect timer only; it reports to the supervisor.
using worker_link_actor = caf::typed_actor<caf::reacts_to<atom::connect>>;

struct worker_settings {
  std::size_t slots = 1;
  /// Engine logs and working folders: <storage_dir>/<tournament id>/engines/.
  std::string storage_dir = ".";
  /// This node's own player definitions, by name (engine paths of this node).
  std::map<std::string, spec::player_spec> players;
  /// Empty = the rules referee.
  rt::referee_factory make_referee;
  std::string node_name;
  /// Engine pools kept alive with no game of their tournament here.
  std::size_t idle_engine_pools = 2;
  /// Called from the actor's thread for each notable event (thread-safe sink).
  std::function<void(const std::string&)> log;
};

worker_node_actor spawn_worker_node(caf::actor_system& sys, worker_settings settings);

struct link_settings {
  std::string address;  // HOST:PORT
  bool tls = false;
  std::string coordinator_name;
  std::chrono::milliseconds retry_interval{1000};
  std::chrono::milliseconds hello_timeout{5000};
  /// A backstop only: the connection timeout ends a connection attempt sooner.
  std::chrono::milliseconds connect_timeout{30000};
};

/// Spawned linked to the supervisor.
worker_link_actor spawn_worker_link(supervisor_actor::pointer supervisor, link_settings settings);

}  // namespace tourney::detail
