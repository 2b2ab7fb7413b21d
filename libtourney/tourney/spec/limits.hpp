#pragma once
// Size limits on inputs (README, Configs): far above anything a real
// tournament needs, low enough that a wrong or hostile file (/dev/zero, a
// 50 MB name, a million engine options) ends with an error naming the file
// or field and the limit, instead of exhausting memory or being rewritten
// into every tournament.json save.
#include <cstddef>
#include <string>
#include <string_view>

#include "tourney/util/expected.hpp"

namespace tourney::spec::limits {

inline constexpr std::size_t config_file_bytes = std::size_t{16} << 20;
// tournament.json is written by tourney from a config of at most
// config_file_bytes plus results per player; this leaves room for both.
inline constexpr std::size_t saved_json_bytes = std::size_t{64} << 20;
inline constexpr std::size_t openings_file_bytes = std::size_t{256} << 20;
inline constexpr std::size_t openings_line_bytes = std::size_t{64} << 10;  // ~13,000 moves
inline constexpr std::size_t openings_positions = 1'000'000;

/// Tournament, player, built-in, host policy, env and USI option names.
inline constexpr std::size_t name_bytes = 256;
/// Every other string: paths, arguments, option values, addresses.
inline constexpr std::size_t string_bytes = 4096;
/// Environment values (a PATH can be long).
inline constexpr std::size_t env_value_bytes = std::size_t{32} << 10;

inline constexpr std::size_t players = 1024;
inline constexpr std::size_t workers = 1024;
inline constexpr std::size_t args = 256;
inline constexpr std::size_t env_entries = 256;
inline constexpr std::size_t options = 1024;
inline constexpr std::size_t go_tokens = 16;

/// "path: 300 bytes, longer than the limit of 256 bytes" (the value itself is
/// not echoed: it may be megabytes).
expected<void> check_length(std::string_view value, std::string_view path, std::size_t max_bytes);

/// "path: 1025 entries, more than the limit of 1024".
expected<void> check_count(std::size_t count, std::string_view path, std::size_t max_count);

}  // namespace tourney::spec::limits
