#pragma once
// How a tournament used a batched host policy: the calls that held at least
// one of its positions, and those positions. A call may also hold other
// tournaments' positions: batch sizes and time count whole calls.
#include <cstdint>
#include <string>

namespace tourney::rt {

struct policy_usage {
  std::string policy;           // the registered name
  std::uint64_t calls = 0;      // calls with at least one of this tournament's positions
  std::uint64_t positions = 0;  // this tournament's positions evaluated
  std::uint64_t batched =
      0;  // positions in those calls, all tournaments (mean batch = batched / calls)
  std::uint64_t largest_batch = 0;
  double evaluate_seconds = 0.0;  // time inside evaluate, summed over those calls

  double mean_batch() const {
    return calls == 0 ? 0.0 : static_cast<double>(batched) / static_cast<double>(calls);
  }
  /// Positions of those calls per second inside evaluate.
  double positions_per_second() const {
    return evaluate_seconds <= 0.0 ? 0.0 : static_cast<double>(batched) / evaluate_seconds;
  }
  /// One call that held `mine` of this tournament's positions among `batch`.
  void add_call(std::uint64_t mine, std::uint64_t batch, double seconds) {
    ++calls;
    positions += mine;
    batched += batch;
    largest_batch = batch > largest_batch ? batch : largest_batch;
    evaluate_seconds += seconds;
  }
};

}  // namespace tourney::rt
