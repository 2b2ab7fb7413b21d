#include "tourney/runtime/batch_gatherer.hpp"

#include <algorithm>

namespace tourney::rt {

batch_gatherer::batch_gatherer(batch_gatherer_config config) : config_(config) {
  config_.max_batch = std::max<std::size_t>(1, config_.max_batch);
  config_.max_calls_in_flight = std::max<std::size_t>(1, config_.max_calls_in_flight);
}

void batch_gatherer::set_state(std::uint64_t game, game_state next) {
  auto [it, added] = games_.try_emplace(game, next);
  if (!added) {
    if (it->second == game_state::expected) {
      --expected_;
    }
    it->second = next;
  }
  if (next == game_state::expected) {
    ++expected_;
  }
}

void batch_gatherer::join(std::uint64_t game) {
  if (games_.count(game) == 0) {
    set_state(game, game_state::expected);
  }
}

start_calls batch_gatherer::ask(std::uint64_t game, std::uint64_t request, time_point now) {
  set_state(game, game_state::asked);
  queue_.push_back(queued_request{game, request, now});
  return maybe_start(now);
}

start_calls batch_gatherer::wait_opponent(std::uint64_t game, time_point now) {
  auto it = games_.find(game);
  if (it != games_.end() && it->second == game_state::asked) {
    return maybe_start(now);  // a request of it is queued or in a call: it stays asked
  }
  set_state(game, game_state::waiting);
  return maybe_start(now);
}

batch_gatherer::left batch_gatherer::leave(std::uint64_t game, time_point now) {
  left out;
  auto it = games_.find(game);
  if (it == games_.end()) {
    return out;
  }
  if (it->second == game_state::expected) {
    --expected_;
  }
  games_.erase(it);
  for (auto q = queue_.begin(); q != queue_.end();) {
    if (q->game == game) {
      out.dropped.push_back(q->request);
      q = queue_.erase(q);
    } else {
      ++q;
    }
  }
  out.calls = maybe_start(now);
  return out;
}

start_calls batch_gatherer::call_done(std::uint64_t call, time_point now) {
  auto it = calls_.find(call);
  if (it == calls_.end()) {
    return maybe_start(now);
  }
  for (auto game : it->second) {
    auto g = games_.find(game);
    if (g == games_.end() || g->second != game_state::asked) {
      continue;  // left meanwhile
    }
    // A game with another request still queued stays asked.
    const bool queued_again = std::any_of(
        queue_.begin(), queue_.end(), [game](const queued_request& q) { return q.game == game; });
    if (!queued_again) {
      set_state(game, game_state::expected);
    }
  }
  calls_.erase(it);
  return maybe_start(now);
}

start_calls batch_gatherer::flush_due(time_point now) {
  return maybe_start(now);
}

std::optional<batch_gatherer::time_point> batch_gatherer::next_flush() const {
  if (!config_.max_wait || queue_.empty()) {
    return std::nullopt;
  }
  return queue_.front().since +
         std::chrono::duration_cast<std::chrono::steady_clock::duration>(*config_.max_wait);
}

start_calls batch_gatherer::maybe_start(time_point now) {
  start_calls out;
  while (auto call = take_call(now)) {
    out.push_back(std::move(*call));
  }
  return out;
}

std::optional<start_call> batch_gatherer::take_call(time_point now) {
  if (queue_.empty() || calls_.size() >= config_.max_calls_in_flight) {
    return std::nullopt;
  }
  const bool full = queue_.size() >= config_.max_batch;
  const bool nobody_owes = expected_ == 0;
  const bool waited_enough = config_.max_wait && now - queue_.front().since >= *config_.max_wait;
  if (!full && !nobody_owes && !waited_enough) {
    return std::nullopt;
  }
  start_call call;
  call.call = next_call_++;
  const auto n = std::min(queue_.size(), config_.max_batch);
  call.requests.reserve(n);
  std::vector<std::uint64_t> games;
  games.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    call.requests.push_back(queue_.front().request);
    games.push_back(queue_.front().game);
    queue_.pop_front();
  }
  calls_.emplace(call.call, std::move(games));
  return call;
}

}  // namespace tourney::rt
