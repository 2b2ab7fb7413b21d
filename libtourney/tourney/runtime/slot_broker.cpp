#include "tourney/runtime/slot_broker.hpp"

#include <fmt/format.h>

#include <utility>

namespace tourney::rt {

slot_broker::slot_broker(slot_broker_config config) : config_(config), pool_(config.local_slots) {
  if (config_.local_slots > 0) {
    sites_.set_site("", config_.local_slots);
  }
}

void slot_broker::add_tournament(const std::string& tournament) {
  running_.insert(tournament);
}

slot_commands slot_broker::remove_tournament(const std::string& tournament) {
  slot_commands out;
  running_.erase(tournament);
  pool_.forget(tournament);
  sites_.forget(tournament);
  grant(out);
  update_waiting(out);
  return out;
}

slot_commands slot_broker::request(slot_request r) {
  slot_commands out;
  if (running_.count(r.tournament) == 0) {
    return out;
  }
  const auto tournament = r.tournament;
  pool_.request(std::move(r));
  grant(out);
  if (!waiting_reason_.empty() && pool_.waiting(tournament) > 0) {
    // It started while games already waited: it has not been told why.
    out.emplace_back(waiting_changed{tournament, waiting_reason_});
  }
  update_waiting(out);
  return out;
}

slot_commands slot_broker::release(const std::string& tournament, std::uint64_t game) {
  slot_commands out;
  pool_.release(tournament, game);
  sites_.release(tournament, game);
  grant(out);
  return out;
}

slot_commands slot_broker::withdraw(const std::string& tournament) {
  slot_commands out;
  pool_.withdraw(tournament);
  update_waiting(out);
  return out;
}

void slot_broker::set_limit(const std::string& key, int max) {
  pool_.set_limit(key, max);
}

void slot_broker::expect_worker(const std::string& address, std::string why) {
  roster_.expect(address, std::move(why));
}

slot_commands slot_broker::worker_joined(const std::string& address, std::size_t slots) {
  slot_commands out;
  roster_.join(address, slots);
  sites_.set_site(address, roster_.offered(address));
  update_capacity(out);
  return out;
}

slot_commands slot_broker::worker_left(const std::string& address, const std::string& why) {
  slot_commands out;
  roster_.leave(address, why);
  if (sites_.has_site(address)) {
    for (const auto& g : sites_.remove_site(address)) {
      pool_.release(g.tournament, g.game);
      if (running_.count(g.tournament) > 0) {
        out.emplace_back(game_lost{g.tournament, g.game, address, why});
      }
    }
  }
  update_capacity(out);  // also re-words the waiting reason with `why`
  return out;
}

slot_commands slot_broker::worker_suspected(const std::string& address) {
  slot_commands out;
  const auto generation = roster_.quarantine(address);
  if (!generation) {
    return out;
  }
  sites_.set_site(address, roster_.offered(address));  // 0; its games in flight keep their slots
  update_capacity(out);
  out.emplace_back(arm_reinstatement{address, *generation, config_.quarantine_time});
  return out;
}

slot_commands slot_broker::reinstatement_due(const std::string& address, std::uint64_t generation) {
  slot_commands out;
  if (!roster_.reinstate(address, generation)) {
    return out;
  }
  sites_.set_site(address, roster_.offered(address));
  update_capacity(out);
  return out;
}

slot_commands slot_broker::wait_check_due(std::uint64_t generation) {
  slot_commands out;
  if (generation != wait_generation_ || waiting_reason_.empty()) {
    return out;
  }
  const auto secs = std::chrono::duration<double>(config_.slot_wait_limit).count();
  for (const auto& tournament : running_) {
    if (pool_.waiting(tournament) > 0) {
      out.emplace_back(slot_wait_failed{
          tournament, fmt::format("no game slot for {:g} s ({})", secs, waiting_reason_)});
    }
  }
  return out;
}

void slot_broker::grant(slot_commands& out) {
  for (auto& g : pool_.grant()) {
    if (g.light && running_.count(g.tournament) != 0) {
      // A light game plays here (its batched policy lives in this process)
      // and takes no site slot.
      out.emplace_back(grant_slot{std::move(g.tournament), g.game, std::string()});
      continue;
    }
    auto site =
        running_.count(g.tournament) == 0 ? std::nullopt : sites_.place(g.tournament, g.game);
    if (!site) {
      pool_.release(g.tournament, g.game);
      continue;
    }
    out.emplace_back(grant_slot{std::move(g.tournament), g.game, std::move(*site)});
  }
}

void slot_broker::update_capacity(slot_commands& out) {
  const auto slots = sites_.capacity();
  if (slots != pool_.capacity()) {
    for (const auto& tournament : running_) {
      out.emplace_back(slots_changed{tournament, slots});
    }
  }
  pool_.set_capacity(slots);
  grant(out);
  update_waiting(out);
}

bool slot_broker::any_waiting() const {
  for (const auto& tournament : running_) {
    if (pool_.waiting(tournament) > 0) {
      return true;
    }
  }
  return false;
}

// With no slot anywhere (no local slots, every worker gone), tournaments
// wait, told why, and fail only after the wait limit.
void slot_broker::update_waiting(slot_commands& out) {
  std::string reason;
  if (sites_.capacity() == 0 && any_waiting()) {
    reason = "waiting for a game slot: no worker connected";
    for (const auto& [address, why] : roster_.absent()) {
      reason += "; " + address + ": " + why;
    }
  }
  if (reason == waiting_reason_) {
    return;
  }
  const bool was_waiting = !waiting_reason_.empty();
  waiting_reason_ = reason;
  for (const auto& tournament : running_) {
    out.emplace_back(waiting_changed{tournament, reason});
  }
  if (!was_waiting && !reason.empty()) {
    out.emplace_back(arm_wait_check{++wait_generation_, config_.slot_wait_limit});
  } else if (reason.empty()) {
    ++wait_generation_;  // a wait check armed before is stale now
  }
}

}  // namespace tourney::rt
