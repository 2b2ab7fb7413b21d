#pragma once
// The threads a batched policy's evaluate runs on. A host's call blocks (a
// GPU forward pass, Python) and cannot be interrupted, so it never runs on a
// scheduler thread: the batcher actor submits calls here and hears back
// through `sink`. At shutdown the runtime waits a bounded time for calls in
// progress; a thread still inside the host's evaluate after that is left to
// finish it (a thread cannot be killed): its result is dropped, and the
// thread ends when evaluate returns. Until then the host must keep alive
// what its evaluate uses, or exit the process.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tourney/batched_policy.hpp"

namespace tourney::detail {

/// What one call came back with.
struct call_result {
  std::vector<players::decision> decisions;
  std::string error;     // evaluate threw: its message
  double seconds = 0.0;  // time inside evaluate
};

class policy_call_threads {
 public:
  using sink = std::function<void(std::uint64_t call, call_result result)>;

  policy_call_threads(batch_evaluate evaluate, std::size_t threads);
  policy_call_threads(const policy_call_threads&) = delete;
  policy_call_threads& operator=(const policy_call_threads&) = delete;
  /// close(), then detaches threads still in a call.
  ~policy_call_threads();

  /// Where results go (set once by the batcher before its first call).
  void set_sink(sink s);
  /// Queues a call; its result goes to the sink from a call thread.
  void submit(std::uint64_t call, std::shared_ptr<const move_batch> batch);
  /// No more results are delivered and no queued call starts; calls in
  /// progress finish on their threads. Idempotent, never blocks on a call.
  void close();
  /// Waits until no call runs (true) or `timeout` passed (false).
  bool wait_idle(std::chrono::milliseconds timeout);

 private:
  struct channel;
  std::shared_ptr<channel> channel_;
};

}  // namespace tourney::detail
