#include "tourney/runtime/worker_roster.hpp"

#include <utility>

namespace tourney::rt {

void worker_roster::expect(const std::string& address, std::string why) {
  absent_[address] = std::move(why);
}

void worker_roster::join(const std::string& address, std::size_t slots) {
  absent_.erase(address);
  slots_[address] = slots;
  quarantine_.erase(address);
}

void worker_roster::leave(const std::string& address, std::string why) {
  absent_[address] = std::move(why);
  slots_.erase(address);
  quarantine_.erase(address);
}

std::optional<std::uint64_t> worker_roster::quarantine(const std::string& address) {
  if (!connected(address) || quarantined(address)) {
    return std::nullopt;
  }
  const auto generation = ++generation_;
  quarantine_[address] = generation;
  return generation;
}

bool worker_roster::reinstate(const std::string& address, std::uint64_t generation) {
  auto q = quarantine_.find(address);
  if (q == quarantine_.end() || q->second != generation) {
    return false;
  }
  quarantine_.erase(q);
  // leave() ends the quarantine, so a quarantined worker is connected.
  return connected(address);
}

std::size_t worker_roster::offered(const std::string& address) const {
  auto it = slots_.find(address);
  if (it == slots_.end() || quarantined(address)) {
    return 0;
  }
  return it->second;
}

}  // namespace tourney::rt
