// file_size_limit BYTES PROGRAM [ARGS...]: runs PROGRAM with RLIMIT_FSIZE =
// BYTES, a stand-in for a full disk (writes past the limit fail with EFBIG;
// SIGXFSZ is ignored here and an ignored signal stays ignored across exec).
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include <sys/resource.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: file_size_limit BYTES PROGRAM [ARGS...]\n");
    return 2;
  }
  const auto bytes = static_cast<rlim_t>(std::strtoull(argv[1], nullptr, 10));
  struct rlimit limit {
    bytes, bytes
  };
  if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) {
    std::perror("setrlimit");
    return 2;
  }
  std::signal(SIGXFSZ, SIG_IGN);
  ::execv(argv[2], argv + 2);
  std::perror("execv");
  return 127;
}
