#include "tourney/detail/remote/network_config.hpp"

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include "caf/actor_system_config.hpp"
#include "caf/atom.hpp"
#include "caf/io/middleman.hpp"
#include "caf/openssl/manager.hpp"

#include "tourney/detail/remote/wire.hpp"

namespace tourney::detail {

void configure_network(caf::actor_system_config& cfg, const network_settings& net) {
  cfg.load<caf::io::middleman>();
  cfg.set("middleman.app-identifiers", std::vector<std::string>{wire::app_identifier});
  cfg.set("middleman.heartbeat-interval", caf::timespan{net.heartbeat_interval});
  cfg.set("middleman.connection-timeout", caf::timespan{net.connection_timeout});
  if (net.tls.enabled()) {
    cfg.load<caf::openssl::manager>();
    cfg.set("openssl.certificate", net.tls.certificate);
    cfg.set("openssl.key", net.tls.key);
    cfg.set("openssl.cafile", net.tls.ca);
  }
}

void configure_scheduler(caf::actor_system_config& cfg, std::size_t threads) {
  // CAF's default is max(4, cores): extra threads on a small machine only
  // add wake-ups (tourney bench usi: ~162 -> ~145 us/ply on 2 cores).
  cfg.set("scheduler.max-threads",
          threads > 0 ? threads : std::max<std::size_t>(2, std::thread::hardware_concurrency()));
  // Games mostly wait (for engines, disks, peers): the work-sharing
  // scheduler sleeps on a condition variable when idle, where the default
  // work-stealing one polls for ~25 ms after every message and costs a USI
  // game several times its per-ply CPU (tourney bench usi: 719 -> ~250
  // us/ply) for no gain in built-in-player throughput.
  cfg.set("scheduler.policy", caf::atom("sharing"));
}

std::string node_name() {
  char host[256] = {};
  if (::gethostname(host, sizeof(host) - 1) != 0) {
    host[0] = '\0';
  }
  return fmt::format("{}:{}", host, ::getpid());
}

}  // namespace tourney::detail
