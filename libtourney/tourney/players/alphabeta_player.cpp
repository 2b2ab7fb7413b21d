#include "tourney/players/alphabeta_player.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>

#include "tourney/shogi/notation.hpp"

namespace tourney::players {

using shogi::color;
using shogi::move;
using shogi::piece_kind;
using shogi::position;

namespace {

constexpr int mate_score = 100000;
constexpr int mate_bound = mate_score - 1000;  // scores beyond are mates
constexpr int infinity = mate_score + 1;
constexpr int quiescence_depth = 8;

constexpr std::array<int, shogi::piece_kind_count> values = {
    100,   // pawn
    300,   // lance
    350,   // knight
    500,   // silver
    550,   // gold
    800,   // bishop
    1000,  // rook
    0,     // king
    550,   // pro_pawn
    550,   // pro_lance
    550,   // pro_knight
    550,   // pro_silver
    1100,  // horse
    1300,  // dragon
};

using steady = std::chrono::steady_clock;

class search {
 public:
  search(const move_request& request, const alphabeta_settings& settings, seeded_rng& rng)
      : request_(request), rng_(rng) {
    max_depth_ = settings.depth;
    if (request.limits.depth && *request.limits.depth > 0) {
      max_depth_ = std::min(max_depth_, *request.limits.depth);
    }
    max_depth_ = std::clamp(max_depth_, 1, alphabeta_player::max_depth);
    node_limit_ = settings.nodes;
    if (request.limits.nodes && *request.limits.nodes > 0) {
      node_limit_ =
          node_limit_ == 0 ? *request.limits.nodes : std::min(node_limit_, *request.limits.nodes);
    }
    quiescence_ = settings.quiescence;
    if (auto budget = time_budget(request)) {
      deadline_ = steady::now() + *budget;
      has_deadline_ = true;
    }
  }

  decision run() {
    const position& root = request_.position;
    const shogi::move_list legal = root.legal_moves();
    if (legal.empty()) {
      return decision::resign();  // never asked by the referee; be safe anyway
    }
    // Shuffle, then order stably: equal moves are tried in a seeded random
    // order, so ties are broken at random.
    std::vector<move> moves(legal.begin(), legal.end());
    for (std::size_t i = moves.size(); i > 1; --i) {
      std::swap(moves[i - 1], moves[static_cast<std::size_t>(rng_.below(i))]);
    }
    std::stable_sort(moves.begin(), moves.end(),
                     [&](move a, move b) { return order_score(root, a) > order_score(root, b); });
    move best = moves.front();
    int best_score = 0;
    int completed = 0;
    for (int depth = 1; depth <= max_depth_; ++depth) {
      int alpha = -infinity;
      move iteration_best = moves.front();
      std::size_t iteration_index = 0;
      for (std::size_t i = 0; i < moves.size(); ++i) {
        position child = root;
        child.play(moves[i]);
        ++nodes_;
        const int score = -negamax(child, depth - 1, -infinity, -alpha, 1);
        if (aborted_) {
          break;
        }
        if (score > alpha) {
          alpha = score;
          iteration_best = moves[i];
          iteration_index = i;
        }
      }
      if (aborted_) {
        break;
      }
      best = iteration_best;
      best_score = alpha;
      completed = depth;
      // Search the best move first next time.
      std::rotate(moves.begin(), moves.begin() + static_cast<std::ptrdiff_t>(iteration_index),
                  moves.begin() + static_cast<std::ptrdiff_t>(iteration_index) + 1);
      if (std::abs(best_score) >= mate_bound) {
        break;  // a forced mate either way: deeper search changes nothing
      }
    }
    decision d = decision::play(best);
    if (completed > 0) {
      if (best_score >= mate_bound) {
        d.mate_in = mate_score - best_score;
      } else if (best_score <= -mate_bound) {
        d.mate_in = -(mate_score + best_score);
      } else {
        d.score_cp = best_score;
      }
      d.depth = completed;
    }
    d.nodes = nodes_;
    d.pv.push_back(shogi::to_usi(best));
    return d;
  }

 private:
  static std::optional<std::chrono::milliseconds> time_budget(const move_request& request) {
    const search_limits& limits = request.limits;
    if (limits.movetime) {
      return *limits.movetime * 9 / 10;
    }
    if (limits.clockless()) {
      return std::nullopt;
    }
    const bool black = request.position.side_to_move() == color::black;
    const auto remaining = black ? limits.black_time : limits.white_time;
    const auto increment = black ? limits.black_increment : limits.white_increment;
    // A modest share of the main time plus most of the per-move allowance.
    auto budget = remaining / 40 + limits.byoyomi * 8 / 10 + increment * 8 / 10;
    budget = std::min(budget, remaining + limits.byoyomi * 8 / 10);
    return std::max(budget, std::chrono::milliseconds{1});
  }

  int order_score(const position& pos, move m) const {
    if (m.is_drop()) {
      return 0;
    }
    int score = 0;
    if (const auto victim = pos.at(m.to())) {
      const auto attacker = pos.at(m.from());
      score += 10 * values[static_cast<std::size_t>(victim->kind)] + 10000 -
               (attacker ? values[static_cast<std::size_t>(attacker->kind)] : 0) / 10;
    }
    if (m.promotes()) {
      score += 500;
    }
    return score;
  }

  bool out_of_budget() {
    if (aborted_) {
      return true;
    }
    if (request_.stop.load(std::memory_order_relaxed) ||
        (node_limit_ != 0 && nodes_ >= node_limit_)) {
      aborted_ = true;
    } else if (has_deadline_ && (nodes_ & 255) == 0 && steady::now() >= deadline_) {
      aborted_ = true;
    }
    return aborted_;
  }

  /// Orders moves in place: captures (most valuable victim first), then
  /// promotions, then the rest.
  int ordered(const position& pos, const shogi::move_list& list, std::array<move, 600>& out,
              bool captures_only) const {
    std::array<int, 600> scores{};
    int n = 0;
    for (const move m : list) {
      const bool capture = !m.is_drop() && pos.at(m.to()).has_value();
      if (captures_only && !capture) {
        continue;
      }
      const int s = order_score(pos, m);
      int i = n++;
      while (i > 0 && scores[static_cast<std::size_t>(i - 1)] < s) {
        scores[static_cast<std::size_t>(i)] = scores[static_cast<std::size_t>(i - 1)];
        out[static_cast<std::size_t>(i)] = out[static_cast<std::size_t>(i - 1)];
        --i;
      }
      scores[static_cast<std::size_t>(i)] = s;
      out[static_cast<std::size_t>(i)] = m;
    }
    return n;
  }

  int negamax(const position& pos, int depth, int alpha, int beta, int ply) {
    if (out_of_budget()) {
      return 0;
    }
    const shogi::move_list legal = pos.legal_moves();
    if (legal.empty()) {
      return -mate_score + ply;
    }
    if (depth <= 0) {
      return quiescence_ ? quiesce(pos, legal, alpha, beta, ply, quiescence_depth)
                         : material_eval(pos);
    }
    std::array<move, 600> moves;
    const int n = ordered(pos, legal, moves, false);
    int best = -infinity;
    for (int i = 0; i < n; ++i) {
      position child = pos;
      child.play(moves[static_cast<std::size_t>(i)]);
      ++nodes_;
      const int score = -negamax(child, depth - 1, -beta, -alpha, ply + 1);
      if (aborted_) {
        return 0;
      }
      if (score > best) {
        best = score;
        if (score > alpha) {
          alpha = score;
          if (alpha >= beta) {
            break;
          }
        }
      }
    }
    return best;
  }

  int quiesce(const position& pos, const shogi::move_list& legal, int alpha, int beta, int ply,
              int depth_left) {
    const int stand_pat = material_eval(pos);
    if (stand_pat >= beta || depth_left == 0) {
      return stand_pat;
    }
    alpha = std::max(alpha, stand_pat);
    std::array<move, 600> moves;
    const int n = ordered(pos, legal, moves, true);
    int best = stand_pat;
    for (int i = 0; i < n; ++i) {
      if (out_of_budget()) {
        return 0;
      }
      position child = pos;
      child.play(moves[static_cast<std::size_t>(i)]);
      ++nodes_;
      const shogi::move_list replies = child.legal_moves();
      const int score = replies.empty()
                            ? mate_score - (ply + 1)
                            : -quiesce(child, replies, -beta, -alpha, ply + 1, depth_left - 1);
      if (aborted_) {
        return 0;
      }
      if (score > best) {
        best = score;
        if (score > alpha) {
          alpha = score;
          if (alpha >= beta) {
            break;
          }
        }
      }
    }
    return best;
  }

  const move_request& request_;
  seeded_rng& rng_;
  int max_depth_ = 1;
  std::uint64_t node_limit_ = 0;
  bool quiescence_ = true;
  bool has_deadline_ = false;
  steady::time_point deadline_{};
  std::uint64_t nodes_ = 0;
  bool aborted_ = false;
};

}  // namespace

int material_value(piece_kind kind) {
  return values[static_cast<std::size_t>(kind)];
}

int material_eval(const position& pos) {
  int score = 0;
  const color us = pos.side_to_move();
  for (int s = 0; s < shogi::square_count; ++s) {
    if (const auto p = pos.at(static_cast<shogi::square>(s))) {
      const int v = values[static_cast<std::size_t>(p->kind)];
      score += p->owner == us ? v : -v;
    }
  }
  for (int k = 0; k < shogi::hand_kind_count; ++k) {
    const auto kind = static_cast<piece_kind>(k);
    const int v = values[static_cast<std::size_t>(k)];
    score += v * (pos.hand_count(us, kind) - pos.hand_count(shogi::opponent(us), kind));
  }
  return score;
}

alphabeta_player::alphabeta_player(alphabeta_settings settings)
    : settings_(settings), rng_(settings.seed) {}

void alphabeta_player::new_game(std::uint64_t game_seed) {
  rng_.reseed(mix_seed(settings_.seed, game_seed));
}

decision alphabeta_player::decide(const move_request& request) {
  search s(request, settings_, rng_);
  return s.run();
}

}  // namespace tourney::players
