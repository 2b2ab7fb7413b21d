// The tourney command-line app.
#include <cstdio>

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"tourney: an actor-model tournament runtime for game-playing agents"};
  app.set_version_flag("--version", std::string("tourney ") + TOURNEY_VERSION);
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
