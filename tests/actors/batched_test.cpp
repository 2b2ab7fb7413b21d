// Batched host policies end to end, on the real rules referee: batches
// larger than one, the flush rule (never waits on a game whose opponent is
// thinking; fills up to the limit), sharing across tournaments and both
// sides, limits, every fault, cancel during a call, a call that never
// returns, and every recorded game legal by the rules core. Waits are on
// events and latches with deadlines; nothing sleeps.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "actors/support/event_recorder.hpp"
#include "support/journal_lines.hpp"
#include "support/temp_dir.hpp"
#include "tourney/encoding/batch_encoding.hpp"
#include "tourney/runtime.hpp"
#include "tourney/shogi/notation.hpp"
#include "tourney/spec/player_helpers.hpp"

using namespace tourney;
using namespace std::chrono_literals;

namespace {

/// What the test's policy saw, call by call (the host side: a lock is fine).
struct call_log {
  struct call {
    std::size_t size = 0;
    std::set<std::string> tournaments;
    std::set<std::string> players;
    std::set<std::string> games;
  };
  mutable std::mutex mutex;
  std::vector<call> calls;

  void add(const move_batch& b) {
    call c;
    c.size = b.size();
    for (const auto& r : b.requests) {
      c.tournaments.insert(r.tournament_id);
      c.players.insert(r.player);
      c.games.insert(r.game_id);
    }
    std::lock_guard<std::mutex> guard(mutex);
    calls.push_back(std::move(c));
  }
  std::vector<call> all() const {
    std::lock_guard<std::mutex> guard(mutex);
    return calls;
  }
  std::size_t largest() const {
    std::size_t n = 0;
    for (const auto& c : all()) {
      n = std::max(n, c.size);
    }
    return n;
  }
};

/// A latch the test opens; evaluate waits on it (with a far deadline, so a
/// failing test ends).
struct latch {
  std::mutex mutex;
  std::condition_variable cv;
  bool open = false;
  int arrivals = 0;

  void wait() {
    std::unique_lock<std::mutex> lock(mutex);
    ++arrivals;
    cv.notify_all();
    cv.wait_for(lock, 120s, [&] { return open; });
  }
  void release() {
    std::lock_guard<std::mutex> lock(mutex);
    open = true;
    cv.notify_all();
  }
  int arrived() {
    std::lock_guard<std::mutex> lock(mutex);
    return arrivals;
  }
  bool wait_arrivals(int n, std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex);
    return cv.wait_for(lock, timeout, [&] { return arrivals >= n; });
  }
};

/// Plays a legal move chosen from the game id and ply (deterministic).
players::decision pick(const batch_request& r) {
  const auto h = std::hash<std::string>{}(r.game_id) + r.history.size() * 7919;
  return players::decision::play(r.legal_moves[h % r.legal_moves.size()]);
}

batch_evaluate logged(std::shared_ptr<call_log> log) {
  return [log](const move_batch& b) {
    log->add(b);
    std::vector<players::decision> out;
    for (const auto& r : b.requests) {
      out.push_back(pick(r));
    }
    return out;
  };
}

struct fixture {
  test::temp_dir dir;

  runtime_options options(std::size_t slots = 1) {
    runtime_options o;
    o.storage_dir = dir.path();
    o.game_slots = slots;
    o.max_concurrent_tournaments = 4;
    o.policy_call_grace = 200ms;
    return o;
  }
};

/// The policy against `opponents`, `games` games each, short games.
spec::tournament_spec gauntlet(const std::string& policy, std::vector<spec::player_spec> opponents,
                               int games, int max_plies = 24) {
  spec::tournament_spec s;
  s.name = "batched";
  s.games_per_pairing = games;
  s.adjudication.max_plies = max_plies;
  s.players.push_back(spec::host(policy, "net"));
  for (auto& o : opponents) {
    s.players.push_back(std::move(o));
  }
  return s;
}

std::vector<nlohmann::json> journal(const std::string& folder) {
  return test::journal_lines(folder);
}

/// Every move of every journaled game is legal where it was played.
void check_legal(const std::string& folder) {
  for (const auto& g : journal(folder)) {
    auto pos = shogi::position::from_sfen(g.at("start_sfen").get<std::string>());
    BOOST_REQUIRE(pos);
    for (const auto& m : g.at("moves")) {
      auto move = shogi::parse_legal_usi_move(*pos, m.get<std::string>());
      BOOST_REQUIRE_MESSAGE(move, g.at("game_id").get<std::string>() + ": " + m.get<std::string>());
      pos->play(*move);
    }
  }
}

const policy_usage* usage(const progress_snapshot& s, const std::string& policy) {
  for (const auto& u : s.policies) {
    if (u.policy == policy) {
      return &u;
    }
  }
  return nullptr;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(actors_batched, fixture)

BOOST_AUTO_TEST_CASE(games_overlap_in_batches_without_game_slots_and_every_game_is_legal) {
  runtime r(options(/*slots=*/1));
  auto log = std::make_shared<call_log>();
  BOOST_REQUIRE(r.register_batched_policy("net", logged(log)));
  test::event_recorder rec(r);
  // 24 games against a built-in that decides in microseconds: light games,
  // so one game slot does not limit them.
  auto id = r.start(gauntlet("net", {spec::builtin("random"), spec::builtin("heuristic")}, 12));
  BOOST_REQUIRE_MESSAGE(id, (id ? "" : id.error().message));
  auto final = rec.wait_terminal(*id, 120s);
  BOOST_REQUIRE(final);
  BOOST_TEST((final->status == tournament_status::completed));
  BOOST_TEST(final->completed_games == 24u);
  BOOST_TEST(final->failed_games == 0u);
  BOOST_TEST(log->largest() > 1u);
  const auto* u = usage(*final, "net");
  BOOST_REQUIRE(u);
  BOOST_TEST(u->calls == log->all().size());
  BOOST_TEST(u->mean_batch() > 1.0);
  BOOST_TEST(u->largest_batch == log->largest());
  std::size_t positions = 0;
  for (const auto& c : log->all()) {
    positions += c.size;
  }
  BOOST_TEST(u->positions == positions);
  // Every position the policy was asked is a move of "net" in the journal.
  std::size_t net_moves = 0;
  for (const auto& g : journal(final->folder)) {
    const auto n = g.at("moves").size();
    const bool net_black = g.at("black") == "net";
    net_moves += net_black ? (n + 1) / 2 : n / 2;
  }
  BOOST_TEST(net_moves == positions);
  check_legal(final->folder);
  auto saved = nlohmann::json::parse(std::ifstream(final->folder + "/tournament.json"));
  BOOST_REQUIRE(saved.contains("batched_policies"));
  BOOST_TEST(saved["batched_policies"][0]["policy"] == "net");
  BOOST_TEST(saved["batched_policies"][0]["positions"].get<std::size_t>() == positions);
}

BOOST_AUTO_TEST_CASE(a_network_answering_action_indices_over_the_encoded_batch_plays_legal_games) {
  runtime r(options());
  // What a network does: encode the batch, score every action, mask the
  // illegal ones, answer the argmax (scores here from a hash: no model).
  std::atomic<std::size_t> encoded_positions{0};
  BOOST_REQUIRE(r.register_batched_policy("net", [&encoded_positions](const move_batch& b) {
    auto enc = encoding::encode_batch(b, encoding::layout::dlshogi);
    if (!enc) {
      throw std::runtime_error(enc.error().message);
    }
    encoded_positions += enc->size;
    const std::size_t actions = 2187;
    std::vector<players::decision> out;
    for (std::size_t i = 0; i < b.size(); ++i) {
      std::size_t best = actions;
      std::size_t best_score = 0;
      for (std::size_t a = 0; a < actions; ++a) {
        const auto score = (a * 2654435761u + b[i].history.size() * 40503u) % 1000003u;
        if (enc->legal[i * actions + a] != 0 && (best == actions || score > best_score)) {
          best = a;
          best_score = score;
        }
      }
      auto d = encoding::decision_for_action(b[i], encoding::layout::dlshogi,
                                             static_cast<std::uint32_t>(best));
      if (!d) {
        throw std::runtime_error(d.error().message);
      }
      out.push_back(*d);
    }
    return out;
  }));
  test::event_recorder rec(r);
  auto id = r.start(gauntlet("net", {spec::builtin("random")}, 6));
  BOOST_REQUIRE(id);
  auto final = rec.wait_terminal(*id, 120s);
  BOOST_REQUIRE(final);
  BOOST_TEST(final->completed_games == 6u);
  BOOST_TEST(final->failed_games == 0u);
  for (const auto& g : journal(final->folder)) {
    BOOST_TEST(g.at("reason") != "error");
    BOOST_TEST(g.at("reason") != "illegal_move");
  }
  BOOST_TEST(encoded_positions.load() > 0u);
  check_legal(final->folder);
}

BOOST_AUTO_TEST_CASE(a_batch_fills_up_to_its_limit_and_no_further) {
  runtime r(options());
  auto log = std::make_shared<call_log>();
  batched_policy_options o;
  o.max_batch = 4;
  BOOST_REQUIRE(r.register_batched_policy("net", logged(log), o));
  test::event_recorder rec(r);
  auto id = r.start(gauntlet("net", {spec::builtin("random")}, 10));
  BOOST_REQUIRE(id);
  auto final = rec.wait_terminal(*id, 120s);
  BOOST_REQUIRE(final);
  BOOST_TEST(final->completed_games == 10u);
  BOOST_TEST(log->largest() == 4u);
}

BOOST_AUTO_TEST_CASE(max_games_bounds_the_games_at_once) {
  runtime r(options());
  auto log = std::make_shared<call_log>();
  batched_policy_options o;
  o.max_games = 3;
  BOOST_REQUIRE(r.register_batched_policy("net", logged(log), o));
  test::event_recorder rec(r);
  auto id = r.start(gauntlet("net", {spec::builtin("random")}, 9));
  BOOST_REQUIRE(id);
  auto final = rec.wait_terminal(*id, 120s);
  BOOST_REQUIRE(final);
  BOOST_TEST(final->completed_games == 9u);
  // Each game in flight has at most one request waiting: a batch never
  // holds more games than may run at once.
  BOOST_TEST(log->largest() <= 3u);
  BOOST_TEST(log->largest() >= 2u);
  // Without the limit the same games batch beyond it.
  runtime unlimited(options());
  auto log9 = std::make_shared<call_log>();
  BOOST_REQUIRE(unlimited.register_batched_policy("net", logged(log9)));
  test::event_recorder rec9(unlimited);
  auto id9 = unlimited.start(gauntlet("net", {spec::builtin("random")}, 9));
  BOOST_REQUIRE(id9);
  BOOST_REQUIRE(rec9.wait_terminal(*id9, 120s));
  BOOST_TEST(log9->largest() > 3u);
}

BOOST_AUTO_TEST_CASE(one_batch_serves_several_tournaments_and_both_sides_of_a_game) {
  runtime r(options());
  auto log = std::make_shared<call_log>();
  BOOST_REQUIRE(r.register_batched_policy("net", logged(log)));
  test::event_recorder rec(r);
  // The model against itself (two players, one policy) in two tournaments.
  auto self_play = [] {
    spec::tournament_spec s;
    s.name = "self";
    s.games_per_pairing = 6;
    s.adjudication.max_plies = 24;
    s.players = {spec::host("net", "net-a"), spec::host("net", "net-b")};
    return s;
  };
  auto a = r.start(self_play());
  auto b = r.start(self_play());
  BOOST_REQUIRE(a && b);
  auto fa = rec.wait_terminal(*a, 120s);
  auto fb = rec.wait_terminal(*b, 120s);
  BOOST_REQUIRE(fa && fb);
  BOOST_TEST(fa->completed_games == 6u);
  BOOST_TEST(fb->completed_games == 6u);
  bool across_tournaments = false;
  bool both_sides = false;
  for (const auto& c : log->all()) {
    across_tournaments = across_tournaments || c.tournaments.size() == 2;
    both_sides = both_sides || c.players.size() == 2;
  }
  BOOST_TEST(across_tournaments);
  BOOST_TEST(both_sides);
  check_legal(fa->folder);
  check_legal(fb->folder);
}

BOOST_AUTO_TEST_CASE(a_batch_never_waits_for_a_game_whose_opponent_is_thinking) {
  runtime r(options(/*slots=*/2));
  auto log = std::make_shared<call_log>();
  BOOST_REQUIRE(r.register_batched_policy("net", logged(log)));
  // An opponent that thinks until the test lets it (its own thread).
  auto gate = std::make_shared<latch>();
  struct gated : players::player {
    std::shared_ptr<latch> g;
    explicit gated(std::shared_ptr<latch> l) : g(std::move(l)) {}
    players::decision decide(const players::move_request& req) override {
      g->wait();
      return players::decision::play(req.position.legal_moves()[0]);
    }
  };
  BOOST_REQUIRE(r.register_policy("thinker", [gate] { return std::make_unique<gated>(gate); }));
  test::event_recorder rec(r);
  auto slow = r.start(gauntlet("net", {spec::host("thinker")}, 1));
  BOOST_REQUIRE(slow);
  BOOST_REQUIRE(gate->wait_arrivals(1, 60s));  // its opponent thinks now
  // Another tournament's games complete meanwhile: no batch waits for the
  // game whose opponent is thinking.
  auto fast = r.start(gauntlet("net", {spec::builtin("random")}, 4));
  BOOST_REQUIRE(fast);
  auto ff = rec.wait_terminal(*fast, 120s);
  BOOST_REQUIRE(ff);
  BOOST_TEST(ff->completed_games == 4u);
  BOOST_TEST(!rec.wait_terminal(*slow, 0ms).has_value());
  gate->release();
  auto fs = rec.wait_terminal(*slow, 120s);
  BOOST_REQUIRE(fs);
  BOOST_TEST(fs->completed_games == 1u);
  check_legal(fs->folder);
}

BOOST_AUTO_TEST_CASE(evaluate_throwing_loses_the_batch_by_error_and_the_tournament_goes_on) {
  runtime r(options());
  BOOST_REQUIRE(
      r.register_batched_policy("net", [](const move_batch&) -> std::vector<players::decision> {
        throw std::runtime_error("CUDA out of memory");
      }));
  test::event_recorder rec(r);
  auto id = r.start(gauntlet("net", {spec::builtin("random")}, 4));
  BOOST_REQUIRE(id);
  auto final = rec.wait_terminal(*id, 60s);
  BOOST_REQUIRE(final);
  BOOST_TEST((final->status == tournament_status::completed));
  BOOST_TEST(final->completed_games == 4u);
  for (const auto& g : journal(final->folder)) {
    BOOST_TEST(g.at("reason") == "error");
    const bool net_black = g.at("black") == "net";
    BOOST_TEST(g.at("result") == (net_black ? "white_win" : "black_win"));
    BOOST_TEST(g.at("detail").get<std::string>().find("CUDA out of memory") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_wrong_number_of_decisions_ends_the_games_of_that_batch) {
  runtime r(options());
  BOOST_REQUIRE(r.register_batched_policy("net", [](const move_batch& b) {
    std::vector<players::decision> out;
    for (std::size_t i = 0; i + 1 < b.size(); ++i) {
      out.push_back(pick(b[i]));
    }
    return out;  // one short
  }));
  test::event_recorder rec(r);
  auto id = r.start(gauntlet("net", {spec::builtin("random")}, 2));
  BOOST_REQUIRE(id);
  auto final = rec.wait_terminal(*id, 60s);
  BOOST_REQUIRE(final);
  BOOST_TEST(final->completed_games == 2u);
  for (const auto& g : journal(final->folder)) {
    BOOST_TEST(g.at("reason") == "error");
    BOOST_TEST(g.at("detail").get<std::string>().find("decisions for") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(an_illegal_move_ends_its_own_game_alone) {
  runtime r(options());
  // The first game of the schedule gets an illegal move (a pawn drop with
  // no pawn in hand at the start); every other game plays legally.
  BOOST_REQUIRE(r.register_batched_policy("net", [](const move_batch& b) {
    std::vector<players::decision> out;
    for (const auto& req : b.requests) {
      if (req.game_id.size() >= 6 &&
          req.game_id.compare(req.game_id.size() - 6, 6, "-00000") == 0) {
        out.push_back(players::decision::play(*shogi::parse_usi_move("P*5e")));
      } else {
        out.push_back(pick(req));
      }
    }
    return out;
  }));
  test::event_recorder rec(r);
  auto id = r.start(gauntlet("net", {spec::builtin("random")}, 4));
  BOOST_REQUIRE(id);
  auto final = rec.wait_terminal(*id, 60s);
  BOOST_REQUIRE(final);
  BOOST_TEST(final->completed_games == 4u);
  int illegal = 0;
  for (const auto& g : journal(final->folder)) {
    if (g.at("reason") == "illegal_move") {
      ++illegal;
      BOOST_TEST(g.at("index") == 0);
    } else {
      BOOST_TEST(g.at("reason") != "error");
    }
  }
  BOOST_TEST(illegal == 1);
  check_legal(final->folder);  // the illegal move is not in the record
}

BOOST_AUTO_TEST_CASE(cancel_during_a_call_ends_the_tournament_promptly) {
  runtime r(options());
  auto gate = std::make_shared<latch>();
  BOOST_REQUIRE(r.register_batched_policy("net", [gate](const move_batch& b) {
    gate->wait();
    std::vector<players::decision> out;
    for (const auto& req : b.requests) {
      out.push_back(pick(req));
    }
    return out;
  }));
  test::event_recorder rec(r);
  auto id = r.start(gauntlet("net", {spec::builtin("random")}, 8));
  BOOST_REQUIRE(id);
  BOOST_REQUIRE(gate->wait_arrivals(1, 60s));  // a call is in progress
  BOOST_TEST(r.cancel(*id).done);
  auto final = rec.wait_terminal(*id, 30s);  // while the call still blocks
  BOOST_REQUIRE(final);
  BOOST_TEST((final->status == tournament_status::cancelled));
  gate->release();
}

BOOST_AUTO_TEST_CASE(a_call_that_never_returns_ends_its_games_on_time_and_fails_the_policy) {
  auto gate = std::make_shared<latch>();
  {
    runtime r(options());
    BOOST_REQUIRE(r.register_batched_policy(
        "net", [gate](const move_batch&) -> std::vector<players::decision> {
          gate->wait();  // held until the runtime is gone
          return {};
        }));
    test::event_recorder rec(r);
    auto s = gauntlet("net", {spec::builtin("random")}, 2);
    s.clock.clockless_move_budget = 300ms;
    auto id = r.start(s);
    BOOST_REQUIRE(id);
    auto final = rec.wait_terminal(*id, 60s);
    BOOST_REQUIRE(final);
    BOOST_TEST(final->completed_games == 2u);
    for (const auto& g : journal(final->folder)) {
      BOOST_TEST((g.at("reason") == "timeout" || g.at("reason") == "stall"));
    }
    // Marked failed: a later tournament's games end at once with the reason.
    auto again = r.start(gauntlet("net", {spec::builtin("random")}, 2));
    BOOST_REQUIRE(again);
    auto second = rec.wait_terminal(*again, 60s);
    BOOST_REQUIRE(second);
    for (const auto& g : journal(second->folder)) {
      BOOST_TEST(g.at("reason") == "error");
      BOOST_TEST(g.at("detail").get<std::string>().find("did not return") != std::string::npos);
    }
    r.shutdown(shutdown_mode::immediate);  // returns although the call still blocks
  }
  BOOST_TEST(gate->arrived() == 1);
  gate->release();  // the thread left in the host's call ends now
}

BOOST_AUTO_TEST_CASE(bad_options_are_refused_with_the_reason) {
  runtime r(options());
  auto log = std::make_shared<call_log>();
  batched_policy_options o;
  o.max_batch = 0;
  auto refused = r.register_batched_policy("net", logged(log), o);
  BOOST_REQUIRE(!refused);
  BOOST_TEST(refused.error().message.find("max_batch") != std::string::npos);
  BOOST_TEST(!r.register_batched_policy("net", batch_evaluate{}));
  BOOST_TEST(!r.register_batched_policy("", logged(log)));
  r.shutdown();
  auto late = r.register_batched_policy("net", logged(log));
  BOOST_REQUIRE(!late);
  BOOST_TEST(late.error().message.find("shut down") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
