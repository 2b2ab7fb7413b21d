#include "tourney/stats/checkpoint_order.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>

namespace tourney::stats {

namespace {

// The last run of digits, as a number (digits beyond 18 are cut: an order,
// not a value).
std::optional<unsigned long long> last_number(const std::string& name) {
  auto end = name.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(name[end - 1])) == 0) {
    --end;
  }
  if (end == 0) {
    return std::nullopt;
  }
  auto begin = end;
  while (begin > 0 && std::isdigit(static_cast<unsigned char>(name[begin - 1])) != 0) {
    --begin;
  }
  unsigned long long value = 0;
  for (auto k = begin; k < end && k < begin + 18; ++k) {
    value = value * 10 + static_cast<unsigned long long>(name[k] - '0');
  }
  return value;
}

}  // namespace

std::vector<int> checkpoint_order(const std::vector<std::string>& names) {
  std::vector<std::tuple<unsigned long long, std::string, int>> keyed;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (auto n = last_number(names[i])) {
      keyed.emplace_back(*n, names[i], static_cast<int>(i));
    }
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<int> out;
  for (const auto& k : keyed) {
    out.push_back(std::get<2>(k));
  }
  return out;
}

}  // namespace tourney::stats
