#include "tourney/results/results_tally.hpp"

#include <fmt/format.h>

namespace tourney::results {

results_tally::results_tally(const spec::tournament_spec& spec, const schedule::schedule& games,
                             stats::tournament_tally tally)
    : anchor_(stats::default_anchor(spec)),
      games_(games),
      tally_(std::move(tally)) {
  for (const auto& p : spec.players) {
    names_.push_back(p.name);
  }
}

expected<results_tally> results_tally::create(const spec::tournament_spec& spec,
                                              const schedule::schedule& games) {
  std::vector<std::pair<int, int>> pairings;
  for (std::uint64_t k = 0; k < games.pairing_count(); ++k) {
    pairings.push_back(games.pairing(k));
  }
  auto tally = stats::tournament_tally::create(std::move(pairings), spec.sprt);
  if (!tally) {
    return tl::unexpected(tally.error());
  }
  return results_tally(spec, games, std::move(*tally));
}

bool results_tally::add(std::uint64_t index, game::result result) {
  if (index >= games_.size() || !seen_.insert(index)) {
    return false;
  }
  ++counted_;
  if (result == game::result::error) {
    ++errors_;
    return true;
  }
  auto g = games_.at(index);
  std::optional<shogi::color> winner;
  if (result == game::result::black_win) {
    winner = shogi::color::black;
  } else if (result == game::result::white_win) {
    winner = shogi::color::white;
  }
  auto first = games_.pairing(g.pairing).first;
  auto added = tally_.add_game(g.pairing, g.pair, stats::outcome_for(first, g.black, winner),
                               games_.games_in_pair(g.pair));
  return static_cast<bool>(added);
}

std::vector<stats::pairing_summary> results_tally::pairings() const {
  return tally_.summaries();
}

std::optional<stats::sprt_status> results_tally::sprt_state() const {
  return tally_.sprt();
}

std::optional<stats::rating_table> results_tally::ratings() const {
  if (names_.size() < 3) {
    return std::nullopt;
  }
  auto table = tally_.ratings(static_cast<int>(names_.size()), anchor_);
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
