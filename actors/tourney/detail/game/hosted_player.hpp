#pragma once
// One in-process player for one game: made on first use (a slow factory runs
// wherever the player runs), exceptions turned into answers. Used by player
// actors and by game actors for players that decide in microseconds.
#include <atomic>
#include <exception>
#include <memory>
#include <string>

#include "tourney/detail/messages.hpp"
#include "tourney/runtime/game_referee.hpp"

namespace tourney::detail {

class hosted_player {
 public:
  hosted_player(player_source source, std::uint64_t seed, std::shared_ptr<std::atomic<bool>> stop)
      : source_(std::move(source)), seed_(seed), stop_(std::move(stop)) {}

  player_answer decide(const rt::turn& t) {
    ensure_player();
    if (!broken_.empty()) {
      return {std::nullopt, broken_};
    }
    try {
      players::move_request request{t.start, t.history, t.position, t.limits, *stop_};
      return {player_->decide(request), {}};
    } catch (const std::exception& e) {
      return {std::nullopt, source_.name + ": " + e.what()};
    } catch (...) {
      return {std::nullopt, source_.name + ": unknown exception"};
    }
  }

 private:
  void ensure_player() {
    if (player_ || !broken_.empty()) {
      return;
    }
    try {
      auto made = source_.make();
      if (!made) {
        broken_ = source_.name + ": " + made.error().message;
        return;
      }
      player_ = std::move(*made);
      player_->new_game(seed_);
    } catch (const std::exception& e) {
      broken_ = source_.name + ": could not be made: " + e.what();
    } catch (...) {
      broken_ = source_.name + ": could not be made: unknown exception";
    }
  }

  player_source source_;
  std::uint64_t seed_;
  std::shared_ptr<std::atomic<bool>> stop_;
  std::unique_ptr<players::player> player_;
  std::string broken_;  // why the player could not be made
};

}  // namespace tourney::detail
