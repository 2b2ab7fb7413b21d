#pragma once
// A fresh directory under /tmp, removed with everything in it afterwards.
#include <filesystem>
#include <string>

#include <unistd.h>

namespace tourney::test {

class temp_dir {
 public:
  temp_dir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tourney-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data()) ? tmpl : std::string();
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::string& path() const {
    return path_;
  }

 private:
  std::string path_;
};

}  // namespace tourney::test
