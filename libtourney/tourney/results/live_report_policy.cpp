#include "tourney/results/live_report_policy.hpp"

#include <algorithm>

namespace tourney::results {

live_report_policy::live_report_policy(live_report_options options) : options_(options) {
  options_.every_games = std::max<std::uint64_t>(1, options_.every_games);
  options_.min_interval = std::max(options_.min_interval, std::chrono::milliseconds(0));
}

std::optional<live_report_policy::clock::time_point> live_report_policy::on_committed(std::uint64_t finished,
                                                                                     clock::time_point now) {
  if (scheduled_ || finished < shown_ + options_.every_games) {
    return std::nullopt;
  }
  scheduled_ = true;
  if (!last_ || now - *last_ >= options_.min_interval) {
    return now;
  }
  return *last_ + options_.min_interval;
}

void live_report_policy::rewritten(std::uint64_t finished, clock::time_point now) {
  scheduled_ = false;
  shown_ = std::max(shown_, finished);
  last_ = now;
}

}  // namespace tourney::results
