#include "tourney/stats/tournament_tally.hpp"

#include <fmt/format.h>

namespace tourney::stats {

game_outcome outcome_for(int first, int black, std::optional<shogi::color> winner) {
  if (!winner) {
    return game_outcome::draw;
  }
  const bool first_is_black = first == black;
  const bool black_won = *winner == shogi::color::black;
  return first_is_black == black_won ? game_outcome::win : game_outcome::loss;
}

expected<tournament_tally> tournament_tally::create(std::vector<std::pair<int, int>> pairings,
                                                    const std::optional<spec::sprt_spec>& sprt) {
  tournament_tally t;
  if (sprt) {
    if (pairings.size() != 1) {
      return fail(
          fmt::format("sprt: needs exactly one pairing (two players), not {}", pairings.size()));
    }
    auto test = sprt::create(*sprt);
    if (!test) {
      return tl::unexpected(test.error());
    }
    t.sprt_ = *test;
    t.sprt_settings_ = sprt;
    auto initial = test->evaluate(pentanomial_counts{});
    if (initial) {
      t.sprt_status_ = *initial;
    }
  }
  t.tallies_.resize(pairings.size());
  t.pairings_ = std::move(pairings);
  return t;
}

expected<void> tournament_tally::add_game(std::uint64_t pairing, std::uint64_t pair,
                                          game_outcome outcome, int games_in_pair) {
  if (pairing >= tallies_.size()) {
    return fail(fmt::format("statistics: game of pairing {} but there are {} pairings", pairing,
                            tallies_.size()));
  }
  auto& tally = tallies_[pairing];
  const auto pairs_before = tally.pentanomial().pairs();
  tally.add_game(pair, outcome, games_in_pair);
  if (sprt_ && tally.pentanomial().pairs() != pairs_before) {
    auto status = sprt_->evaluate(tally.pentanomial());
    if (!status) {
      return tl::unexpected(status.error());
    }
    sprt_status_ = *status;
  }
  return {};
}

std::uint64_t tournament_tally::games() const {
  std::uint64_t n = 0;
  for (const auto& t : tallies_) {
    n += t.wdl().games();
  }
  return n;
}

std::vector<pairing_summary> tournament_tally::summaries() const {
  std::vector<pairing_summary> out;
  out.reserve(tallies_.size());
  for (std::size_t k = 0; k < tallies_.size(); ++k) {
    pairing_summary s;
    s.first = pairings_[k].first;
    s.second = pairings_[k].second;
    s.wdl = tallies_[k].wdl();
    s.pentanomial = tallies_[k].pentanomial();
    if (sprt_) {
      s.sprt_settings = sprt_settings_;
      s.sprt = sprt_status_;
    }
    out.push_back(s);
  }
  return out;
}

expected<rating_table> tournament_tally::ratings(int player_count, rating_anchor anchor) const {
  return compute_ratings(player_count, head_to_heads(summaries()), anchor);
}

rating_anchor default_anchor(const spec::tournament_spec& spec) {
  if (spec.kind == spec::format::gauntlet) {
    return rating_anchor{0};
  }
  return rating_anchor{};
}

}  // namespace tourney::stats
