// Embedding tourney in a host program: a "trainer" registers its current
// policy, evaluates it in the background against built-in opponents, keeps
// training while the games run, and reads the result when it is ready.
// Built by CMake and run by the tests (tests/app/embed_test.cpp).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>

#include "tourney/players/player.hpp"
#include "tourney/runtime.hpp"

namespace {

/// Stands in for a network: prefers captures, then the first legal move.
class greedy_policy : public tourney::players::player {
 public:
  tourney::players::decision decide(const tourney::players::move_request& request) override {
    const auto& pos = request.position;
    auto moves = pos.legal_moves();
    for (auto m : moves) {
      if (pos.at(m.to())) {
        return tourney::players::decision::play(m);
      }
    }
    return tourney::players::decision::play(moves[0]);
  }
};

}  // namespace

int main(int argc, char** argv) {
  tourney::runtime_options options;
  options.storage_dir = argc > 1 ? argv[1] : "tournament_results";
  options.game_slots = 2;
  tourney::runtime rt(options);

  // The policy plays one game at a time (a GPU model would say so too).
  tourney::policy_options policy;
  policy.max_concurrent_games = 1;
  if (auto ok = rt.register_policy("checkpoint-42", [] { return std::make_unique<greedy_policy>(); }, policy);
      !ok) {
    std::fprintf(stderr, "register_policy: %s\n", ok.error().message.c_str());
    return 1;
  }

  tourney::spec::tournament_spec spec;
  spec.name = "checkpoint-42-eval";
  spec.players = {tourney::spec::host("checkpoint-42"), tourney::spec::builtin("random"),
                  tourney::spec::builtin("heuristic")};
  spec.games_per_pairing = 4;

  // Events arrive on the subscription's own thread, never blocking training.
  std::atomic<int> finished_games{0};
  auto subscription = rt.subscribe([&](const tourney::tournament_event& e) {
    finished_games = static_cast<int>(e.snapshot.completed_games);
  });

  auto id = rt.start(spec, spec.name, /*priority=*/1);
  if (!id) {
    std::fprintf(stderr, "cannot start: %s\n", id.error().message.c_str());
    return 2;
  }

  // The training loop goes on; here it polls the progress between steps.
  std::uint64_t steps = 0;
  for (;;) {
    ++steps;  // one optimisation step would run here
    auto p = rt.progress(*id);
    if (p && p->is_complete()) {
      break;
    }
    if (auto done = rt.wait(*id, std::chrono::milliseconds(5))) {
      break;
    }
  }
  auto result = rt.progress(*id);
  rt.shutdown();
  if (!result) {
    return 1;
  }
  std::printf("status %s, %llu/%llu games, trainer steps while evaluating: %llu\n",
              std::string(tourney::rt::to_string(result->status)).c_str(),
              static_cast<unsigned long long>(result->completed_games),
              static_cast<unsigned long long>(result->total_games),
              static_cast<unsigned long long>(steps));
  for (const auto& s : result->standings) {
    std::printf("%s: %llu wins, %llu losses, %llu draws\n", s.name.c_str(),
                static_cast<unsigned long long>(s.wins), static_cast<unsigned long long>(s.losses),
                static_cast<unsigned long long>(s.draws));
  }
  std::printf("%s\n", result->folder.c_str());
  return result->status == tourney::tournament_status::completed ? 0 : 1;
}
