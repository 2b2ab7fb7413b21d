#include "tourney/runtime/tournament_admission.hpp"

#include <utility>

namespace tourney::rt {

void tournament_admission::queue(std::string id, int priority) {
  queue_.push(std::move(id), priority);
}

admission_commands tournament_admission::dispatch() {
  admission_commands out;
  start_next(out);
  return out;
}

admission_commands tournament_admission::status_changed(const std::string& id,
                                                        tournament_status status) {
  admission_commands out;
  auto it = running_.find(id);
  if (it == running_.end()) {
    return out;
  }
  it->second = status;
  if (shutting_down_ && status == tournament_status::paused) {
    out.emplace_back(cancel_tournament{id});  // paused after the shutdown began
  }
  return out;
}

admission_commands tournament_admission::crashed(const std::string& id, std::string reason) {
  admission_commands out;
  if (running_.erase(id) == 0) {
    return out;
  }
  end_here(out, id, tournament_status::failed, std::move(reason));
  return out;
}

admission_commands tournament_admission::ended(const std::string& id) {
  admission_commands out;
  running_.erase(id);
  closing_.erase(id);
  start_next(out);
  check_shutdown(out);
  return out;
}

control_decision tournament_admission::control(const std::string& id, tournament_status to) {
  control_decision d;
  if (shutting_down_ && to != tournament_status::cancelled) {
    // A tournament paused now would never let a graceful shutdown finish.
    d.how = control_decision::route::answered;
    d.reason = "the runtime is shutting down";
    return d;
  }
  if (running(id)) {
    d.how = control_decision::route::to_tournament;
    return d;
  }
  if (closing(id)) {
    d.how = control_decision::route::answered;
    d.reason = "the tournament is finishing";
    return d;
  }
  if (queue_.position(id)) {
    d.how = control_decision::route::answered;
    if (auto ok = check_transition(tournament_status::created, to); !ok) {
      d.reason = ok.error().message;
      return d;
    }
    queue_.remove(id);
    end_here(d.commands, id, tournament_status::cancelled, {});
    d.done = true;
  }
  return d;
}

admission_commands tournament_admission::shutdown(bool immediate) {
  admission_commands out;
  if (!shutting_down_) {
    shutting_down_ = true;
    for (const auto& id : queue_.order()) {
      queue_.remove(id);
      end_here(out, id, tournament_status::cancelled, "the runtime shut down before it ran");
    }
    for (const auto& [id, status] : running_) {
      if (status == tournament_status::paused) {
        out.emplace_back(cancel_tournament{id});
      }
    }
  }
  if (immediate && !cancel_running_) {
    cancel_running_ = true;
    for (const auto& [id, status] : running_) {
      out.emplace_back(cancel_tournament{id});
    }
  }
  ++shutdown_requests_;
  check_shutdown(out);
  return out;
}

void tournament_admission::start_next(admission_commands& out) {
  while (!cancel_running_ && running_.size() < max_running_ && !queue_.empty()) {
    auto id = *queue_.pop();
    running_.emplace(id, tournament_status::created);
    out.emplace_back(start_tournament{std::move(id)});
  }
}

void tournament_admission::check_shutdown(admission_commands& out) {
  if (!shutting_down_ || shutdown_requests_ == 0 || !running_.empty() || !queue_.empty() ||
      !closing_.empty()) {
    return;
  }
  shutdown_requests_ = 0;
  out.emplace_back(shutdown_finished{});
}

void tournament_admission::end_here(admission_commands& out, const std::string& id,
                                    tournament_status status, std::string error) {
  closing_.insert(id);
  out.emplace_back(end_tournament{id, status, std::move(error)});
}

}  // namespace tourney::rt
