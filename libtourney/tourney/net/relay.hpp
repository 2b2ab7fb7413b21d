#pragma once
// A worker node's public port: accepts peers, checks what each sends with a
// peer_guard and forwards what passes to CAF's port on 127.0.0.1, and back.
// It closes a peer that breaks a rule or is not established by its deadline,
// and says so (peer address and why) through `log`. One thread, poll(2);
// per peer at most `buffer_bytes` wait in each direction (a side is not read
// while the other side's buffer is full), so a peer that sends or reads
// slowly costs bounded memory.
//
//   auto r = net::relay::start(options);   // listens at once
//   (*r)->port();                          // the port bound (useful with port 0)
//   (*r)->stop();                          // idempotent; also on destruction
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "tourney/net/peer_guard.hpp"
#include "tourney/util/expected.hpp"

namespace tourney::net {

struct relay_options {
  std::string host = "127.0.0.1";  // where peers connect
  std::uint16_t port = 0;          // 0 = any free port
  std::uint16_t backend_port = 0;  // CAF's port on 127.0.0.1
  peer_framing framing = peer_framing::basp;
  peer_limits limits;
  /// Peers not yet established at once; one more is refused (and logged).
  std::size_t max_pending_peers = 64;
  /// Connections at once, established or not; one more is refused.
  std::size_t max_peers = 256;
  /// Bytes waiting per peer and direction.
  std::size_t buffer_bytes = 256 * 1024;
  /// One line per refused peer, at most `log_burst` per `log_window` (then
  /// one line counting the rest); called from the relay's thread.
  std::function<void(const std::string&)> log;
  std::size_t log_burst = 100;
  std::chrono::milliseconds log_window{10000};
};

class relay {
 public:
  /// Errors say what could not be done (address not resolved, port in use).
  static expected<std::unique_ptr<relay>> start(relay_options options);

  ~relay();
  relay(const relay&) = delete;
  relay& operator=(const relay&) = delete;

  std::uint16_t port() const;
  /// Closes the port and every connection through it (idempotent).
  void stop();

 private:
  class impl;
  explicit relay(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace tourney::net
