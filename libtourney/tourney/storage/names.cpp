#include "tourney/storage/names.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

#include <fmt/core.h>

namespace tourney::storage {

namespace {

bool is_safe(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

}  // namespace

std::string sanitize_component(std::string_view name, sanitize_style style) {
  const bool collapse = style == sanitize_style::collapse;
  std::string out;
  out.reserve(std::min(name.size(), max_name_bytes));
  for (char c : name) {
    if (out.size() >= max_name_bytes) {
      break;
    }
    const bool leading_dot = c == '.' && out.empty();  // never ".", ".." or a hidden file
    const char safe = is_safe(c) && !leading_dot ? c : '_';
    if (collapse && (leading_dot || (safe == '_' && (out.empty() || out.back() == '_')))) {
      continue;  // no leading dots, no leading or repeated separators
    }
    out.push_back(safe);
  }
  while (collapse && !out.empty() && (out.back() == '_' || out.back() == '.')) {
    out.pop_back();
  }
  return out;
}

std::string sanitize_name(std::string_view name) {
  auto out = sanitize_component(name, sanitize_style::collapse);
  // A name made only of separators and dots is as good as none.
  if (out.empty() || out.find_first_not_of("_.-") == std::string::npos) {
    return "tournament";
  }
  return out;
}

std::string tournament_folder_name(std::string_view name, std::string_view id) {
  return sanitize_name(name) + "-" + std::string(id.substr(0, 8));
}

std::string engine_log_stem(std::string_view player) {
  auto stem = sanitize_component(player, sanitize_style::byte_for_byte);
  if (!player.empty() && stem == player) {
    return stem;
  }
  // FNV-1a (64 bits, folded to 32): stable across runs and builds, unlike
  // std::hash, so a resumed tournament appends to the same files.
  std::uint64_t hash = 14695981039346656037ULL;
  for (char c : player) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return fmt::format("{}~{:08x}", stem, static_cast<std::uint32_t>(hash ^ (hash >> 32)));
}

std::map<std::string, std::string> engine_log_stems(const std::vector<std::string>& players) {
  std::map<std::string, std::string> stems;
  std::set<std::string> taken;
  for (std::size_t i = 0; i < players.size(); ++i) {
    auto stem = engine_log_stem(players[i]);
    if (taken.count(stem) > 0) {
      stem += fmt::format("~{}", i);
    }
    taken.insert(stem);
    stems.emplace(players[i], std::move(stem));
  }
  return stems;
}

}  // namespace tourney::storage
