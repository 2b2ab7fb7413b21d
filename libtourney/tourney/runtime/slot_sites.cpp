#include "tourney/runtime/slot_sites.hpp"

namespace tourney::rt {

void slot_sites::set_site(const std::string& site, std::size_t slots) {
  sites_[site] = slots;
}

std::vector<placed_game> slot_sites::remove_site(const std::string& site) {
  std::vector<placed_game> out;
  for (auto it = placed_.begin(); it != placed_.end();) {
    if (it->second == site) {
      out.push_back(placed_game{it->first.first, it->first.second});
      it = placed_.erase(it);
    } else {
      ++it;
    }
  }
  sites_.erase(site);
  used_.erase(site);
  return out;
}

std::optional<std::string> slot_sites::place(const std::string& tournament, std::uint64_t game) {
  const std::string* best = nullptr;
  std::size_t best_free = 0;
  for (const auto& [site, slots] : sites_) {
    const auto used = in_use(site);
    const auto free = slots > used ? slots - used : 0;
    // std::map order puts the local site "" first, so ties go to it.
    if (free > best_free) {
      best = &site;
      best_free = free;
    }
  }
  if (best == nullptr) {
    return std::nullopt;
  }
  ++used_[*best];
  placed_[{tournament, game}] = *best;
  return *best;
}

std::optional<std::string> slot_sites::site_of(const std::string& tournament, std::uint64_t game) const {
  auto it = placed_.find({tournament, game});
  if (it == placed_.end()) {
    return std::nullopt;
  }
  return it->second;
}

void slot_sites::release(const std::string& tournament, std::uint64_t game) {
  auto it = placed_.find({tournament, game});
  if (it == placed_.end()) {
    return;
  }
  if (auto u = used_.find(it->second); u != used_.end() && u->second > 0) {
    --u->second;
  }
  placed_.erase(it);
}

void slot_sites::forget(const std::string& tournament) {
  for (auto it = placed_.lower_bound({tournament, 0}); it != placed_.end() && it->first.first == tournament;) {
    if (auto u = used_.find(it->second); u != used_.end() && u->second > 0) {
      --u->second;
    }
    it = placed_.erase(it);
  }
}

std::size_t slot_sites::capacity() const {
  std::size_t n = 0;
  for (const auto& [site, slots] : sites_) {
    n += slots;
  }
  return n;
}

std::size_t slot_sites::in_use(const std::string& site) const {
  auto it = used_.find(site);
  return it == used_.end() ? 0 : it->second;
}

}  // namespace tourney::rt
