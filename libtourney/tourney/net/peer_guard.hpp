#pragma once
// What a worker node accepts from a peer before the bytes reach CAF: a pure
// check of one connection's incoming byte stream (no sockets, no clocks: time
// is an argument).
//
// Why outside CAF: CAF 0.17's BASP broker sizes its read buffer from the
// payload length a header announces, before any handshake, so one 32-byte
// header announcing 4 GB made a worker allocate 4 GB. The guard refuses such
// a peer before CAF sees the header.
//
// Two framings:
//  - basp (plaintext): every CAF 0.17.6 BASP header is decoded and checked
//    as CAF checks it (libcaf_io/src/io/basp/header.cpp, valid()), plus: the
//    peer's first message is a client handshake with a small payload, a peer
//    never sends a server handshake, a header's payload is at most a limit.
//    Memory per peer is then bounded by the limit, whatever it sends.
//  - tls: the bytes are encrypted; only the TLS record layer is visible. The
//    guard checks the record headers (type, version, length of at most
//    16 KiB + 2048) and bounds the bytes a peer may send before its first
//    application-data record: by then its part of the TLS handshake is done
//    and OpenSSL (in CAF) has either accepted its certificate or closes the
//    connection. Payload lengths inside the encrypted stream are not visible:
//    only a peer with a certificate from the CA gets that far.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tourney/util/expected.hpp"

namespace tourney::net {

/// CAF 0.17.6's BASP header on the wire (libcaf_io caf/io/basp/header.hpp),
/// big endian: operation u8, two padding bytes, flags u8, payload_len u32,
/// operation_data u64, source_actor u64, dest_actor u64.
inline constexpr std::size_t basp_header_size = 32;

enum class basp_operation : std::uint8_t {
  server_handshake = 0,
  client_handshake = 1,
  direct_message = 2,
  routed_message = 3,
  monitor_message = 4,
  down_message = 5,
  heartbeat = 6,
};

struct basp_header {
  std::uint8_t operation = 0;
  std::uint8_t flags = 0;
  std::uint32_t payload_len = 0;
  std::uint64_t operation_data = 0;
  std::uint64_t source_actor = 0;
  std::uint64_t dest_actor = 0;
};

/// Decodes the first basp_header_size bytes of `bytes` (which must hold them).
basp_header decode_basp_header(std::string_view bytes);
/// The wire form (tests, and tools that speak to a worker).
std::string encode_basp_header(const basp_header& h);

/// "client_handshake", ..., or "operation 0x47".
std::string basp_operation_name(std::uint8_t operation);

/// A TLS record header: content type u8, version u16, length u16.
inline constexpr std::size_t tls_record_header_size = 5;
/// RFC 5246 6.2.3: a record's ciphertext is at most 2^14 + 2048 bytes.
inline constexpr std::size_t tls_max_record_length = 16384 + 2048;

enum class peer_framing { basp, tls };

struct peer_limits {
  /// BASP: payload of a client handshake (CAF sends its node id: tens of bytes).
  std::uint32_t max_handshake_payload = 64 * 1024;
  /// BASP: payload of any message after the handshake (a game order carries
  /// its tournament's spec as JSON: kilobytes).
  std::uint32_t max_message_payload = 16 * 1024 * 1024;
  /// TLS: bytes before the peer's first application-data record (its
  /// handshake flight with its certificate chain: a few kilobytes).
  std::size_t max_tls_handshake_bytes = 256 * 1024;
  /// Time from accepting a connection until the peer is established.
  std::chrono::milliseconds handshake_timeout{5000};
};

class peer_guard {
 public:
  using time_point = std::chrono::steady_clock::time_point;

  peer_guard(peer_framing framing, const peer_limits& limits, time_point accepted_at);

  /// Checks the next bytes from the peer and appends to `out` the ones that
  /// may go on (a partial header waits here: at most a header's size). An
  /// error says what rule the peer broke and at which byte of its stream;
  /// after one, nothing more is accepted.
  expected<void> feed(std::string_view bytes, std::string& out);

  /// BASP: the peer's client handshake went through whole. TLS: the peer
  /// sent its first application-data record.
  bool established() const {
    return established_;
  }
  bool failed() const {
    return failed_;
  }
  /// Every byte fed so far (a partial header included).
  std::uint64_t bytes_seen() const {
    return seen_ + header_.size();
  }
  time_point deadline() const {
    return deadline_;
  }
  /// Why the peer is refused at `now` for not being established in time
  /// (nothing when it is established or still within its deadline).
  std::optional<std::string> overdue(time_point now) const;

 private:
  expected<void> check_basp(const basp_header& h, std::uint64_t at);
  expected<void> check_tls(std::string_view record, std::uint64_t at);
  expected<void> refuse(std::string why);

  peer_framing framing_;
  peer_limits limits_;
  time_point deadline_;
  std::string header_;           // the partial header read so far
  std::uint64_t body_left_ = 0;  // payload (BASP) or record (TLS) bytes still to pass
  std::uint64_t seen_ = 0;
  std::uint64_t messages_ = 0;
  bool established_ = false;
  bool handshake_in_body_ = false;  // BASP: the body passing is the client handshake's
  bool failed_ = false;
};

}  // namespace tourney::net
