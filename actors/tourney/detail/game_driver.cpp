#include "tourney/detail/game_driver.hpp"

#include <exception>

#include "caf/send.hpp"

#include "tourney/detail/type_ids.hpp"

namespace tourney::detail {

game_driver::game_driver(const caf::actor& game, std::shared_ptr<rt::game_referee> referee)
    : game_(caf::actor_cast<caf::weak_actor_ptr>(caf::actor_cast<caf::strong_actor_ptr>(game))),
      referee_(std::move(referee)) {}

void game_driver::set_lease(int side, caf::actor pool, usi_lease_ptr lease) {
  lease_pool_[side] = std::move(pool);
  lease_[side] = std::move(lease);
}

bool game_driver::uses_pool(const caf::actor& pool) const {
  return pool == lease_pool_[0] || pool == lease_pool_[1];
}

bool game_driver::pool_down(const caf::actor_addr& pool, const std::string& why) {
  for (int i = 0; i < 2; ++i) {
    if (lease_pool_[i] && lease_pool_[i].address() == pool) {
      lease_pool_[i] = nullptr;
      lease_[i] = nullptr;  // its player actor answers from now on
    }
  }
  if (pending_ != 0 && pool == pending_pool_) {
    pending_ = 0;
    referee_->on_no_decision(rt::no_decision::player_gone, "the player's engine pool ended: " + why);
    return true;
  }
  return false;
}

bool game_driver::ask_lease(const caf::actor& game, int side, const rt::turn& t) {
  const auto ply = next_request_++;
  pending_ = ply;
  pending_pool_ = lease_pool_[side].address();
  if (auto now = lease_[side]->ask(game, shared_from_this(), ply, t)) {
    pending_ = 0;
    apply(*now);
    return false;
  }
  return true;
}

bool game_driver::take(std::uint64_t ply, player_answer& answer) {
  if (ply == 0 || pending_ != ply) {
    return false;  // settled already (its pool went down)
  }
  pending_ = 0;
  apply(answer);
  return true;
}

void game_driver::apply(player_answer& answer) {
  const auto elapsed = steady::now() - asked_;
  if (answer.decision) {
    referee_->on_decision(*answer.decision, elapsed);
  } else {
    referee_->on_no_decision(answer.why, answer.error);
  }
}

void game_driver::on_move(std::uint64_t ply, player_answer answer) {
  caf::actor game;
  {
    auto lock = hold();
    if (!live_) {
      return;
    }
    game = caf::actor_cast<caf::actor>(game_);
    if (!game) {
      live_ = false;  // the actor is gone: nobody would report the game
      return;
    }
    try {
      if (!take(ply, answer)) {
        return;
      }
      for (;;) {
        auto t = referee_->next_turn();
        if (!t || !lease_[static_cast<int>(t->side)]) {
          break;  // over, or the next side is not a leased engine: the actor goes on
        }
        mark_asked();
        if (ask_lease(game, static_cast<int>(t->side), *t)) {
          return;  // this thread or another brings the answer
        }
      }
    } catch (const std::exception&) {
      // Nothing may escape onto the engines' thread: the actor meets the
      // same failure in its own step, where its exception handler ends the game.
      pending_ = 0;
    }
  }
  caf::anon_send(game, atom::run_v);
}

}  // namespace tourney::detail
