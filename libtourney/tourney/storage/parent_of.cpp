#include "tourney/storage/parent_of.hpp"

namespace tourney::storage {

std::string parent_of(std::string path) {
  // A trailing slash names the same directory ("results/run-1/").
  while (path.size() > 1 && path.back() == '/') {
    path.pop_back();
  }
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) {
    return ".";
  }
  if (slash == 0) {
    return "/";
  }
  return path.substr(0, slash);
}

}  // namespace tourney::storage
