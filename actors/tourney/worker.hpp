#pragma once
// A worker node: offers game slots to coordinators (tourney::runtime with
// `workers`) over CAF's remote actors. Each game it is sent runs wholly here
// (referee, players, engines) and only its result goes back. No CAF in this
// header.
//
// The port peers connect to is tourney's own (net::relay): it checks each
// peer's bytes (net::peer_guard) before they reach CAF, which listens on
// 127.0.0.1 only, and closes peers that break a rule or do not finish their
// handshake in time, logging who and why.
//
//   tourney::worker_options options;
//   options.host = "0.0.0.0";
//   options.port = 9000;
//   options.slots = 4;
//   options.tls = tls;  // this node's certificate and key, and the CA
//   options.players = {tourney::spec::usi_engine("fairy", "/opt/fs/fairy-stockfish")};  // this node's paths
//   auto node = tourney::worker_node::start(options);
//   if (!node) {
//     return;  // node.error().message says why
//   }
//   (*node)->port();  // the port bound (useful with port 0)
//   (*node)->stop();  // idempotent; also on destruction
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tourney/spec/player_helpers.hpp"
#include "tourney/spec/tls_options.hpp"
#include "tourney/spec/tournament_spec.hpp"
#include "tourney/util/expected.hpp"

namespace tourney {

struct worker_options {
  std::string host = "127.0.0.1";  // address to listen on
  std::uint16_t port = 0;          // 0 = any free port
  std::size_t slots = 1;           // games played here at once
  /// Engine logs and working folders of the games played here.
  std::string storage_dir = "./tourney_worker";
  /// This node's definitions of players, by name: a coordinator's player of
  /// the same name plays with this definition (engine paths of this node).
  std::vector<spec::player_spec> players;
  spec::tls_options tls;
  /// Plaintext on an address other than loopback (127.0.0.0/8, ::1) is
  /// refused unless this is set: anyone who reaches the port could play
  /// games here, and nothing is encrypted. Real networks use `tls`.
  bool insecure_plaintext = false;
  /// A peer that has not finished its handshake this long after connecting
  /// is closed (and logged); afterwards CAF's heartbeats watch it.
  std::chrono::milliseconds handshake_timeout{std::chrono::seconds(5)};
  /// Largest message payload a plaintext peer may announce (bytes); CAF
  /// allocates what a header announces. Under TLS the payloads are
  /// encrypted and only peers with a certificate from the CA get that far.
  std::uint32_t max_message_bytes = 16 * 1024 * 1024;
  /// Connections waiting for their handshake at once; more are refused.
  std::size_t max_pending_peers = 64;
  /// Connections at once (coordinators, and peers still in their handshake).
  std::size_t max_peers = 256;
  std::size_t scheduler_threads = 0;  // 0 = one per hardware thread (at least 2), as the runtime
  /// Same meaning as in runtime_options; set alike on every node.
  std::chrono::milliseconds heartbeat_interval{500};
  std::chrono::milliseconds connection_timeout{std::chrono::seconds(3)};
  /// Receives one line per notable event (connections, games, dropped
  /// messages); called from the node's threads. Empty = stderr.
  std::function<void(const std::string&)> on_log;
};

class worker_node {
 public:
  /// Listens and serves until stop(); errors say what could not be done
  /// (bad options, unreadable TLS files, port in use).
  [[nodiscard]] static expected<std::unique_ptr<worker_node>> start(worker_options options);

  ~worker_node();
  worker_node(const worker_node&) = delete;
  worker_node& operator=(const worker_node&) = delete;

  std::uint16_t port() const;
  /// Stops every game and engine here and closes the port (idempotent).
  void stop();

 private:
  class impl;
  explicit worker_node(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace tourney
