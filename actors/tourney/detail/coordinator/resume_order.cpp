#include "tourney/detail/coordinator/resume_order.hpp"

#include <filesystem>
#include <memory>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "tourney/durable/game_files.hpp"
#include "tourney/durable/saved_tournament.hpp"
#include "tourney/durable/tournament_csa.hpp"
#include "tourney/runtime/ids.hpp"
#include "tourney/schedule/check.hpp"
#include "tourney/schedule/schedule.hpp"
#include "tourney/storage/folder_lock.hpp"

namespace tourney::detail {

expected<start_order> resume_order(const std::string& folder, int priority, bool game_record_files,
                                   const std::function<expected<void>(const spec::tournament_spec&)>& check,
                                   const std::function<void(const std::string&)>& warn) {
  // One writer per folder: locked before the journal is read (and its tail
  // cut), held by the persistence actor until the tournament ends.
  std::shared_ptr<storage::folder_lock> lock;
  if (std::error_code ec; std::filesystem::is_directory(folder, ec)) {
    auto taken = storage::folder_lock::acquire(folder);
    if (!taken) {
      return tl::unexpected(taken.error());
    }
    lock = std::make_shared<storage::folder_lock>(std::move(*taken));
  }
  auto saved = durable::read_saved_tournament(folder);
  if (saved) {
    TOURNEY_TRY(check(saved->spec));
  }
  if (!saved) {
    return tl::unexpected(saved.error());
  }
  auto openings = schedule::check_tournament(saved->spec);
  if (!openings) {
    return fail(folder + "/tournament.json: invalid saved spec: " + openings.error().message);
  }
  auto plan = schedule::schedule::create(saved->spec, openings->size());
  if (!plan) {
    return fail(folder + ": " + plan.error().message);
  }
  auto finished = std::make_shared<std::vector<rt::finished_game>>();
  for (const auto& e : saved->finished) {
    if (e.index >= plan->size()) {
      return fail(fmt::format("{}/games.jsonl: game index {} is outside the schedule of {} games "
                              "(the saved spec or openings changed?)",
                              folder, e.index, plan->size()));
    }
    const auto a = plan->at(e.index);
    rt::finished_game g;
    g.game_id = rt::game_id_for(saved->id, e.index);
    g.index = e.index;
    g.round = a.round;
    g.black = saved->spec.players[a.black].name;
    g.white = saved->spec.players[a.white].name;
    g.result = e.result;
    g.reason = e.reason;
    g.plies = e.plies;
    finished->push_back(std::move(g));
  }
  for (const auto& w : saved->warnings) {
    warn(w);
  }
  if (auto ok = durable::cut_journal_tail(*saved); !ok) {
    return tl::unexpected(ok.error());
  }
  // Record files lag the journal: a crash or a full disk can leave the last
  // ones missing or cut. They are made whole before anything else is written.
  if (auto rewritten = durable::rewrite_tournament_csa(folder); !rewritten) {
    warn(rewritten.error().message);
  }
  if (game_record_files) {
    std::vector<std::string> ids;
    ids.reserve(saved->finished.size());
    for (const auto& e : saved->finished) {
      ids.push_back(rt::game_id_for(saved->id, e.index));
    }
    if (auto repaired = durable::repair_game_files(folder, ids); !repaired) {
      warn(repaired.error().message);
    } else if (*repaired > 0) {
      warn(fmt::format("{}: rewrote the record files (.csa, .kifu) of {} journaled game(s) that were missing "
                       "or cut",
                       folder, *repaired));
    }
  }
  start_order order;
  order.spec = std::make_shared<const spec::tournament_spec>(saved->spec);
  order.openings = std::make_shared<const std::vector<schedule::opening>>(std::move(*openings));
  order.name = saved->name;
  order.priority = priority;
  order.resume_id = saved->id;
  order.resume_folder = folder;
  order.lock = std::move(lock);
  order.finished = std::move(finished);
  return order;
}

}  // namespace tourney::detail
