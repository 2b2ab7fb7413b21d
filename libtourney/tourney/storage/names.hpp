#pragma once
// File-system names for tournaments: a user-given name becomes one safe path
// component (no separators, no "..", no control characters, bounded length),
// so a name can never place files outside the storage directory.
#include <cstddef>
#include <string>
#include <string_view>

namespace tourney::storage {

/// Longest sanitised name in bytes (the folder adds "-" and 8 id characters).
constexpr std::size_t max_name_bytes = 64;

/// One safe path component: [A-Za-z0-9._-] kept, every other byte becomes
/// '_', runs of '_' collapse, leading dots are dropped (no ".", "..", hidden
/// files), truncated to max_name_bytes; an empty result is "tournament".
std::string sanitize_name(std::string_view name);

/// "<sanitised-name>-<first 8 characters of id>".
std::string tournament_folder_name(std::string_view name, std::string_view id);

}  // namespace tourney::storage
