// tourney worker --listen HOST:PORT --slots N [--config FILE]: a worker node
// that plays the games coordinators send it (tourney run --workers ...).
// Prints "listening on HOST:PORT" on stdout once it accepts connections (the
// port it bound when PORT is 0), then a line per connection and game;
// SIGINT or SIGTERM stop it.
#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <poll.h>

#include "commands.hpp"
#include "log.hpp"
#include "signals.hpp"
#include "tourney/spec/host_port.hpp"
#include "tourney/spec/worker_config.hpp"
#include "tourney/worker.hpp"

namespace tourney::app {

int run_worker(const worker_command_options& options) {
  auto where = spec::parse_host_port(options.listen, true);
  if (!where) {
    eprint("tourney worker: --listen {}\n", where.error().message);
    return exit_usage;
  }
  worker_options wo;
  wo.host = where->host;
  wo.port = where->port;
  spec::worker_config config;
  if (!options.config.empty()) {
    auto loaded = spec::load_worker_config(options.config);
    if (!loaded) {
      eprint("tourney worker: {}\n", loaded.error().message);
      return exit_usage;
    }
    config = std::move(*loaded);
  }
  wo.players = config.players;
  wo.storage_dir = options.storage.empty() ? config.storage : options.storage;
  wo.slots = options.slots > 0 ? static_cast<std::size_t>(options.slots)
                               : static_cast<std::size_t>(std::max(1, config.slots));
  wo.tls = config.tls;
  if (!options.tls.certificate.empty() || !options.tls.key.empty() || !options.tls.ca.empty()) {
    wo.tls = options.tls;
  }
  wo.insecure_plaintext = options.insecure_plaintext || config.insecure_plaintext;
  const double timeout_s = options.handshake_timeout_s > 0 ? options.handshake_timeout_s : config.handshake_timeout_s;
  wo.handshake_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(timeout_s * 1000));
  if (!wo.tls.enabled() && !wo.insecure_plaintext && !spec::is_loopback_host(wo.host)) {
    eprint(
               "tourney worker: --listen {}: plaintext beyond loopback lets anyone who reaches the port play games "
               "here; use mutual TLS (--tls-cert, --tls-key, --tls-ca), or pass --insecure-plaintext (config: "
               "\"insecure_plaintext\": true) on a network you trust\n",
               options.listen);
    return exit_usage;
  }
  // Games and connections are the worker's progress (stdout, one line
  // each); what went wrong is a diagnostic (stderr).
  wo.on_log = [](const std::string& text) {
    const bool bad = text.rfind("dropped", 0) == 0 || text.rfind("refused", 0) == 0 ||
                     text.find("fault") != std::string::npos || text.find("failed") != std::string::npos;
    if (bad) {
      log(log_level::warn, "{}", text);
    } else {
      fmt::print("{}\n", text);
      std::fflush(stdout);
    }
  };
  interrupt_signals signals;
  auto node = worker_node::start(wo);
  if (!node) {
    eprint("tourney worker: {}\n", node.error().message);
    return node.error().kind == error_kind::in_use ? exit_usage : exit_failure;
  }
  fmt::print("listening on {}:{}\n", where->host, (*node)->port());
  std::fflush(stdout);
  log(log_level::info, "worker: {} game slot(s), {} player definition(s), storage {}, {}", wo.slots,
      wo.players.size(), wo.storage_dir, wo.tls.enabled() ? "mutual TLS" : "plain TCP");
  if (!wo.tls.enabled() && !spec::is_loopback_host(wo.host)) {
    log(log_level::warn, "worker: plaintext on {} (--insecure-plaintext): anyone who reaches this port can play "
        "games here and read them; use TLS on a real network", wo.host);
  }
  while (signals.received() == 0) {
    pollfd fd{signals.fd(), POLLIN, 0};
    if (::poll(&fd, 1, -1) < 0 && errno != EINTR) {
      eprint("tourney worker: poll: {}\n", std::strerror(errno));
      break;
    }
  }
  log(log_level::info, "worker: signal {} received, stopping", signals.received());
  (*node)->stop();
  return exit_ok;
}

}  // namespace tourney::app
