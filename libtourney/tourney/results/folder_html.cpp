#include "tourney/results/folder_html.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "tourney/durable/tournament_csa.hpp"
#include "tourney/results/folder_report.hpp"
#include "tourney/results/journal_reader.hpp"
#include "tourney/schedule/openings.hpp"
#include "tourney/stats/html_report.hpp"
#include "tourney/storage/names.hpp"

namespace tourney::results {

namespace fs = std::filesystem;

namespace {

// `file` relative to the directory of the page; empty when it does not exist.
std::string href(const fs::path& file, const fs::path& page_dir) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    return {};
  }
  auto rel = fs::relative(fs::weakly_canonical(file, ec), page_dir, ec);
  if (ec || rel.empty()) {
    return {};
  }
  return rel.generic_string();
}

}  // namespace

expected<std::string> folder_html(const std::string& folder, const std::string& html_path) {
  auto report = read_folder_report(folder, report_detail::standings_and_statistics);
  if (!report) {
    return tl::unexpected(report.error());
  }
  stats::tournament_html_input in;
  in.title = report->spec.name.empty() ? folder : report->spec.name;
  in.status = report->status;
  in.finished_games = report->finished_games;
  in.total_games = report->total_games;
  for (const auto& p : report->spec.players) {
    in.names.push_back(p.name);
  }
  const auto& list = report->statistics["pairs"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto pair = stats::pair_from_json(in.names, list[i]);
    if (!pair) {
      return fail(fmt::format("{}: statistics.pairs[{}]: {}", folder, i, pair.error().message));
    }
    in.pairs.push_back(*pair);
  }
  if (in.names.size() >= 3) {
    auto table =
        stats::compute_ratings(static_cast<int>(in.names.size()), stats::head_to_heads(in.pairs),
                               stats::default_anchor(report->spec));
    if (table) {
      in.ratings = *table;
    }
  }
  auto journal = read_journal(folder + "/games.jsonl");
  if (!journal) {
    return tl::unexpected(journal.error());
  }
  std::error_code ec;
  const auto page_dir =
      fs::weakly_canonical(fs::absolute(fs::path(html_path), ec).parent_path(), ec);
  // The SPRT's progress: the journal replayed in order.
  std::optional<results_tally> replay;
  if (report->spec.sprt) {
    std::uint64_t openings_count = 1;
    if (!report->spec.openings.file.empty()) {
      if (auto openings = schedule::load_openings(report->spec.openings)) {
        openings_count = openings->size();
      }
    }
    if (auto plan = schedule::schedule::create(report->spec, openings_count)) {
      if (auto tally = results_tally::create(report->spec, *plan)) {
        replay.emplace(std::move(*tally));
      }
    }
  }
  std::uint64_t pairs_seen = 0;
  const auto all_games_csa = href(fs::path(folder) / std::string(durable::tournament_csa_name), page_dir);
  for (const auto& g : journal->games) {
    stats::html_game h;
    h.game_id = g.game_id;
    h.black = g.black;
    h.white = g.white;
    h.result = std::string(game::to_string(g.result));
    h.reason = g.reason;
    h.plies = g.plies;
    const auto base = fs::path(folder) / "games" / storage::sanitize_name(g.game_id);
    h.kif_href = href(base.string() + ".kifu", page_dir);
    h.csa_href = href(base.string() + ".csa", page_dir);
    if (h.csa_href.empty()) {
      h.csa_href = all_games_csa;  // no per-game files: the file of every game
    }
    in.games.push_back(h);
    if (replay && replay->add(g.index, g.result)) {
      const auto summaries = replay->pairings();
      if (!summaries.empty() && summaries[0].pentanomial.pairs() != pairs_seen) {
        pairs_seen = summaries[0].pentanomial.pairs();
        if (auto s = replay->sprt_state()) {
          in.sprt_llr.push_back(s->llr);
        }
      }
    }
  }
  return stats::tournament_html(in);
}

}  // namespace tourney::results
