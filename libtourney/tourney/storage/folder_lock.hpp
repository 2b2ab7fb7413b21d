#pragma once
// One writer per results folder: a tournament folder (and a worker's storage)
// is written by one runtime at a time, whichever process it lives in. The
// lock is an flock(2) on `<folder>/lock`, held for as long as the object
// lives and released by the kernel when the holder exits, even by SIGKILL, so
// a crashed run never leaves a stale lock. The file says who holds it.
#include <string>

#include "tourney/util/expected.hpp"

namespace tourney::storage {

class folder_lock {
 public:
  /// Takes the lock of `folder` (which must exist) without waiting. Held
  /// elsewhere: an error naming the folder and the holder ("...: in use by
  /// pid 4242 (tourney) on node1 since 2026-12-02T14:00:00Z; ...").
  [[nodiscard]] static expected<folder_lock> acquire(const std::string& folder);

  folder_lock(folder_lock&& other) noexcept;
  folder_lock& operator=(folder_lock&& other) noexcept;
  folder_lock(const folder_lock&) = delete;
  folder_lock& operator=(const folder_lock&) = delete;
  ~folder_lock();

  [[nodiscard]] const std::string& folder() const { return folder_; }

 private:
  folder_lock(int fd, std::string folder) : fd_(fd), folder_(std::move(folder)) {}
  int fd_ = -1;
  std::string folder_;
};

}  // namespace tourney::storage
