#include "tourney/net/peer_guard.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace tourney::net {

namespace {

std::uint64_t read_be(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < width; ++i) {
    v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  }
  return v;
}

void write_be(std::string& out, std::uint64_t v, std::size_t width) {
  for (std::size_t i = width; i > 0; --i) {
    out.push_back(static_cast<char>((v >> (8 * (i - 1))) & 0xff));
  }
}

// The first bytes of a header, for an operator to recognise what connected.
std::string leading_bytes(std::string_view header) {
  std::string text;
  for (std::size_t i = 0; i < std::min<std::size_t>(4, header.size()); ++i) {
    text += fmt::format("{}{:02x}", i == 0 ? "" : " ", static_cast<unsigned char>(header[i]));
  }
  return text;
}

// What a header that is no BASP header probably is.
std::string guess(std::string_view header) {
  const auto first = static_cast<unsigned char>(header[0]);
  if (first == 0x16) {
    return ": a TLS handshake (the peer uses TLS; this worker listens in plaintext)";
  }
  if (first >= 0x20 && first < 0x7f) {
    return ": text (an HTTP request or another text protocol?)";
  }
  return "";
}

// What CAF 0.17.6's valid() (libcaf_io/src/io/basp/header.cpp) asks of a
// header, plus a payload for the handshakes (CAF reads a handshake's payload
// without checking that there is one). Empty = fine.
std::string malformed(const basp_header& h) {
  switch (static_cast<basp_operation>(h.operation)) {
    case basp_operation::client_handshake:
      if (h.source_actor != 0 || h.dest_actor != 0) {
        return "a client handshake names no actors";
      }
      return h.payload_len == 0 ? "a client handshake carries the peer's node id" : "";
    case basp_operation::direct_message:
    case basp_operation::routed_message:
      return h.dest_actor == 0 || h.payload_len == 0 ? "a message needs a receiver and a payload" : "";
    case basp_operation::monitor_message:
      return h.payload_len == 0 || h.operation_data != 0 ? "a monitor message has a payload and no operation data"
                                                         : "";
    case basp_operation::down_message:
      return h.source_actor == 0 || h.dest_actor != 0 || h.payload_len == 0 || h.operation_data != 0
                 ? "a down message names its source only and has a payload"
                 : "";
    case basp_operation::heartbeat:
      return h.source_actor != 0 || h.dest_actor != 0 || h.payload_len != 0 || h.operation_data != 0
                 ? "a heartbeat is all zeros"
                 : "";
    case basp_operation::server_handshake:
      break;
  }
  return "";
}

}  // namespace

basp_header decode_basp_header(std::string_view bytes) {
  basp_header h;
  h.operation = static_cast<std::uint8_t>(bytes[0]);
  h.flags = static_cast<std::uint8_t>(bytes[3]);
  h.payload_len = static_cast<std::uint32_t>(read_be(bytes, 4, 4));
  h.operation_data = read_be(bytes, 8, 8);
  h.source_actor = read_be(bytes, 16, 8);
  h.dest_actor = read_be(bytes, 24, 8);
  return h;
}

std::string encode_basp_header(const basp_header& h) {
  std::string out;
  out.push_back(static_cast<char>(h.operation));
  out.push_back('\0');
  out.push_back('\0');
  out.push_back(static_cast<char>(h.flags));
  write_be(out, h.payload_len, 4);
  write_be(out, h.operation_data, 8);
  write_be(out, h.source_actor, 8);
  write_be(out, h.dest_actor, 8);
  return out;
}

std::string basp_operation_name(std::uint8_t operation) {
  switch (operation) {
    case 0:
      return "server_handshake";
    case 1:
      return "client_handshake";
    case 2:
      return "direct_message";
    case 3:
      return "routed_message";
    case 4:
      return "monitor_message";
    case 5:
      return "down_message";
    case 6:
      return "heartbeat";
    default:
      return fmt::format("operation 0x{:02x}", operation);
  }
}

peer_guard::peer_guard(peer_framing framing, const peer_limits& limits, time_point accepted_at)
    : framing_(framing), limits_(limits), deadline_(accepted_at + limits.handshake_timeout) {}

expected<void> peer_guard::refuse(std::string why) {
  failed_ = true;
  header_.clear();
  return fail(std::move(why));
}

expected<void> peer_guard::feed(std::string_view bytes, std::string& out) {
  if (failed_) {
    return fail("the peer was refused already");
  }
  const std::size_t header_size = framing_ == peer_framing::basp ? basp_header_size : tls_record_header_size;
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (body_left_ > 0) {
      const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(body_left_, bytes.size() - i));
      out.append(bytes.substr(i, n));
      i += n;
      seen_ += n;
      body_left_ -= n;
      if (body_left_ == 0 && handshake_in_body_) {
        handshake_in_body_ = false;
        established_ = true;
      }
      continue;
    }
    const auto n = std::min(header_size - header_.size(), bytes.size() - i);
    header_.append(bytes.substr(i, n));
    i += n;
    if (header_.size() < header_size) {
      break;
    }
    const auto at = seen_;
    if (framing_ == peer_framing::basp) {
      TOURNEY_TRY(check_basp(decode_basp_header(header_), at));
    } else {
      TOURNEY_TRY(check_tls(header_, at));
    }
    out.append(header_);
    seen_ += header_.size();
    header_.clear();
    ++messages_;
    if (handshake_in_body_ && body_left_ == 0) {
      handshake_in_body_ = false;
      established_ = true;
    }
  }
  return {};
}

expected<void> peer_guard::check_basp(const basp_header& h, std::uint64_t at) {
  const auto name = basp_operation_name(h.operation);
  if (h.operation > static_cast<std::uint8_t>(basp_operation::heartbeat)) {
    return refuse(fmt::format("byte {}: not a CAF 0.17 BASP header (starts {}){}", at, leading_bytes(header_),
                              at == 0 ? guess(header_) : ""));
  }
  if (h.operation == static_cast<std::uint8_t>(basp_operation::server_handshake)) {
    return refuse(fmt::format("byte {}: a server_handshake, which only the worker itself sends", at));
  }
  if (!established_ && h.operation != static_cast<std::uint8_t>(basp_operation::client_handshake)) {
    return refuse(fmt::format("byte {}: a {} before the handshake (a peer's first message is a client_handshake)",
                              at, name));
  }
  if (auto why = malformed(h); !why.empty()) {
    return refuse(fmt::format("byte {}: a malformed {} header ({})", at, name, why));
  }
  const auto limit = established_ ? limits_.max_message_payload : limits_.max_handshake_payload;
  if (h.payload_len > limit) {
    return refuse(fmt::format("byte {}: a {} announcing a payload of {} bytes, over the limit of {} bytes {}", at,
                              name, h.payload_len, limit,
                              established_ ? "for a message" : "before the handshake"));
  }
  body_left_ = h.payload_len;
  handshake_in_body_ = !established_;
  return {};
}

expected<void> peer_guard::check_tls(std::string_view record, std::uint64_t at) {
  const auto type = static_cast<unsigned char>(record[0]);
  const auto major = static_cast<unsigned char>(record[1]);
  const auto minor = static_cast<unsigned char>(record[2]);
  const auto length = read_be(record, 3, 2);
  // change_cipher_spec (20), alert (21), handshake (22), application data (23).
  if (type < 20 || type > 23 || major != 3 || minor > 4) {
    std::string hint;
    if (at == 0 && type <= static_cast<unsigned char>(basp_operation::heartbeat)) {
      hint = ": a plaintext CAF peer? this worker requires TLS";
    } else if (at == 0 && type >= 0x20 && type < 0x7f) {
      hint = ": text (an HTTP request or another text protocol?)";
    }
    return refuse(fmt::format("byte {}: not a TLS record (starts {}){}", at, leading_bytes(record), hint));
  }
  if (at == 0 && type != 22) {
    return refuse(fmt::format("byte 0: a TLS record of type {} before the handshake", type));
  }
  if (length == 0 || length > tls_max_record_length) {
    return refuse(fmt::format("byte {}: a TLS record of {} bytes (1 to {} allowed)", at, length, tls_max_record_length));
  }
  // The first application-data record ends the handshake bytes it bounds.
  if (!established_ && type != 23 && at + tls_record_header_size + length > limits_.max_tls_handshake_bytes) {
    return refuse(fmt::format("byte {}: over {} bytes before the TLS handshake finished", at,
                              limits_.max_tls_handshake_bytes));
  }
  if (type == 23) {
    established_ = true;
  }
  body_left_ = length;
  return {};
}

std::optional<std::string> peer_guard::overdue(time_point now) const {
  if (established_ || failed_ || now < deadline_) {
    return std::nullopt;
  }
  return fmt::format("no {} within {} ms ({} byte(s) received)",
                     framing_ == peer_framing::basp ? "BASP client handshake" : "TLS handshake",
                     limits_.handshake_timeout.count(), seen_ + header_.size());
}

}  // namespace tourney::net
