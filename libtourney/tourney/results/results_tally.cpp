#include "tourney/results/results_tally.hpp"

#include <fmt/format.h>

namespace tourney::results {

expected<game_result> game_result_from_string(const std::string& text) {
  if (text == "black_win") {
    return game_result::black_win;
  }
  if (text == "white_win") {
    return game_result::white_win;
  }
  if (text == "draw") {
    return game_result::draw;
  }
  if (text == "error") {
    return game_result::error;
  }
  return fail(fmt::format("unknown result '{}' (expected black_win, white_win, draw or error)",
                          text));
}

results_tally::results_tally(const spec::tournament_spec& spec, const schedule::schedule& games)
    : sprt_settings_(spec.sprt),
      games_(games),
      tallies_(games.pairing_count()),
      seen_(games.size(), false) {
  for (const auto& p : spec.players) {
    names_.push_back(p.name);
  }
}

expected<results_tally> results_tally::create(const spec::tournament_spec& spec,
                                              const schedule::schedule& games) {
  if (spec.sprt) {
    // Fails early on settings the test cannot evaluate.
    auto test = stats::sprt::create(*spec.sprt);
    if (!test) {
      return tl::unexpected(test.error());
    }
  }
  return results_tally(spec, games);
}

bool results_tally::add(std::uint64_t index, game_result result) {
  if (index >= seen_.size() || seen_[index]) {
    return false;
  }
  seen_[index] = true;
  ++counted_;
  if (result == game_result::error) {
    ++errors_;
    return true;
  }
  auto g = games_.at(index);
  auto [first, second] = games_.pairing(g.pairing);
  (void)second;
  stats::game_outcome outcome = stats::game_outcome::draw;
  if (result != game_result::draw) {
    bool black_won = result == game_result::black_win;
    bool first_is_black = g.black == first;
    outcome = black_won == first_is_black ? stats::game_outcome::win : stats::game_outcome::loss;
  }
  tallies_[g.pairing].add_game(g.pair, outcome);
  return true;
}

std::vector<stats::pairing_summary> results_tally::pairings() const {
  std::vector<stats::pairing_summary> out;
  for (std::uint64_t k = 0; k < tallies_.size(); ++k) {
    auto [first, second] = games_.pairing(k);
    stats::pairing_summary s;
    s.first = first;
    s.second = second;
    s.wdl = tallies_[k].wdl();
    s.pentanomial = tallies_[k].pentanomial();
    if (sprt_settings_) {
      s.sprt_settings = sprt_settings_;
      auto test = stats::sprt::create(*sprt_settings_);
      if (test) {
        auto status = test->evaluate(s.pentanomial);
        if (status) {
          s.sprt = *status;
        }
      }
    }
    out.push_back(s);
  }
  return out;
}

std::optional<stats::sprt_status> results_tally::sprt_state() const {
  if (!sprt_settings_ || tallies_.empty()) {
    return std::nullopt;
  }
  return pairings().front().sprt;
}

std::optional<stats::rating_table> results_tally::ratings() const {
  if (names_.size() < 3) {
    return std::nullopt;
  }
  auto table = stats::compute_ratings(static_cast<int>(names_.size()),
                                      stats::head_to_heads(pairings()), stats::rating_anchor{});
  if (!table) {
    return std::nullopt;
  }
  return *table;
}

nlohmann::json results_tally::statistics_json() const {
  auto j = stats::statistics_to_json(names_, pairings(), ratings());
  j["errors"] = errors_;
  j["games_counted"] = counted_;
  return j;
}

std::string results_tally::standings_text() const {
  return stats::standings_text(names_, pairings(), ratings());
}

}  // namespace tourney::results
