#pragma once
// The directory holding a path, textually (no file-system access): what
// fsync-after-rename and creating a folder's parent need.
#include <string>

namespace tourney::storage {

/// "a/b/c" -> "a/b", "a/b/" -> "a", "/a" -> "/", "a" -> ".".
std::string parent_of(std::string path);

}  // namespace tourney::storage
