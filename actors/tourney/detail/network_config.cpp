#include "tourney/detail/network_config.hpp"

#include <string>
#include <vector>

#include "caf/actor_system_config.hpp"
#include "caf/io/middleman.hpp"
#include "caf/openssl/manager.hpp"

#include "tourney/detail/wire.hpp"

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

}  // namespace tourney::detail
