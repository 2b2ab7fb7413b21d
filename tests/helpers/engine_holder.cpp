// A test double for a tourney process that dies without cleaning up: it
// starts an engine through usi::child_process (argv[1] and the rest: the
// command and its arguments), passes on the first "info string grandchild
// PID" line the engine prints as "grandchild PID" on its own stdout, then
// blocks reading its stdin until the test SIGKILLs it.
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "tourney/usi/child_process.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: engine_holder COMMAND [ARGS...]\n");
    return 2;
  }
  tourney::usi::spawn_options options;
  options.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    options.args.emplace_back(argv[i]);
  }
  auto child = tourney::usi::child_process::spawn(options);
  if (!child) {
    std::fprintf(stderr, "engine_holder: %s\n", child.error().message.c_str());
    return 1;
  }
  const std::string wanted = "info string grandchild ";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!child->at_eof() && std::chrono::steady_clock::now() < deadline) {
    for (const auto& line : child->read_available()) {
      if (line.rfind(wanted, 0) == 0) {
        std::printf("grandchild %s\n", line.substr(wanted.size()).c_str());
        std::fflush(stdout);
        char byte = 0;
        while (::read(0, &byte, 1) > 0) {
        }
        return 0;
      }
    }
    pollfd pfd{child->fd(), POLLIN, 0};
    ::poll(&pfd, 1, 1000);
  }
  std::fprintf(stderr, "engine_holder: no grandchild line\n");
  return 1;
}
