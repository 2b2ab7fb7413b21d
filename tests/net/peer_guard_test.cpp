// The worker's check of a peer's bytes, fed bytes directly (no sockets, time
// as an argument).
#include "tourney/net/peer_guard.hpp"

#include <boost/test/unit_test.hpp>

#include "tourney/spec/host_port.hpp"

using namespace tourney::net;
using namespace std::chrono_literals;

namespace {

const peer_guard::time_point t0{};

basp_header header(basp_operation op, std::uint32_t payload, std::uint64_t dest = 0, std::uint64_t source = 0,
                   std::uint64_t data = 0) {
  basp_header h;
  h.operation = static_cast<std::uint8_t>(op);
  h.payload_len = payload;
  h.dest_actor = dest;
  h.source_actor = source;
  h.operation_data = data;
  return h;
}

// A client handshake as CAF sends it: header plus a node id payload.
std::string client_handshake(std::size_t payload = 27) {
  return encode_basp_header(header(basp_operation::client_handshake, static_cast<std::uint32_t>(payload))) +
         std::string(payload, 'n');
}

std::string message(std::size_t payload, std::uint64_t dest = 5) {
  return encode_basp_header(header(basp_operation::direct_message, static_cast<std::uint32_t>(payload), dest)) +
         std::string(payload, 'm');
}

std::string tls_record(std::uint8_t type, std::size_t length, std::uint8_t minor = 3) {
  std::string r{static_cast<char>(type), '\x03', static_cast<char>(minor), static_cast<char>(length >> 8),
                static_cast<char>(length & 0xff)};
  return r + std::string(length, 'x');
}

peer_guard basp(peer_limits limits = {}) {
  return peer_guard(peer_framing::basp, limits, t0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(net_peer_guard)

BOOST_AUTO_TEST_CASE(headers_round_trip_in_caf_0_17_6_layout) {
  auto h = header(basp_operation::direct_message, 0x01020304, 0x1122334455667788, 9, 0xabcdef);
  h.flags = 1;
  const auto bytes = encode_basp_header(h);
  BOOST_TEST(bytes.size() == basp_header_size);
  BOOST_TEST(bytes[0] == '\x02');
  BOOST_TEST(bytes[3] == '\x01');
  BOOST_TEST(bytes.substr(4, 4) == std::string("\x01\x02\x03\x04"));  // big endian
  BOOST_TEST(bytes.substr(24, 8) == std::string("\x11\x22\x33\x44\x55\x66\x77\x88"));
  const auto back = decode_basp_header(bytes);
  BOOST_TEST(back.operation == h.operation);
  BOOST_TEST(back.flags == 1);
  BOOST_TEST(back.payload_len == h.payload_len);
  BOOST_TEST(back.operation_data == h.operation_data);
  BOOST_TEST(back.source_actor == h.source_actor);
  BOOST_TEST(back.dest_actor == h.dest_actor);
}

BOOST_AUTO_TEST_CASE(a_sound_session_passes_whole_in_any_split) {
  const std::string stream = client_handshake() + client_handshake() +
                             encode_basp_header(header(basp_operation::heartbeat, 0)) + message(3000) +
                             encode_basp_header(header(basp_operation::monitor_message, 40, 7)) +
                             std::string(40, 'o') + message(1);
  for (std::size_t chunk : {1u, 5u, 31u, 32u, 33u, 1000u, 100000u}) {
    auto g = basp();
    std::string out;
    for (std::size_t i = 0; i < stream.size(); i += chunk) {
      BOOST_REQUIRE(g.feed(std::string_view(stream).substr(i, chunk), out));
    }
    BOOST_TEST(out == stream, "chunk " << chunk);
    BOOST_TEST(g.established());
    BOOST_TEST(g.bytes_seen() == stream.size());
  }
}

BOOST_AUTO_TEST_CASE(a_partial_header_waits_and_is_not_forwarded) {
  auto g = basp();
  std::string out;
  const auto hs = client_handshake();
  BOOST_REQUIRE(g.feed(std::string_view(hs).substr(0, 31), out));
  BOOST_TEST(out.empty());
  BOOST_TEST(!g.established());
  BOOST_TEST(g.bytes_seen() == 31u);
  BOOST_REQUIRE(g.feed(std::string_view(hs).substr(31, 2), out));
  BOOST_TEST(out.size() == 33u);
  BOOST_TEST(!g.established());  // its payload is not through yet
  BOOST_REQUIRE(g.feed(std::string_view(hs).substr(33), out));
  BOOST_TEST(g.established());
}

BOOST_AUTO_TEST_CASE(the_4_gb_header_before_the_handshake_is_refused_and_nothing_passes) {
  // The red team's message: a direct message announcing 4 GB.
  auto g = basp();
  std::string out;
  auto r = g.feed(encode_basp_header(header(basp_operation::direct_message, 0xffffffffu, 1)), out);
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().message.find("byte 0") != std::string::npos, r.error().message);
  BOOST_TEST(r.error().message.find("before the handshake") != std::string::npos, r.error().message);
  BOOST_TEST(out.empty());
  BOOST_TEST(g.failed());
  BOOST_TEST(!g.feed(client_handshake(), out));  // nothing more from a refused peer
  BOOST_TEST(out.empty());
}

BOOST_AUTO_TEST_CASE(payload_limits_before_and_after_the_handshake) {
  peer_limits limits;
  limits.max_handshake_payload = 100;
  limits.max_message_payload = 1000;
  {
    auto g = basp(limits);
    std::string out;
    auto r = g.feed(encode_basp_header(header(basp_operation::client_handshake, 0xffffffffu)), out);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().message.find("4294967295") != std::string::npos, r.error().message);
    BOOST_TEST(r.error().message.find("limit of 100") != std::string::npos, r.error().message);
    BOOST_TEST(out.empty());
  }
  auto g = basp(limits);
  std::string out;
  BOOST_REQUIRE(g.feed(client_handshake(100) + message(1000), out));
  const auto before = out.size();
  auto r = g.feed(message(1001), out);
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().message.find("byte " + std::to_string(before)) != std::string::npos, r.error().message);
  BOOST_TEST(r.error().message.find("for a message") != std::string::npos, r.error().message);
  BOOST_TEST(out.size() == before);
}

BOOST_AUTO_TEST_CASE(headers_caf_would_refuse_or_misread_are_refused) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {encode_basp_header(header(basp_operation::client_handshake, 0)), "node id"},  // CAF reads a null payload
      {encode_basp_header(header(basp_operation::client_handshake, 10, 3)), "no actors"},
      {encode_basp_header(header(basp_operation::server_handshake, 10, 0, 0, 1)), "only the worker"},
      {encode_basp_header(header(basp_operation::heartbeat, 0)), "before the handshake"},
      {std::string("GET / HTTP/1.1\r\nHost: example\r\n\r\n"), "HTTP"},
      {tls_record(22, 200).substr(0, 32), "TLS"},
  };
  for (const auto& [bytes, needle] : cases) {
    auto g = basp();
    std::string out;
    auto r = g.feed(bytes, out);
    BOOST_REQUIRE_MESSAGE(!r, needle);
    BOOST_TEST(r.error().message.find(needle) != std::string::npos, r.error().message);
    BOOST_TEST(out.empty());
  }
  // After the handshake: CAF's own validity rules.
  const std::vector<std::pair<basp_header, std::string>> later = {
      {header(basp_operation::direct_message, 10, 0), "receiver"},
      {header(basp_operation::direct_message, 0, 4), "payload"},
      {header(basp_operation::heartbeat, 1), "all zeros"},
      {header(basp_operation::down_message, 8, 1, 0), "down message"},
      {header(basp_operation::monitor_message, 8, 1, 0, 3), "monitor message"},
  };
  for (const auto& [h, needle] : later) {
    auto g = basp();
    std::string out;
    BOOST_REQUIRE(g.feed(client_handshake(), out));
    auto r = g.feed(encode_basp_header(h), out);
    BOOST_REQUIRE_MESSAGE(!r, needle);
    BOOST_TEST(r.error().message.find(needle) != std::string::npos, r.error().message);
  }
}

BOOST_AUTO_TEST_CASE(the_deadline_applies_until_the_peer_is_established) {
  peer_limits limits;
  limits.handshake_timeout = 3s;
  peer_guard g(peer_framing::basp, limits, t0 + 10s);
  BOOST_TEST(!g.overdue(t0 + 12s));
  auto why = g.overdue(t0 + 13s);
  BOOST_REQUIRE(why);
  BOOST_TEST(why->find("3000 ms") != std::string::npos, *why);
  BOOST_TEST(why->find("0 byte(s)") != std::string::npos, *why);
  std::string out;
  BOOST_REQUIRE(g.feed(client_handshake().substr(0, 7), out));
  BOOST_TEST(g.overdue(t0 + 13s)->find("7 byte(s)") != std::string::npos);
  BOOST_REQUIRE(g.feed(client_handshake().substr(7), out));
  BOOST_TEST(!g.overdue(t0 + 100s));  // established: CAF's heartbeats watch it now
}

BOOST_AUTO_TEST_CASE(tls_records_are_framed_and_the_handshake_is_bounded) {
  peer_limits limits;
  limits.max_tls_handshake_bytes = 10000;
  {
    // ClientHello, certificate flight, then application data: established.
    peer_guard g(peer_framing::tls, limits, t0);
    std::string out;
    const auto stream = tls_record(22, 300, 1) + tls_record(20, 1) + tls_record(22, 4000) + tls_record(23, 16384) +
                        tls_record(21, 2) + tls_record(23, 18432);
    for (std::size_t i = 0; i < stream.size(); i += 3) {
      auto fed = g.feed(std::string_view(stream).substr(i, 3), out);
      BOOST_REQUIRE_MESSAGE(fed, (fed ? "" : fed.error().message));
      if (i + 3 < 300 + 5 + 6 + 4005) {
        BOOST_TEST(!g.established());
      }
    }
    BOOST_TEST(g.established());
    BOOST_TEST(out == stream);
  }
  const std::vector<std::pair<std::string, std::string>> cases = {
      {client_handshake(), "plaintext CAF peer"},
      {std::string("GET / HTTP/1.1\r\n"), "HTTP"},
      {tls_record(23, 10), "before the handshake"},
      {tls_record(22, 0), "0 bytes"},
      {tls_record(22, 300) + tls_record(22, 18433).substr(0, 5), "18433 bytes"},
      {tls_record(22, 300) + tls_record(24, 3), "not a TLS record"},
      {tls_record(22, 9000) + tls_record(22, 1000).substr(0, 5), "over 10000 bytes"},
  };
  for (const auto& [bytes, needle] : cases) {
    peer_guard g(peer_framing::tls, limits, t0);
    std::string out;
    auto r = g.feed(bytes, out);
    BOOST_REQUIRE_MESSAGE(!r, needle);
    BOOST_TEST(r.error().message.find(needle) != std::string::npos, r.error().message);
  }
  peer_guard silent(peer_framing::tls, limits, t0);
  BOOST_TEST(silent.overdue(t0 + 5s)->find("TLS handshake") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(loopback_hosts) {
  using tourney::spec::is_loopback_host;
  for (const char* h : {"127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"}) {
    BOOST_TEST(is_loopback_host(h), h);
  }
  for (const char* h : {"0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "127.0.0", "127.0.0.1.5", "127.0.0.256",
                        "node1", "", "127.0.0.1x"}) {
    BOOST_TEST(!is_loopback_host(h), h);
  }
}

BOOST_AUTO_TEST_SUITE_END()
