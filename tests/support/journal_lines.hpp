#pragma once
// Every line of a tournament folder's games.jsonl as JSON, duplicates kept
// (the library's journal reader drops them): what tests check a run against.
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tourney::test {

inline std::vector<nlohmann::json> journal_lines(const std::string& folder) {
  std::vector<nlohmann::json> out;
  std::ifstream in(folder + "/games.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

}  // namespace tourney::test
