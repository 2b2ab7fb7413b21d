#include "tourney/stats/graph.hpp"

#include <algorithm>
#include <utility>

namespace tourney::stats {

// Strongly connected components (Tarjan, iterative); returns the component
// of every node.
std::vector<int> strong_components(const std::vector<std::vector<int>>& edges) {
  const int n = static_cast<int>(edges.size());
  std::vector<int> index(n, -1);
  std::vector<int> low(n, 0);
  std::vector<int> component(n, -1);
  std::vector<bool> on_stack(n, false);
  std::vector<int> stack;
  int next_index = 0;
  int next_component = 0;
  for (int root = 0; root < n; ++root) {
    if (index[root] >= 0) {
      continue;
    }
    std::vector<std::pair<int, std::size_t>> calls{{root, 0}};
    index[root] = low[root] = next_index++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!calls.empty()) {
      auto& [v, k] = calls.back();
      if (k < edges[v].size()) {
        const int w = edges[v][k++];
        if (index[w] < 0) {
          index[w] = low[w] = next_index++;
          stack.push_back(w);
          on_stack[w] = true;
          calls.emplace_back(w, 0);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      const int done = v;
      calls.pop_back();
      if (!calls.empty()) {
        low[calls.back().first] = std::min(low[calls.back().first], low[done]);
      }
      if (low[done] == index[done]) {
        int w = -1;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          component[w] = next_component;
        } while (w != done);
        ++next_component;
      }
    }
  }
  return component;
}

std::vector<bool> reachable(const std::vector<std::vector<int>>& edges,
                            const std::vector<int>& from, int skip) {
  std::vector<bool> seen(edges.size(), false);
  std::vector<int> todo;
  for (int v : from) {
    seen[v] = true;
    todo.push_back(v);
  }
  while (!todo.empty()) {
    const int v = todo.back();
    todo.pop_back();
    for (int w : edges[v]) {
      if (w != skip && !seen[w]) {
        seen[w] = true;
        todo.push_back(w);
      }
    }
  }
  return seen;
}

}  // namespace tourney::stats
