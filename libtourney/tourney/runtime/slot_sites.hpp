#pragma once
// Where granted games run: this process ("" site) or a worker node. The
// slot pool decides which game gets a slot; the sites decide where it plays,
// spreading games over the sites with the most free slots. A site that goes
// away hands back the games it held so they can be played elsewhere.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tourney::rt {

struct placed_game {
  std::string tournament;
  std::uint64_t game = 0;
};

class slot_sites {
 public:
  /// Adds a site or changes its slot count (a worker that reconnects).
  void set_site(const std::string& site, std::size_t slots);
  /// Removes a site; returns the games it held (in no particular order).
  std::vector<placed_game> remove_site(const std::string& site);
  /// Places a granted game on the site with the most free slots (ties: the
  /// local site, then by name); nothing when every site is full.
  std::optional<std::string> place(const std::string& tournament, std::uint64_t game);
  /// The site a game was placed on, if it still holds it.
  std::optional<std::string> site_of(const std::string& tournament, std::uint64_t game) const;
  /// Frees a game's slot on its site (no-op for an unknown game).
  void release(const std::string& tournament, std::uint64_t game);
  /// Frees every slot a tournament holds.
  void forget(const std::string& tournament);

  /// Slots over every site.
  std::size_t capacity() const;
  std::size_t in_use() const {
    return placed_.size();
  }
  std::size_t in_use(const std::string& site) const;
  bool has_site(const std::string& site) const {
    return sites_.count(site) > 0;
  }

 private:
  std::map<std::string, std::size_t> sites_;  // site -> slots
  std::map<std::string, std::size_t> used_;   // site -> games placed
  std::map<std::pair<std::string, std::uint64_t>, std::string> placed_;
};

}  // namespace tourney::rt
