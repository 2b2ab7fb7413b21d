#include "tourney/spec/spec_difference.hpp"

#include <fmt/format.h>

namespace tourney::spec {

namespace {

// Names the first differing field; every field of every spec struct is listed
// (a field missing here is a field a saved spec may silently lose).
class differ {
 public:
  template <class T>
  differ& field(const char* name, const T& a, const T& b) {
    if (!found_ && !(a == b)) {
      found_ = prefix_ + name;
    }
    return *this;
  }

  [[nodiscard]] std::optional<std::string> result() const { return found_; }
  [[nodiscard]] bool found() const { return found_.has_value(); }
  void set_prefix(std::string p) { prefix_ = std::move(p); }

 private:
  std::string prefix_;
  std::optional<std::string> found_;
};

void compare_profile(differ& d, const usi_profile& a, const usi_profile& b) {
  d.field("usi.profile.go_tokens", a.go_tokens, b.go_tokens)
      .field("usi.profile.drop_marker", a.drop_marker, b.drop_marker)
      .field("usi.profile.startup_timeout_ms", a.startup_timeout, b.startup_timeout)
      .field("usi.profile.isready_timeout_ms", a.isready_timeout, b.isready_timeout)
      .field("usi.profile.quit_timeout_ms", a.quit_timeout, b.quit_timeout);
}

void compare_player(differ& d, const player_spec& a, const player_spec& b) {
  d.field("name", a.name, b.name)
      .field("kind", a.kind(), b.kind())
      .field("max_concurrent_games", a.max_concurrent_games, b.max_concurrent_games);
  if (d.found()) {
    return;
  }
  if (const auto* x = a.as_builtin()) {
    const auto& y = *b.as_builtin();
    d.field("builtin", x->kind, y.kind)
        .field("depth", x->depth, y.depth)
        .field("nodes", x->nodes, y.nodes)
        .field("seed", x->seed, y.seed);
  } else if (const auto* x = a.as_usi()) {
    const auto& y = *b.as_usi();
    d.field("nodes", x->nodes, y.nodes)
        .field("usi.command", x->engine.command, y.engine.command)
        .field("usi.args", x->engine.args, y.engine.args)
        .field("usi.working_dir", x->engine.working_dir, y.engine.working_dir)
        .field("usi.env", x->engine.env, y.engine.env)
        .field("usi.options", x->engine.options, y.engine.options);
    compare_profile(d, x->engine.profile, y.engine.profile);
  } else if (const auto* x = a.as_host()) {
    d.field("host", x->registered, b.as_host()->registered);
  }
}

}  // namespace

std::optional<std::string> first_difference(const tournament_spec& a, const tournament_spec& b) {
  differ d;
  d.field("name", a.name, b.name)
      .field("format", a.kind, b.kind)
      .field("games_per_pairing", a.games_per_pairing, b.games_per_pairing)
      .field("rounds", a.rounds, b.rounds)
      .field("concurrency", a.concurrency, b.concurrency)
      .field("seed", a.seed, b.seed)
      .field("players", a.players.size(), b.players.size());
  for (std::size_t i = 0; !d.found() && i < a.players.size(); ++i) {
    d.set_prefix(fmt::format("players[{}].", i));
    compare_player(d, a.players[i], b.players[i]);
  }
  d.set_prefix("openings.");
  d.field("file", a.openings.file, b.openings.file)
      .field("order", a.openings.order, b.openings.order)
      .field("seed", a.openings.seed, b.openings.seed)
      .field("start", a.openings.start, b.openings.start)
      .field("ply_cut", a.openings.ply_cut, b.openings.ply_cut);
  d.set_prefix("time_control.");
  const auto& c = a.clock;
  const auto& k = b.clock;
  d.field("main_ms", c.main, k.main)
      .field("byoyomi_ms", c.byoyomi, k.byoyomi)
      .field("increment_ms", c.increment, k.increment)
      .field("nodes", c.nodes, k.nodes)
      .field("depth", c.depth, k.depth)
      .field("movetime_ms", c.movetime, k.movetime)
      .field("margin_ms", c.margin, k.margin)
      .field("clockless_move_budget_ms", c.clockless_move_budget, k.clockless_move_budget);
  d.set_prefix("adjudication.");
  const auto& x = a.adjudication;
  const auto& y = b.adjudication;
  d.field("max_plies", x.max_plies, y.max_plies)
      .field("entering_king", x.entering_king, y.entering_king)
      .field("resign_moves", x.resign_moves, y.resign_moves)
      .field("resign_score_cp", x.resign_score_cp, y.resign_score_cp)
      .field("draw_moves", x.draw_moves, y.draw_moves)
      .field("draw_score_cp", x.draw_score_cp, y.draw_score_cp)
      .field("draw_after_ply", x.draw_after_ply, y.draw_after_ply);
  d.set_prefix("");
  d.field("sprt", a.sprt.has_value(), b.sprt.has_value());
  if (a.sprt && b.sprt) {
    d.set_prefix("sprt.");
    d.field("elo0", a.sprt->elo0, b.sprt->elo0)
        .field("elo1", a.sprt->elo1, b.sprt->elo1)
        .field("alpha", a.sprt->alpha, b.sprt->alpha)
        .field("beta", a.sprt->beta, b.sprt->beta)
        .field("model", a.sprt->model, b.sprt->model);
  }
  return d.result();
}

}  // namespace tourney::spec
