#pragma once
// Directed graphs as adjacency lists (node i's successors in edges[i]): what
// the league fit asks of them, which players' results can be compared.
#include <vector>

namespace tourney::stats {

/// Strongly connected components (Tarjan, iterative): the component of
/// every node.
std::vector<int> strong_components(const std::vector<std::vector<int>>& edges);

/// Which nodes can be reached from the nodes `from` (themselves included)
/// without passing through node `skip`.
std::vector<bool> reachable(const std::vector<std::vector<int>>& edges, const std::vector<int>& from, int skip);

}  // namespace tourney::stats
