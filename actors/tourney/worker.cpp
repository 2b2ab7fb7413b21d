#include "tourney/worker.hpp"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>


#include <fmt/format.h>

#include "caf/actor_system.hpp"
#include "caf/actor_system_config.hpp"
#include "caf/exit_reason.hpp"
#include "caf/io/middleman.hpp"
#include "caf/openssl/publish.hpp"

#include "tourney/detail/remote/network_config.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/detail/remote/worker_node.hpp"
#include "tourney/net/relay.hpp"
#include "tourney/spec/host_port.hpp"
#include "tourney/storage/folder_lock.hpp"
#include "tourney/runtime_caf.hpp"

namespace tourney {

class worker_node::impl {
 public:
  explicit impl(worker_options o) : options_(std::move(o)) {}

  ~impl() {
    stop();
  }

  expected<void> start() {
    if (options_.slots == 0) {
      return fail("a worker needs at least one game slot");
    }
    TOURNEY_TRY(spec::check_tls(options_.tls));
    if (!options_.tls.enabled() && !options_.insecure_plaintext && !spec::is_loopback_host(options_.host)) {
      return fail(fmt::format("plaintext on {} (not a loopback address) needs --insecure-plaintext; on a real "
                              "network use mutual TLS (--tls-cert, --tls-key, --tls-ca)",
                              options_.host));
    }
    if (options_.handshake_timeout.count() <= 0) {
      return fail("the handshake timeout must be positive");
    }
    // One writer per storage folder: two workers would mix their engines' logs.
    const auto storage = options_.storage_dir.empty() ? std::string(".") : options_.storage_dir;
    if (std::error_code ec; !std::filesystem::create_directories(storage, ec) && ec) {
      return fail(fmt::format("storage {}: cannot create: {}", storage, ec.message()));
    }
    auto held = storage::folder_lock::acquire(storage);
    if (!held) {
      return tl::unexpected(held.error());
    }
    storage_lock_.emplace(std::move(*held));
    add_message_types(config_);
    // The runtime's default (one per hardware thread, at least 2). It was
    // CAF's max(4, cores) after a remote CI run hung once with fewer; no
    // thread of the runtime blocks on another's lock any more (the engine
    // thread owns engines and games handed to it), so threads are not
    // needed as a margin against that.
    detail::configure_scheduler(config_, options_.scheduler_threads);
    detail::network_settings net;
    net.tls = options_.tls;
    net.heartbeat_interval = options_.heartbeat_interval;
    net.connection_timeout = options_.connection_timeout;
    detail::configure_network(config_, net);
    system_ = std::make_unique<caf::actor_system>(config_);
    detail::worker_settings ws;
    ws.slots = options_.slots;
    ws.storage_dir = options_.storage_dir.empty() ? "." : options_.storage_dir;
    for (const auto& p : options_.players) {
      ws.players[p.name] = p;
    }
    ws.node_name = detail::node_name();
    auto sink = options_.on_log;
    // Host boundary: the host's log sink is called from scheduler and relay threads at once.
    auto lock = std::make_shared<std::mutex>();
    ws.log = [sink, lock](const std::string& text) {
      std::lock_guard<std::mutex> guard(*lock);
      if (sink) {
        sink(text);
      } else {
        fmt::print(stderr, "tourney worker: {}\n", text);
      }
    };
    ws_log_ = ws.log;
    worker_ = detail::spawn_worker_node(*system_, std::move(ws));
    // CAF listens on loopback only; peers reach it through the relay, which
    // checks their bytes first (CAF 0.17 would allocate whatever payload a
    // header announces, before any handshake).
    const char* in = "127.0.0.1";
    auto caf_port = options_.tls.enabled() ? caf::openssl::publish(worker_, 0, in, true)
                                           : system_->middleman().publish(worker_, 0, in, true);
    if (!caf_port) {
      auto why = system_->render(caf_port.error());
      stop();
      return fail(fmt::format("cannot listen on 127.0.0.1 (the worker's own port): {}", why));
    }
    caf_port_ = *caf_port;
    net::relay_options ro;
    ro.host = options_.host;
    ro.port = options_.port;
    ro.backend_port = caf_port_;
    ro.framing = options_.tls.enabled() ? net::peer_framing::tls : net::peer_framing::basp;
    ro.limits.handshake_timeout = options_.handshake_timeout;
    ro.limits.max_message_payload = options_.max_message_bytes;
    ro.max_pending_peers = options_.max_pending_peers;
    ro.max_peers = options_.max_peers;
    ro.log = ws_log_;
    auto r = net::relay::start(std::move(ro));
    if (!r) {
      stop();
      return fail(r.error().message);
    }
    relay_ = std::move(*r);
    port_ = relay_->port();
    return {};
  }

  std::uint16_t port() const {
    return port_;
  }

  void stop() {
    std::lock_guard<std::mutex> guard(mutex_);
    if (relay_) {
      relay_->stop();  // no new peers, and every peer's connection closed
      relay_.reset();
    }
    if (!system_) {
      return;
    }
    if (worker_) {
      if (caf_port_ != 0) {
        system_->middleman().unpublish(worker_, caf_port_);
      }
      caf::anon_send_exit(worker_, caf::exit_reason::user_shutdown);
      worker_ = nullptr;
    }
    system_.reset();  // waits for the games and engine pools to end
  }

 private:
  std::optional<storage::folder_lock> storage_lock_;  // released when the node is destroyed
  worker_options options_;
  caf::actor_system_config config_;
  std::unique_ptr<caf::actor_system> system_;
  caf::actor worker_;
  std::function<void(const std::string&)> ws_log_;
  std::unique_ptr<net::relay> relay_;
  std::uint16_t caf_port_ = 0;  // on 127.0.0.1, behind the relay
  std::uint16_t port_ = 0;      // the relay's: where peers connect
  // Host boundary: stop() may come from several host threads (and the destructor).
  std::mutex mutex_;
};

expected<std::unique_ptr<worker_node>> worker_node::start(worker_options options) {
  auto p = std::make_unique<impl>(std::move(options));
  TOURNEY_TRY(p->start());
  return std::unique_ptr<worker_node>(new worker_node(std::move(p)));
}

worker_node::worker_node(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

worker_node::~worker_node() = default;

std::uint16_t worker_node::port() const {
  return impl_->port();
}

void worker_node::stop() {
  impl_->stop();
}

}  // namespace tourney
