#include "tourney/runtime/slot_pool.hpp"

#include <algorithm>

namespace tourney::rt {

void slot_pool::set_limit(const std::string& key, int max) {
  if (max <= 0) {
    limits_.erase(key);
  } else {
    limits_[key] = max;
  }
}

void slot_pool::request(slot_request r) {
  auto& c = clients_[r.tournament];
  c.waiting.push_back(std::move(r));
}

void slot_pool::withdraw(const std::string& tournament) {
  auto it = clients_.find(tournament);
  if (it == clients_.end()) {
    return;
  }
  it->second.waiting.clear();
  if (it->second.held.empty()) {
    clients_.erase(it);
  }
}

void slot_pool::release(const std::string& tournament, std::uint64_t game) {
  auto it = clients_.find(tournament);
  if (it == clients_.end()) {
    return;
  }
  auto& held = it->second.held;
  auto g = std::find_if(held.begin(), held.end(), [&](const held_game& h) { return h.game == game; });
  if (g == held.end()) {
    return;
  }
  for (const auto& k : g->keys) {
    if (--key_use_[k] <= 0) {
      key_use_.erase(k);
    }
  }
  if (!g->light) {
    --in_use_;
  }
  held.erase(g);
  if (held.empty() && it->second.waiting.empty()) {
    clients_.erase(it);
  }
}

void slot_pool::forget(const std::string& tournament) {
  auto it = clients_.find(tournament);
  if (it == clients_.end()) {
    return;
  }
  it->second.waiting.clear();
  while (!it->second.held.empty()) {
    release(tournament, it->second.held.back().game);
    it = clients_.find(tournament);
    if (it == clients_.end()) {
      return;
    }
  }
  clients_.erase(it);
}

bool slot_pool::keys_free(const std::vector<std::string>& keys) const {
  for (const auto& k : keys) {
    auto lim = limits_.find(k);
    if (lim == limits_.end()) {
      continue;
    }
    auto use = key_use_.find(k);
    int n = use == key_use_.end() ? 0 : use->second;
    // The same key twice in one game (a policy playing itself) uses two.
    int twice = static_cast<int>(std::count(keys.begin(), keys.end(), k));
    if (n + twice > lim->second) {
      return false;
    }
  }
  return true;
}

std::vector<slot_grant> slot_pool::grant() {
  std::vector<slot_grant> grants;
  for (;;) {
    const bool slot_free = in_use_ < slots_;
    // The fairest tournament that can start a game right now.
    client* best = nullptr;
    const std::string* best_id = nullptr;
    std::size_t best_req = 0;
    for (auto& [id, c] : clients_) {
      if (c.waiting.empty()) {
        continue;
      }
      if (best != nullptr && (c.held.size() > best->held.size() ||
                              (c.held.size() == best->held.size() && c.last_served >= best->last_served))) {
        continue;
      }
      for (std::size_t i = 0; i < c.waiting.size(); ++i) {
        if ((slot_free || c.waiting[i].light) && keys_free(c.waiting[i].keys)) {
          best = &c;
          best_id = &id;
          best_req = i;
          break;
        }
      }
    }
    if (best == nullptr) {
      break;
    }
    auto req = std::move(best->waiting[best_req]);
    best->waiting.erase(best->waiting.begin() + static_cast<std::ptrdiff_t>(best_req));
    for (const auto& k : req.keys) {
      ++key_use_[k];
    }
    best->held.push_back(held_game{req.game, std::move(req.keys), req.light});
    best->last_served = ++clock_;
    if (!req.light) {
      ++in_use_;
    }
    grants.push_back(slot_grant{*best_id, req.game, req.light});
  }
  return grants;
}

std::size_t slot_pool::held(const std::string& tournament) const {
  auto it = clients_.find(tournament);
  return it == clients_.end() ? 0 : it->second.held.size();
}

std::size_t slot_pool::waiting(const std::string& tournament) const {
  auto it = clients_.find(tournament);
  return it == clients_.end() ? 0 : it->second.waiting.size();
}

}  // namespace tourney::rt
