#include "tourney/detail/game/policy_call_threads.hpp"

#include <algorithm>
#include <exception>
#include <thread>
#include <utility>

namespace tourney::detail {

// Shared by the batcher (submit, close) and the call threads, which outlive
// it when a host call never returns.
struct policy_call_threads::channel {
  batch_evaluate evaluate;
  // Host boundary: the host's evaluate runs on these threads, not in an
  // actor, so the batcher hands calls over (and takes the sink back at
  // close) under this lock.
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::pair<std::uint64_t, std::shared_ptr<const move_batch>>> calls;
  sink deliver;
  bool closed = false;
  std::size_t running = 0;
  std::vector<std::thread> threads;
};

namespace {

call_result evaluate_once(const batch_evaluate& evaluate, const move_batch& batch) {
  call_result out;
  const auto t0 = std::chrono::steady_clock::now();
  try {
    out.decisions = evaluate(batch);
  } catch (const std::exception& e) {
    out.error = e.what();
  } catch (...) {
    out.error = "unknown exception";
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace

policy_call_threads::policy_call_threads(batch_evaluate evaluate, std::size_t threads)
    : channel_(std::make_shared<channel>()) {
  channel_->evaluate = std::move(evaluate);
  for (std::size_t i = 0; i < std::max<std::size_t>(1, threads); ++i) {
    channel_->threads.emplace_back([ch = channel_] {
      std::unique_lock<std::mutex> lock(ch->mutex);
      for (;;) {
        ch->changed.wait(lock, [&] { return ch->closed || !ch->calls.empty(); });
        if (ch->closed) {
          return;
        }
        auto [call, batch] = std::move(ch->calls.front());
        ch->calls.pop_front();
        ++ch->running;
        lock.unlock();
        auto result = evaluate_once(ch->evaluate, *batch);
        batch.reset();
        lock.lock();
        --ch->running;
        if (!ch->closed && ch->deliver) {
          // Under the lock: close() cannot clear the sink meanwhile.
          ch->deliver(call, std::move(result));
        }
        ch->changed.notify_all();
      }
    });
  }
}

policy_call_threads::~policy_call_threads() {
  close();
  std::vector<std::thread> threads;
  bool idle = false;
  {
    std::lock_guard<std::mutex> lock(channel_->mutex);
    threads.swap(channel_->threads);
    idle = channel_->running == 0;  // closed: no thread starts a call from now on
  }
  for (auto& t : threads) {
    if (idle) {
      t.join();  // each sees `closed` and ends at once
    } else {
      t.detach();  // one is inside a host call: it ends when that returns
    }
  }
}

void policy_call_threads::set_sink(sink s) {
  std::lock_guard<std::mutex> lock(channel_->mutex);
  channel_->deliver = std::move(s);
}

void policy_call_threads::submit(std::uint64_t call, std::shared_ptr<const move_batch> batch) {
  std::lock_guard<std::mutex> lock(channel_->mutex);
  if (channel_->closed) {
    return;
  }
  channel_->calls.emplace_back(call, std::move(batch));
  channel_->changed.notify_all();
}

void policy_call_threads::close() {
  sink old;
  {
    std::lock_guard<std::mutex> lock(channel_->mutex);
    channel_->closed = true;
    channel_->calls.clear();
    old.swap(channel_->deliver);
    channel_->changed.notify_all();
  }
  // `old` (holding the batcher's handle) goes here, outside the lock.
}

bool policy_call_threads::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(channel_->mutex);
  return channel_->changed.wait_for(
      lock, timeout, [&] { return channel_->running == 0 && channel_->calls.empty(); });
}

}  // namespace tourney::detail
