#pragma once
// Mutual TLS between a coordinator and its worker nodes (caf::openssl): this
// node's certificate and key, and the CA that signs every node's certificate.
// All three or none: with them, a peer must present a certificate from the CA
// and plaintext is refused; without them, links are plain TCP.
// Public (runtime.hpp, worker.hpp include it): no JSON here; configs read it
// with tls_from_json (tls_json.hpp).
#include <string>

#include "tourney/util/expected.hpp"

namespace tourney::spec {

struct tls_options {
  std::string certificate;  // PEM file
  std::string key;          // PEM file (unencrypted)
  std::string ca;           // PEM file of the CA

  bool enabled() const {
    return !certificate.empty() || !key.empty() || !ca.empty();
  }
};

/// All three set and readable, or none; errors name the missing or unreadable file.
[[nodiscard]] expected<void> check_tls(const tls_options& tls);

}  // namespace tourney::spec
