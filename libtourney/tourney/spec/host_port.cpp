#include "tourney/spec/host_port.hpp"

#include <charconv>

namespace tourney::spec {

expected<host_port> parse_host_port(std::string_view text, bool allow_any_port) {
  const std::string quoted = "'" + std::string(text) + "'";
  host_port out;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return fail(quoted + ": expected [IPv6]:PORT");
    }
    out.host = std::string(text.substr(1, close - 1));
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      return fail(quoted + ": expected HOST:PORT");
    }
    out.host = std::string(text.substr(0, colon));
    port = text.substr(colon + 1);
    if (out.host.find(':') != std::string::npos) {
      return fail(quoted + ": an IPv6 host must be written in brackets ([::1]:PORT)");
    }
  }
  if (out.host.empty()) {
    return fail(quoted + ": the host is empty");
  }
  for (char c : out.host) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '/' || c == ',') {
      return fail(quoted + ": the host contains an invalid character");
    }
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value > 65535) {
    return fail(quoted + ": the port must be a number from " + (allow_any_port ? "0" : "1") + " to 65535");
  }
  if (value == 0 && !allow_any_port) {
    return fail(quoted + ": the port must be a number from 1 to 65535");
  }
  out.port = static_cast<std::uint16_t>(value);
  return out;
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") {
    return true;
  }
  // Dotted quad with 127 first (inet_pton would do, but this stays pure).
  int parts = 0;
  int value = -1;
  int first = -1;
  for (std::size_t i = 0; i <= host.size(); ++i) {
    if (i == host.size() || host[i] == '.') {
      if (value < 0 || value > 255) {
        return false;
      }
      if (parts == 0) {
        first = value;
      }
      ++parts;
      value = -1;
      continue;
    }
    if (host[i] < '0' || host[i] > '9') {
      return false;
    }
    value = (value < 0 ? 0 : value * 10) + (host[i] - '0');
    if (value > 255) {
      return false;
    }
  }
  return parts == 4 && first == 127;
}

expected<std::vector<std::string>> parse_host_port_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    auto item = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    TOURNEY_TRY(parse_host_port(item));
    out.emplace_back(item);
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  return out;
}

}  // namespace tourney::spec
