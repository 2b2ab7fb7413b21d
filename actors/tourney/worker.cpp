#include "tourney/worker.hpp"

#include <algorithm>
#include <mutex>
#include <thread>


#include <fmt/format.h>

#include "caf/actor_system.hpp"
#include "caf/actor_system_config.hpp"
#include "caf/exit_reason.hpp"
#include "caf/io/middleman.hpp"
#include "caf/openssl/publish.hpp"

#include "tourney/detail/network_config.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/detail/worker_node.hpp"
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
    add_message_types(config_);
    // CAF's own default (max(4, cores)) unless set: the thread count the
    // remote tests have always run the worker with.
    detail::configure_scheduler(config_, options_.scheduler_threads > 0
                                             ? options_.scheduler_threads
                                             : std::max<std::size_t>(4, std::thread::hardware_concurrency()));
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
    auto lock = std::make_shared<std::mutex>();
    ws.log = [sink, lock](const std::string& text) {
      std::lock_guard<std::mutex> guard(*lock);
      if (sink) {
        sink(text);
      } else {
        fmt::print(stderr, "tourney worker: {}\n", text);
      }
    };
    worker_ = detail::spawn_worker_node(*system_, std::move(ws));
    const char* in = options_.host.c_str();
    auto port = options_.tls.enabled() ? caf::openssl::publish(worker_, options_.port, in, true)
                                       : system_->middleman().publish(worker_, options_.port, in, true);
    if (!port) {
      auto why = system_->render(port.error());
      stop();
      return fail(fmt::format("cannot listen on {}:{}: {}", options_.host, options_.port, why));
    }
    port_ = *port;
    return {};
  }

  std::uint16_t port() const {
    return port_;
  }

  void stop() {
    std::lock_guard<std::mutex> guard(mutex_);
    if (!system_) {
      return;
    }
    if (worker_) {
      if (port_ != 0) {
        system_->middleman().unpublish(worker_, port_);
      }
      caf::anon_send_exit(worker_, caf::exit_reason::user_shutdown);
      worker_ = nullptr;
    }
    system_.reset();  // waits for the games and engine pools to end
  }

 private:
  worker_options options_;
  caf::actor_system_config config_;
  std::unique_ptr<caf::actor_system> system_;
  caf::actor worker_;
  std::uint16_t port_ = 0;
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
