#include "tourney/usi/line_splitter.hpp"

namespace tourney::usi {

namespace {

std::string without_cr(std::string line) {
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return line;
}

}  // namespace

std::vector<std::string> line_splitter::feed(std::string_view bytes) {
  std::vector<std::string> lines;
  while (!bytes.empty()) {
    auto newline = bytes.find('\n');
    auto piece = bytes.substr(0, newline);
    auto room = max_line_length - partial_.size();
    if (piece.size() > room) {
      partial_.append(piece.substr(0, room));
      lines.push_back(std::move(partial_));
      partial_.clear();
      bytes.remove_prefix(room);
      continue;
    }
    partial_.append(piece);
    if (newline == std::string_view::npos) {
      break;
    }
    lines.push_back(without_cr(std::move(partial_)));
    partial_.clear();
    bytes.remove_prefix(newline + 1);
  }
  return lines;
}

std::vector<std::string> line_splitter::finish() {
  std::vector<std::string> lines;
  if (!partial_.empty()) {
    lines.push_back(without_cr(std::move(partial_)));
    partial_.clear();
  }
  return lines;
}

}  // namespace tourney::usi
