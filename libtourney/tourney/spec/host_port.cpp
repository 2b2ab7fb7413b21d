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
