#include "tourney/runtime/rules_referee.hpp"

#include "tourney/game/referee.hpp"

namespace tourney::rt {

namespace {

class rules_referee : public game_referee {
 public:
  rules_referee(const shogi::position& start, const std::vector<shogi::move>& opening,
                const game::referee_settings& settings)
      : referee_(start, opening, settings) {}

  std::optional<turn> next_turn() override {
    if (referee_.over()) {
      return std::nullopt;
    }
    turn t;
    t.side = referee_.side_to_move();
    t.start = referee_.start_position();
    t.history = referee_.history();
    t.position = referee_.position();
    t.limits = referee_.limits();
    t.deadline = referee_.deadline();
    side_ = t.side;
    return t;
  }

  void on_decision(const players::decision& d, std::chrono::nanoseconds elapsed) override {
    referee_.apply(side_, d, std::chrono::duration_cast<std::chrono::milliseconds>(elapsed));
  }

  void on_no_decision(no_decision why, const std::string& detail) override {
    switch (why) {
      case no_decision::timeout:
        referee_.forfeit(side_, referee_.overdue_reason(), detail);
        break;
      case no_decision::player_error:
        referee_.forfeit(side_, game::reason::error, detail);
        break;
      case no_decision::player_gone:
        referee_.forfeit(side_, game::reason::disconnect, detail);
        break;
      case no_decision::illegal_move:
        referee_.forfeit(side_, game::reason::illegal_move, detail);
        break;
    }
  }

  void on_start_failure(const std::string& detail) override {
    referee_.abort(game::reason::error, detail);
  }

  finished_game result() const override {
    auto rec = referee_.record();
    finished_game g;
    g.result = rec.result;
    g.reason = std::string(game::to_string(rec.reason));
    g.plies = rec.plies();
    g.start_sfen = rec.start_sfen;
    g.moves = rec.usi_moves();
    g.record = std::move(rec);
    return g;
  }

 private:
  game::referee referee_;
  shogi::color side_ = shogi::color::black;
};

}  // namespace

expected<std::unique_ptr<game_referee>> make_rules_referee(const game_context& context) {
  auto start = shogi::position::from_sfen(context.opening.start_sfen);
  if (!start) {
    return fail("opening " + std::to_string(context.game.opening) + ": " + start.error().message);
  }
  game::referee_settings settings{context.spec.clock, context.spec.adjudication};
  return std::make_unique<rules_referee>(*start, context.opening.moves, settings);
}

}  // namespace tourney::rt
