#include "tourney/runtime/registry.hpp"

#include <algorithm>

namespace tourney::rt {

void registry::add(progress_snapshot s) {
  auto id = s.tournament_id;
  active_[id] = {seq_++, std::move(s)};
}

void registry::update(progress_snapshot s) {
  auto it = active_.find(s.tournament_id);
  if (it != active_.end()) {
    it->second.second = std::move(s);
  }
}

void registry::retire(progress_snapshot s) {
  active_.erase(s.tournament_id);
  if (history_limit_ == 0) {
    return;
  }
  history_index_[s.tournament_id] = history_base_ + history_.size();
  history_.push_back(std::move(s));
  while (history_.size() > history_limit_) {
    auto it = history_index_.find(history_.front().tournament_id);
    if (it != history_index_.end() && it->second == history_base_) {
      history_index_.erase(it);
    }
    history_.pop_front();
    ++history_base_;
  }
}

const progress_snapshot* registry::find_active(const std::string& id) const {
  auto it = active_.find(id);
  return it == active_.end() ? nullptr : &it->second.second;
}

progress_snapshot* registry::find_active(const std::string& id) {
  auto it = active_.find(id);
  return it == active_.end() ? nullptr : &it->second.second;
}

const progress_snapshot* registry::find_finished(const std::string& id) const {
  auto it = history_index_.find(id);
  if (it == history_index_.end() || it->second < history_base_) {
    return nullptr;
  }
  return &history_[it->second - history_base_];
}

std::vector<progress_snapshot> registry::active() const {
  std::vector<std::pair<std::uint64_t, const progress_snapshot*>> order;
  order.reserve(active_.size());
  for (const auto& [id, entry] : active_) {
    order.emplace_back(entry.first, &entry.second);
  }
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<progress_snapshot> out;
  out.reserve(order.size());
  for (const auto& [seq, s] : order) {
    out.push_back(*s);
  }
  return out;
}

std::vector<progress_snapshot> registry::all() const {
  auto out = active();
  out.insert(out.end(), history_.begin(), history_.end());
  return out;
}

}  // namespace tourney::rt
