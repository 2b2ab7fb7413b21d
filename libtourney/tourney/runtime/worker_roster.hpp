#pragma once
// The worker nodes a coordinator knows: which are connected and with how many
// game slots, which are in quarantine, and why the others are not connected.
// A worker that just failed a game is quarantined for a moment: it offers no
// new slot (it may be going away), so a game is not sent to it again and again
// before its link reports it gone. Every quarantine has its own generation:
// the reinstatement timer of an older one (the worker left, rejoined or was
// quarantined again meanwhile) reinstates nothing.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace tourney::rt {

class worker_roster {
 public:
  /// A configured worker that is not connected yet; `why` says so in
  /// waiting reasons.
  void expect(const std::string& address, std::string why);
  /// Connected (or reconnected) offering `slots`; ends any quarantine.
  void join(const std::string& address, std::size_t slots);
  /// Gone, for `why`; ends any quarantine.
  void leave(const std::string& address, std::string why);
  /// Quarantines a connected worker; returns the generation its
  /// reinstatement must carry. Nothing for a worker that is not connected
  /// or already in quarantine (its first timer stands).
  std::optional<std::uint64_t> quarantine(const std::string& address);
  /// A reinstatement timer came due: true when it ends the worker's current
  /// quarantine (then the worker offers its slots again).
  bool reinstate(const std::string& address, std::uint64_t generation);

  bool connected(const std::string& address) const {
    return slots_.count(address) > 0;
  }
  bool quarantined(const std::string& address) const {
    return quarantine_.count(address) > 0;
  }
  /// The slots the worker offers for new games: 0 in quarantine or when it
  /// is not connected.
  std::size_t offered(const std::string& address) const;
  /// Why each known worker that is not connected is not, by address.
  const std::map<std::string, std::string>& absent() const {
    return absent_;
  }

 private:
  std::map<std::string, std::size_t> slots_;         // connected: slots offered
  std::map<std::string, std::uint64_t> quarantine_;  // address -> generation
  std::map<std::string, std::string> absent_;        // address -> why
  std::uint64_t generation_ = 0;
};

}  // namespace tourney::rt
