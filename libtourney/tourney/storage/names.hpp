#pragma once
// File-system names for tournaments: a user-given name becomes one safe path
// component (no separators, no "..", no control characters, bounded length),
// so a name can never place files outside the storage directory.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tourney::storage {

/// Longest sanitised name in bytes (the folder adds "-" and 8 id characters).
constexpr std::size_t max_name_bytes = 64;

/// How sanitize_component treats the bytes it must change.
enum class sanitize_style {
  /// Runs of '_' collapse, leading dots are dropped, trailing '_' and '.'
  /// are cut (tournament folders: short, readable).
  collapse,
  /// Byte for byte: every unsafe byte, and a leading dot, becomes one '_'
  /// (engine log stems: the names already on disk keep their spelling).
  byte_for_byte,
};

/// The one file-name sanitiser: [A-Za-z0-9._-] kept, every other byte
/// becomes '_', never a leading dot (no ".", "..", hidden files), at most
/// max_name_bytes long; `style` says what else. May be empty.
std::string sanitize_component(std::string_view name, sanitize_style style);

/// One safe path component for a tournament: sanitize_component with
/// collapse; an empty or separator-only result is "tournament".
std::string sanitize_name(std::string_view name);

/// "<sanitised-name>-<first 8 characters of id>".
std::string tournament_folder_name(std::string_view name, std::string_view id);

/// The player part of a USI engine's log file name ("<stem>-<slot>.stderr.log"),
/// distinct for distinct player names: a name made only of [A-Za-z0-9._-],
/// not starting with '.' and at most max_name_bytes long is kept as it is;
/// any other becomes sanitize_component(byte_for_byte) plus '~' and 8 hex
/// digits of a hash of the exact name.
/// No kept name contains '~', so a hashed stem never equals a kept one
/// ("a_b" stays "a_b", "a/b" becomes "a_b~<hash>").
std::string engine_log_stem(std::string_view player);

/// engine_log_stem for each of a tournament's players (names distinct), made
/// distinct even in the rare case of two hashed stems colliding: the later
/// one gets '~' and its index in `players` too (no other stem has two '~').
std::map<std::string, std::string> engine_log_stems(const std::vector<std::string>& players);

}  // namespace tourney::storage
