#pragma once
// HOST:PORT addresses of worker nodes ("127.0.0.1:9000", "node7:9000",
// "[::1]:9000"), checked where they are read so a typo is an error that
// names the address, not a connection that never happens.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tourney/util/expected.hpp"

namespace tourney::spec {

struct host_port {
  std::string host;
  std::uint16_t port = 0;
};

/// Port 0 is allowed only when `allow_any_port` (a listening worker picks one).
expected<host_port> parse_host_port(std::string_view text, bool allow_any_port = false);

/// Whether listening on `host` is reachable from this machine only: 127.0.0.0/8,
/// ::1 or "localhost" (a worker may listen in plaintext there without
/// --insecure-plaintext). Anything else, "0.0.0.0" and "::" included, is not.
bool is_loopback_host(std::string_view host);

/// A comma-separated list ("a:1,b:2"); empty items are errors.
expected<std::vector<std::string>> parse_host_port_list(std::string_view text);

}  // namespace tourney::spec
