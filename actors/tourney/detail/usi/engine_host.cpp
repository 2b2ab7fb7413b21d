#include "tourney/detail/usi/engine_host.hpp"

#include <filesystem>

#include "caf/send.hpp"

#include "tourney/detail/type_ids.hpp"

namespace tourney::detail {

namespace {

// A game actor waiting for a move or for its referee.
class game_client final : public usi::move_client {
 public:
  explicit game_client(game_actor game) : game_(std::move(game)) {}
  void answer(std::uint64_t ply, rt::player_answer answer) override {
    caf::anon_send(game_, atom::move_v, ply, std::move(answer));
  }
  void give_back(std::shared_ptr<rt::game_referee> referee, std::string why, std::string failure) override {
    caf::anon_send(game_, atom::run_v, returned_game{std::move(referee), std::move(why), std::move(failure)});
  }

 private:
  game_actor game_;
};

// A referee on its way to the engine thread: should the call never run (the
// host stopped first), it goes back to its game unfinished, not lost.
struct handoff {
  std::shared_ptr<rt::game_referee> referee;
  game_actor game;
  handoff(std::shared_ptr<rt::game_referee> r, game_actor g) : referee(std::move(r)), game(std::move(g)) {}
  handoff(const handoff&) = delete;
  handoff& operator=(const handoff&) = delete;
  ~handoff() {
    if (referee && game) {
      caf::anon_send(game, atom::run_v, returned_game{std::move(referee), "the engine pool ended", {}});
    }
  }
};

}  // namespace

engine_host::engine_host(const engine_pool_actor& pool, std::string log_dir)
    : pool_actor_(caf::actor_cast<caf::weak_actor_ptr>(caf::actor_cast<caf::strong_actor_ptr>(pool))),
      log_dir_(std::move(log_dir)) {}

expected<std::shared_ptr<engine_host>> engine_host::start(const engine_pool_actor& pool,
                                                           std::vector<usi::pool_player> players,
                                                           std::size_t engines_per_player, std::string log_dir) {
  std::shared_ptr<engine_host> host(new engine_host(pool, std::move(log_dir)));
  host->pool_ = std::make_unique<usi::engine_pool>(std::move(players), engines_per_player, *host);
  auto* self = host.get();
  auto reactor = usi::engine_reactor::start(
      [self](usi::reactor_event event) { self->pool_->on_event(std::move(event), usi::steady::now()); });
  if (!reactor) {
    return fail(reactor.error().message);
  }
  host->reactor_ = std::move(*reactor);
  return host;
}

engine_host::~engine_host() {
  if (reactor_) {
    reactor_->stop();  // joins the engine thread: what follows runs alone
  }
  pool_.reset();  // gives back the games it held
}

void engine_host::lease(usi::lease_request_id request, usi::lessee_id lessee, std::string player) {
  reactor_->call([this, request, lessee, player = std::move(player)] {
    pool_->lease(request, lessee, player, usi::steady::now());
  });
}

void engine_host::release_lessee(usi::lessee_id lessee) {
  reactor_->call([this, lessee] { pool_->release(lessee, usi::steady::now()); });
}

void engine_host::game_over(usi::lease_ref lease, std::string outcome) {
  reactor_->call([this, lease, outcome = std::move(outcome)] { pool_->game_over(lease, outcome, usi::steady::now()); });
}

void engine_host::ask(usi::lease_ref lease, std::uint64_t ply, rt::turn t, const game_actor& game) {
  auto client = std::make_shared<game_client>(game);
  auto turn = std::make_shared<rt::turn>(std::move(t));
  reactor_->call([this, lease, ply, turn, client] { pool_->ask(lease, ply, *turn, client, usi::steady::now()); });
}

void engine_host::play_out(usi::lease_ref black, usi::lease_ref white, std::shared_ptr<rt::game_referee> referee,
                           rt::turn first, const game_actor& game) {
  auto box = std::make_shared<handoff>(std::move(referee), game);
  auto turn = std::make_shared<rt::turn>(std::move(first));
  reactor_->call([this, black, white, box, turn] {
    const usi::lease_ref leases[2] = {black, white};
    pool_->play_out(leases, std::move(box->referee), *turn, std::make_shared<game_client>(box->game),
                    usi::steady::now());
  });
}

void engine_host::shutdown() {
  reactor_->call([this] { pool_->shutdown(usi::steady::now()); });
}

usi::engine_id engine_host::spawn(usi::spawn_options options) {
  if (!log_dir_made_) {
    std::error_code ec;
    std::filesystem::create_directories(log_dir_, ec);  // once per pool
    log_dir_made_ = true;
  }
  return reactor_->spawn(std::move(options));
}

void engine_host::write(usi::engine_id id, std::vector<std::string> lines) {
  reactor_->write(id, std::move(lines));
}

void engine_host::set_timer(usi::engine_id id, std::uint64_t timer, usi::steady::time_point at) {
  reactor_->set_timer(id, timer, at);
}

void engine_host::cancel_timer(usi::engine_id id) {
  reactor_->cancel_timer(id);
}

void engine_host::signal(usi::engine_id id, int signal) {
  reactor_->signal(id, signal);
}

void engine_host::release(usi::engine_id id) {
  reactor_->release(id);
}

void engine_host::lease_reply(usi::lease_request_id request, usi::engine_id id, std::uint64_t lease,
                              std::string error) {
  if (auto pool = caf::actor_cast<engine_pool_actor>(pool_actor_)) {
    caf::anon_send(pool, atom::lease_v, request, std::uint64_t{id}, lease, std::move(error));
  }
}

void engine_host::startup_failed(std::string message) {
  if (auto pool = caf::actor_cast<engine_pool_actor>(pool_actor_)) {
    caf::anon_send(pool, atom::fault_v, std::move(message));
  }
}

void engine_host::all_gone() {
  if (auto pool = caf::actor_cast<engine_pool_actor>(pool_actor_)) {
    caf::anon_send(pool, atom::done_v);
  }
}

}  // namespace tourney::detail
