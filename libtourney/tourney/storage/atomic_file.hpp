#pragma once
// Whole-file replacement that a crash can never leave half written: write a
// temporary file in the same directory, fsync it, rename it over the target,
// fsync the directory.
#include <string>
#include <string_view>

#include "tourney/util/expected.hpp"

namespace tourney::storage {

enum class sync_mode {
  durable,  // fsync the file and its directory: it survives a power cut
  none,     // still atomic (temporary file + rename), not synced: derived files
};

/// Replaces `path` with `content` atomically and (by default) durably. The
/// error names the path and the failing step ("tournament.json: fsync: No
/// space left on device").
expected<void> write_file_atomically(const std::string& path, std::string_view content,
                                     sync_mode durability = sync_mode::durable);

/// Writes all of `content` to `fd` (retrying short writes and EINTR); the
/// error names `path` and the step ("games.csa: write: ...").
expected<void> write_all(int fd, std::string_view content, const std::string& path);

/// Creates `path` (one level; the parent must exist). An existing directory is
/// an error when `must_be_new`.
expected<void> make_directory(const std::string& path, bool must_be_new);

/// fsync of a directory, so a new entry in it survives a crash.
expected<void> sync_directory(const std::string& path);

}  // namespace tourney::storage
