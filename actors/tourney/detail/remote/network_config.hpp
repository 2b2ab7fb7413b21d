#pragma once
// The actor-system settings every node of a tourney cluster shares: the
// middleman (and the OpenSSL manager for TLS), the application identifier
// naming the wire protocol version, and heartbeats with a connection timeout
// on every node (set on one side only, they would drop healthy idle links).
#include <chrono>
#include <cstddef>
#include <string>

#include "caf/fwd.hpp"

#include "tourney/spec/tls_options.hpp"

namespace tourney::detail {

struct network_settings {
  spec::tls_options tls;
  std::chrono::milliseconds heartbeat_interval{500};
  std::chrono::milliseconds connection_timeout{3000};
};

/// Call before the actor system is constructed.
void configure_network(caf::actor_system_config& cfg, const network_settings& net);

/// The scheduler of an actor system tourney owns (runtime or worker node):
/// work sharing, `threads` threads (0 = one per core, at least 2).
void configure_scheduler(caf::actor_system_config& cfg, std::size_t threads);

/// How this process names itself to peers: "host:pid".
std::string node_name();

}  // namespace tourney::detail
