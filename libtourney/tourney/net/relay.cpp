#include "tourney/net/relay.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include "tourney/net/log_budget.hpp"

namespace tourney::net {

namespace {

using clock_type = std::chrono::steady_clock;

std::string errno_text(int e) {
  return std::strerror(e);
}

void close_fd(int& fd) {
  if (fd >= 0) {
    ::close(fd);
    fd = -1;
  }
}

std::string address_of(const sockaddr_storage& sa, socklen_t len) {
  char host[NI_MAXHOST] = {};
  char serv[NI_MAXSERV] = {};
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&sa), len, host, sizeof(host), serv, sizeof(serv),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    return "an unknown address";
  }
  return sa.ss_family == AF_INET6 ? fmt::format("[{}]:{}", host, serv) : fmt::format("{}:{}", host, serv);
}

// One peer and its connection to CAF.
struct link {
  int peer = -1;
  int backend = -1;
  std::string address;
  peer_guard guard;
  std::string to_backend;
  std::string to_peer;
  bool connecting = true;
  bool peer_eof = false;
  bool backend_eof = false;
  bool closed = false;

  link(int fd, std::string where, const relay_options& o, clock_type::time_point now)
      : peer(fd), address(std::move(where)), guard(o.framing, o.limits, now) {}
};

}  // namespace

class relay::impl {
 public:
  explicit impl(relay_options o) : options_(std::move(o)) {}

  ~impl() {
    stop();
  }

  expected<void> start() {
    if (options_.backend_port == 0) {
      return fail("relay: no backend port");
    }
    TOURNEY_TRY(listen());
    wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wake_ < 0) {
      auto why = errno_text(errno);
      close_fd(listener_);
      return fail("relay: eventfd: " + why);
    }
    thread_ = std::thread([this] { run(); });
    return {};
  }

  std::uint16_t port() const {
    return port_;
  }

  void stop() {
    std::lock_guard<std::mutex> guard(stop_mutex_);
    if (thread_.joinable()) {
      const std::uint64_t one = 1;
      // The loop polls this descriptor: a write always wakes it.
      [[maybe_unused]] auto n = ::write(wake_, &one, sizeof(one));
      thread_.join();
    }
    close_fd(wake_);
    close_fd(listener_);
  }

 private:
  expected<void> listen() {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const auto service = std::to_string(options_.port);
    const char* host = options_.host.empty() ? nullptr : options_.host.c_str();
    if (int rc = ::getaddrinfo(host, service.c_str(), &hints, &found); rc != 0) {
      return fail(fmt::format("cannot resolve {}: {}", options_.host, ::gai_strerror(rc)));
    }
    std::string why = "no address";
    for (auto* a = found; a != nullptr; a = a->ai_next) {
      int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0) {
        why = errno_text(errno);
        continue;
      }
      int yes = 1;
      ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
      if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, 128) != 0) {
        why = errno_text(errno);
        ::close(fd);
        continue;
      }
      sockaddr_storage bound{};
      socklen_t len = sizeof(bound);
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
      port_ = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                          : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
      listener_ = fd;
      break;
    }
    ::freeaddrinfo(found);
    if (listener_ < 0) {
      return fail(fmt::format("cannot listen on {}:{}: {}", options_.host, options_.port, why));
    }
    return {};
  }

  void say(const std::string& text) {
    if (options_.log) {
      options_.log(text);
    }
  }

  // A line about one peer, within the log budget.
  void say_peer(const std::string& text) {
    const auto now = clock_type::now();
    say_held(now);
    if (budget_.allow(now)) {
      say(text);
    }
  }

  void say_held(clock_type::time_point now) {
    if (auto n = budget_.take_held(now); n > 0) {
      say(fmt::format("refused or dropped {} more peer(s) without a line each (more than {} in {} ms)", n,
                      options_.log_burst, budget_.window().count()));
    }
  }

  void refuse(link& l, const std::string& why) {
    say_peer(fmt::format("refused peer {}: {}", l.address, why));
    close(l);
  }

  void close(link& l) {
    close_fd(l.peer);
    close_fd(l.backend);
    l.closed = true;
    l.to_backend.clear();
    l.to_backend.shrink_to_fit();
    l.to_peer.clear();
    l.to_peer.shrink_to_fit();
  }

  std::size_t pending() const {
    std::size_t n = 0;
    for (const auto& l : links_) {
      n += !l.closed && !l.guard.established() ? 1 : 0;
    }
    return n;
  }

  void accept_all(clock_type::time_point now) {
    for (;;) {
      sockaddr_storage from{};
      socklen_t len = sizeof(from);
      int fd = ::accept4(listener_, reinterpret_cast<sockaddr*>(&from), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED) {
          // Out of descriptors, typically: said once per wake-up; the peer
          // waits in the backlog.
          say("accepting a connection failed: " + errno_text(errno));
          accept_paused_until_ = now + std::chrono::milliseconds(100);
        }
        return;
      }
      auto where = address_of(from, len);
      if (links_.size() >= options_.max_peers) {
        say_peer(fmt::format("refused peer {}: {} connections are open already", where, options_.max_peers));
        ::close(fd);
        continue;
      }
      if (pending() >= options_.max_pending_peers) {
        say_peer(fmt::format("refused peer {}: {} connections are already waiting for their handshake", where,
                             options_.max_pending_peers));
        ::close(fd);
        continue;
      }
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
      auto& l = links_.emplace_back(fd, std::move(where), options_, now);
      l.backend = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      if (l.backend < 0) {
        refuse(l, "cannot open a connection to the worker: " + errno_text(errno));
        continue;
      }
      ::setsockopt(l.backend, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
      sockaddr_in to{};
      to.sin_family = AF_INET;
      to.sin_port = htons(options_.backend_port);
      to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (::connect(l.backend, reinterpret_cast<sockaddr*>(&to), sizeof(to)) == 0) {
        l.connecting = false;
      } else if (errno != EINPROGRESS) {
        refuse(l, "cannot connect to the worker: " + errno_text(errno));
      }
    }
  }

  // Reads what the peer sent and passes what its guard lets through.
  void read_peer(link& l) {
    for (int round = 0; round < 4 && l.to_backend.size() < options_.buffer_bytes; ++round) {
      const auto n = ::recv(l.peer, buffer_.data(), buffer_.size(), 0);
      if (n > 0) {
        auto ok = l.guard.feed(std::string_view(buffer_.data(), static_cast<std::size_t>(n)), l.to_backend);
        if (!ok) {
          refuse(l, ok.error().message);
          return;
        }
        continue;
      }
      if (n == 0) {
        l.peer_eof = true;
      } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        close(l);  // reset by the peer: nothing to say
      }
      return;
    }
  }

  void read_backend(link& l) {
    for (int round = 0; round < 4 && l.to_peer.size() < options_.buffer_bytes; ++round) {
      const auto n = ::recv(l.backend, buffer_.data(), buffer_.size(), 0);
      if (n > 0) {
        l.to_peer.append(buffer_.data(), static_cast<std::size_t>(n));
        continue;
      }
      if (n == 0) {
        l.backend_eof = true;
      } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        l.backend_eof = true;
      }
      return;
    }
  }

  // false: the connection broke.
  static bool write_out(int fd, std::string& data) {
    while (!data.empty()) {
      const auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
      if (n > 0) {
        data.erase(0, static_cast<std::size_t>(n));
        continue;
      }
      return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
    }
    return true;
  }

  void handle(link& l, short peer_events, short backend_events) {
    if (l.connecting && backend_events != 0) {
      int err = 0;
      socklen_t len = sizeof(err);
      ::getsockopt(l.backend, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0) {
        refuse(l, "cannot connect to the worker: " + errno_text(err));
        return;
      }
      l.connecting = false;
    }
    // The worker's side first: when both sides closed since the last poll,
    // the worker's close came first (the relay answers a peer's close by
    // closing both at once, so CAF never closes in answer to it), and is
    // worth a log line.
    if (!l.connecting && (backend_events & (POLLIN | POLLHUP | POLLERR))) {
      read_backend(l);
    }
    if (peer_events & (POLLIN | POLLHUP | POLLERR)) {
      read_peer(l);
      if (l.closed) {
        return;
      }
    }
    if (!l.connecting && !write_out(l.backend, l.to_backend)) {
      l.backend_eof = true;
      l.to_backend.clear();
    }
    if (!write_out(l.peer, l.to_peer)) {
      close(l);  // the peer went away
      return;
    }
    if (l.backend_eof && l.to_peer.empty()) {
      if (!l.peer_eof) {
        say_closed_by_worker(l);
      }
      close(l);
      return;
    }
    if (l.peer_eof && l.to_backend.empty()) {
      close(l);
    }
  }

  // CAF (or OpenSSL in it) closed a connection the peer still held: during
  // the handshake that is a refusal; later a lost heartbeat, a damaged
  // message or (TLS 1.3, whose client certificate travels encrypted) a
  // certificate OpenSSL did not accept.
  void say_closed_by_worker(const link& l) {
    const bool tls = options_.framing == peer_framing::tls;
    if (!l.guard.established()) {
      say_peer(fmt::format("refused peer {}: {}", l.address,
                           tls ? "the worker's TLS layer closed the connection during the handshake (a certificate not "
                            "signed by this worker's CA, or not TLS)"
                          : "the worker closed the connection during the handshake (a malformed handshake)"));
      return;
    }
    say_peer(fmt::format("dropped peer {}: the worker closed the connection ({})", l.address,
                    tls ? "a certificate not signed by this worker's CA, a damaged message or missed heartbeats"
                        : "a damaged message or missed heartbeats"));
  }

  void run() {
    std::vector<pollfd> fds;
    std::vector<link*> order;
    for (;;) {
      const auto now = clock_type::now();
      fds.clear();
      order.clear();
      fds.push_back({wake_, POLLIN, 0});
      fds.push_back({now >= accept_paused_until_ ? listener_ : -1, POLLIN, 0});
      auto next = clock_type::time_point::max();
      for (auto& l : links_) {
        short pe = 0;
        short be = 0;
        if (!l.peer_eof && l.to_backend.size() < options_.buffer_bytes) {
          pe |= POLLIN;
        }
        if (!l.to_peer.empty()) {
          pe |= POLLOUT;
        }
        if (l.connecting) {
          be |= POLLOUT;
        } else {
          if (!l.backend_eof && l.to_peer.size() < options_.buffer_bytes) {
            be |= POLLIN;
          }
          if (!l.to_backend.empty()) {
            be |= POLLOUT;
          }
        }
        // A side with nothing wanted is left out: poll reports a hang-up
        // whatever was asked, and would wake the loop again and again.
        fds.push_back({pe != 0 ? l.peer : -1, pe, 0});
        fds.push_back({be != 0 ? l.backend : -1, be, 0});
        order.push_back(&l);
        if (!l.guard.established()) {
          next = std::min(next, l.guard.deadline());
        }
      }
      if (accept_paused_until_ > now) {
        next = std::min(next, accept_paused_until_);
      }
      if (auto due = budget_.summary_due()) {
        next = std::min(next, *due);
      }
      int timeout = -1;
      if (next != clock_type::time_point::max()) {
        // Rounded up, so a wake-up is never before the deadline.
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(next - now).count();
        timeout = static_cast<int>(std::clamp<long long>(left, 0, 60000));
      }
      if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) {
        say("the relay's poll failed: " + errno_text(errno));
        break;
      }
      if (fds[0].revents != 0) {
        break;
      }
      const auto after = clock_type::now();
      for (std::size_t i = 0; i < order.size(); ++i) {
        auto& l = *order[i];
        if (!l.closed) {
          handle(l, fds[2 + 2 * i].revents, fds[3 + 2 * i].revents);
        }
        if (!l.closed) {
          if (auto why = l.guard.overdue(after)) {
            refuse(l, *why);
          }
        }
      }
      say_held(after);
      links_.remove_if([](const link& l) { return l.closed; });
      if (fds[1].revents != 0) {
        accept_all(after);
      }
    }
    // Stopping: the count of lines held back is said now, not lost.
    say_held(clock_type::time_point::max());
    for (auto& l : links_) {
      close(l);
    }
    links_.clear();
  }

  relay_options options_;
  int listener_ = -1;
  int wake_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
  // Host boundary: stop() from any host thread (and the destructor) joins the loop once.
  std::mutex stop_mutex_;
  std::list<link> links_;
  std::array<char, 64 * 1024> buffer_{};
  clock_type::time_point accept_paused_until_{};
  log_budget budget_{options_.log_burst, options_.log_window};
};

expected<std::unique_ptr<relay>> relay::start(relay_options options) {
  auto p = std::make_unique<impl>(std::move(options));
  TOURNEY_TRY(p->start());
  return std::unique_ptr<relay>(new relay(std::move(p)));
}

relay::relay(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

relay::~relay() = default;

std::uint16_t relay::port() const {
  return impl_->port();
}

void relay::stop() {
  impl_->stop();
}

}  // namespace tourney::net
