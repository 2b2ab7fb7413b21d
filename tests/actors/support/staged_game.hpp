#pragma once
// Test doubles for the runtime: a referee that stages endings without the
// rules core (any move is accepted; resign, declare, max plies, timeouts and
// player errors end games as the real referee names them), and players with
// scripted behaviour. Only for tests.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tourney/players/player.hpp"
#include "tourney/runtime/game_referee.hpp"
#include "tourney/spec/tournament_spec.hpp"

namespace tourney::test {

struct staged_options {
  /// Deadline of every move.
  std::chrono::milliseconds deadline{5000};
  /// Games (by plan index) whose referee cannot be made: result error.
  std::set<std::uint64_t> broken_games;
  /// Games whose referee throws on the first turn (the game actor crashes).
  std::set<std::uint64_t> crashing_games;
  /// The factory itself throws (a bug in the tournament's path).
  bool factory_throws = false;
};

rt::referee_factory staged_referee(staged_options options = {});

/// A spec with host players named p0..p(n-1), all using `policy`.
spec::tournament_spec host_spec(std::size_t players, int games_per_pairing, const std::string& policy,
                                int max_plies = 0);

/// Players.
std::unique_ptr<players::player> make_resigner();
std::unique_ptr<players::player> make_mover();  // plays until max plies
std::unique_ptr<players::player> make_thrower();
/// Searches until its stop flag is raised (a hung in-process player).
std::unique_ptr<players::player> make_staller();

/// A gate the test opens; players wait on it (or on their stop flag).
class gate {
 public:
  void open();
  bool is_open() const;
  /// Blocks until open or `stop` is set; returns whether it opened.
  bool wait(const std::atomic<bool>& stop);
  /// How many are waiting now / have ever waited.
  int waiting() const;
  int arrivals() const;
  /// Blocks (bounded) until at least n arrivals.
  bool wait_arrivals(int n, std::chrono::milliseconds timeout);

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = false;
  int waiting_ = 0;
  int arrivals_ = 0;
};

/// Resigns once the gate opens.
std::unique_ptr<players::player> make_gated(std::shared_ptr<gate> g);

// -- definitions ----------------------------------------------------------------


namespace staged_detail {

class staged : public rt::game_referee {
 public:
  staged(const spec::tournament_spec& spec, std::chrono::milliseconds deadline, bool crash)
      : max_plies_(spec.adjudication.max_plies), deadline_(deadline), crash_(crash) {}

  std::optional<rt::turn> next_turn() override {
    if (crash_) {
      throw std::runtime_error("staged referee crash");
    }
    if (over_) {
      return std::nullopt;
    }
    rt::turn t;
    t.side = side_;
    t.deadline = deadline_;
    return t;
  }

  void on_decision(const players::decision& d, std::chrono::nanoseconds) override {
    switch (d.what) {
      case players::decision::kind::resign:
        end_loss("resign");
        return;
      case players::decision::kind::declare_win:
        end(side_ == shogi::color::black ? game::result::black_win : game::result::white_win,
            "declaration");
        return;
      case players::decision::kind::move:
        moves_.push_back(side_ == shogi::color::black ? "7g7f" : "3c3d");
        side_ = shogi::opponent(side_);
        if (max_plies_ > 0 && static_cast<int>(moves_.size()) >= max_plies_) {
          end(game::result::draw, "max_plies");
        }
        return;
    }
  }

  void on_no_decision(rt::no_decision why, const std::string&) override {
    switch (why) {
      case rt::no_decision::timeout:
        end_loss("timeout");
        break;
      case rt::no_decision::player_error:
        end_loss("error");
        break;
      case rt::no_decision::player_gone:
        end_loss("disconnect");
        break;
      case rt::no_decision::illegal_move:
        end_loss("illegal_move");
        break;
    }
  }

  void on_start_failure(const std::string&) override {
    end(game::result::error, "error");
  }

  rt::finished_game result() const override {
    rt::finished_game g;
    g.result = result_;
    g.reason = reason_;
    g.plies = static_cast<int>(moves_.size());
    g.start_sfen = "lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1";
    g.moves = moves_;
    return g;
  }

 private:
  void end(game::result r, std::string why) {
    over_ = true;
    result_ = r;
    reason_ = std::move(why);
  }
  void end_loss(std::string why) {
    end(side_ == shogi::color::black ? game::result::white_win : game::result::black_win, std::move(why));
  }

  int max_plies_;
  std::chrono::milliseconds deadline_;
  bool crash_;
  bool over_ = false;
  shogi::color side_ = shogi::color::black;
  std::vector<std::string> moves_;
  game::result result_ = game::result::error;
  std::string reason_ = "error";
};

class resigner : public players::player {
 public:
  players::decision decide(const players::move_request&) override {
    return players::decision::resign();
  }
};

class mover : public players::player {
 public:
  players::decision decide(const players::move_request&) override {
    return players::decision::play(shogi::move::board(60, 51, false));
  }
};

class thrower : public players::player {
 public:
  players::decision decide(const players::move_request&) override {
    throw std::runtime_error("staged player failure");
  }
};

class staller : public players::player {
 public:
  players::decision decide(const players::move_request& r) override {
    // A search loop that honours the stop flag, as the contract asks.
    while (!r.stop.load()) {
      std::this_thread::yield();
    }
    return players::decision::resign();
  }
};

class gated : public players::player {
 public:
  explicit gated(std::shared_ptr<gate> g) : gate_(std::move(g)) {}
  players::decision decide(const players::move_request& r) override {
    gate_->wait(r.stop);
    return players::decision::resign();
  }

 private:
  std::shared_ptr<gate> gate_;
};

}  // namespace staged_detail

inline rt::referee_factory staged_referee(staged_options options) {
  return [options](const rt::game_context& c) -> expected<std::unique_ptr<rt::game_referee>> {
    const auto& spec = c.spec;
    const auto& a = c.game;
    if (options.factory_throws) {
      throw std::runtime_error("staged referee factory bug");
    }
    if (options.broken_games.count(a.index) != 0) {
      return fail("staged: no referee for game " + std::to_string(a.index));
    }
    return std::make_unique<staged_detail::staged>(spec, options.deadline, options.crashing_games.count(a.index) != 0);
  };
}

inline spec::tournament_spec host_spec(std::size_t players, int games_per_pairing, const std::string& policy,
                                int max_plies) {
  spec::tournament_spec s;
  s.name = "staged";
  s.games_per_pairing = games_per_pairing;
  s.adjudication.max_plies = max_plies;
  for (std::size_t i = 0; i < players; ++i) {
    spec::player_spec p;
    p.name = "p" + std::to_string(i);
    p.player = spec::host_player{policy};
    s.players.push_back(p);
  }
  return s;
}

inline std::unique_ptr<players::player> make_resigner() {
  return std::make_unique<staged_detail::resigner>();
}
inline std::unique_ptr<players::player> make_mover() {
  return std::make_unique<staged_detail::mover>();
}
inline std::unique_ptr<players::player> make_thrower() {
  return std::make_unique<staged_detail::thrower>();
}
inline std::unique_ptr<players::player> make_staller() {
  return std::make_unique<staged_detail::staller>();
}
inline std::unique_ptr<players::player> make_gated(std::shared_ptr<gate> g) {
  return std::make_unique<staged_detail::gated>(std::move(g));
}

inline void gate::open() {
  {
    std::lock_guard<std::mutex> guard(mutex_);
    open_ = true;
  }
  cv_.notify_all();
}

inline bool gate::is_open() const {
  std::lock_guard<std::mutex> guard(mutex_);
  return open_;
}

inline bool gate::wait(const std::atomic<bool>& stop) {
  std::unique_lock<std::mutex> lock(mutex_);
  ++waiting_;
  ++arrivals_;
  cv_.notify_all();
  // The stop flag has no notifier: re-check it at a short interval.
  while (!open_ && !stop.load()) {
    cv_.wait_for(lock, std::chrono::milliseconds(2));
  }
  --waiting_;
  return open_;
}

inline int gate::waiting() const {
  std::lock_guard<std::mutex> guard(mutex_);
  return waiting_;
}

inline int gate::arrivals() const {
  std::lock_guard<std::mutex> guard(mutex_);
  return arrivals_;
}

inline bool gate::wait_arrivals(int n, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return cv_.wait_for(lock, timeout, [&] { return arrivals_ >= n; });
}

}  // namespace tourney::test
