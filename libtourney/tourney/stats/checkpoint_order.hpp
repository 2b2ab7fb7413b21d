#pragma once
// Training order of checkpoints from their names: the last number in a name
// ("ckpt-0042", "run3-step1500" -> 1500). For the sequential prior.
#include <string>
#include <vector>

namespace tourney::stats {

/// Indices of the names that hold a number, by that number (ties by name);
/// names without a digit are left out.
std::vector<int> checkpoint_order(const std::vector<std::string>& names);

}  // namespace tourney::stats
