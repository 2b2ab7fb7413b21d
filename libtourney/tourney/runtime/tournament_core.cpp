#include "tourney/runtime/tournament_core.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "tourney/durable/saved_tournament.hpp"
#include "tourney/results/results_tally.hpp"
#include "tourney/runtime/ids.hpp"
#include "tourney/runtime/tournament_report.hpp"
#include "tourney/spec/json.hpp"

namespace tourney::rt {

namespace {

// Games passed over (a player at its limit) are looked at again first; past
// this many per request the tournament waits for a game to finish.
constexpr std::size_t scan_limit = 1024;

bool uses_engines(const spec::tournament_spec& spec) {
  return std::any_of(spec.players.begin(), spec.players.end(),
                     [](const spec::player_spec& p) { return p.kind() == spec::player_kind::usi; });
}

}  // namespace

tournament_core::tournament_core(tournament_setup setup, schedule::schedule plan)
    : setup_(std::move(setup)),
      plan_(std::move(plan)),
      tally_([this]() -> std::unique_ptr<results::results_tally> {
        auto tally = results::results_tally::create(*setup_.spec, plan_);
        return tally ? std::make_unique<results::results_tally>(std::move(*tally)) : nullptr;
      }()),
      tracker_(setup_.id, setup_.name,
               [this] {
                 std::vector<std::string> names;
                 for (const auto& p : setup_.spec->players) {
                   names.push_back(p.name);
                 }
                 return names;
               }(),
               plan_.size(), setup_.spec->rounds),
      load_(setup_.spec->players.size(), 0),
      // After the tracker and tally: the journal's games count in both.
      queue_(plan_.size(), count_resumed()),
      needs_engines_(uses_engines(*setup_.spec)),
      slots_(setup_.slots) {
  for (const auto& p : setup_.spec->players) {
    limit_.push_back(p.max_concurrent_games);
  }
  tracker_.set_folder(setup_.folder);
  tracker_.set_priority(setup_.priority);
}

tournament_core::tournament_core(tournament_core&&) noexcept = default;
tournament_core& tournament_core::operator=(tournament_core&&) noexcept = default;
tournament_core::~tournament_core() = default;

// Resume: the journal's games count at once and are never dispatched; the
// rest keep their schedule index (same openings, colours and seeds).
schedule::index_set tournament_core::count_resumed() {
  schedule::index_set already;
  if (!setup_.finished) {
    return already;
  }
  for (const auto& g : *setup_.finished) {
    if (g.index < plan_.size() && already.insert(g.index)) {
      tracker_.game_finished(g);
      if (tally_) {
        tally_->add(g.index, g.result);
      }
    }
  }
  return already;
}

// ---- Life cycle ----------------------------------------------------------------

void tournament_core::enter_running(tournament_commands& out, wall_clock::time_point now) {
  stage_ = stage::running;
  tracker_.mark_running(now);
  tracker_.set_status(tournament_status::running);
  emit(out, event_kind::status, now);
}

tournament_commands tournament_core::start(wall_clock::time_point now) {
  tournament_commands out;
  if (stage_ != stage::created) {
    return out;
  }
  enter_running(out, now);  // start_time is set before the RUNNING event
  check_verdict(out);
  out.push_back(open_folder{tournament_json_text(now, false)});
  // Engines log into the folder, so their games wait until it exists.
  if (!needs_engines_) {
    request_more(out);
  }
  return out;
}

tournament_commands tournament_core::on_folder_opened(const std::string& error, wall_clock::time_point now) {
  tournament_commands out;
  if (!error.empty()) {
    fail(out, error);
  } else if (needs_engines_) {
    out.push_back(start_engines{});
    request_more(out);
  }
  // A resumed tournament may have nothing left to play.
  maybe_finish(out, now);
  return out;
}

expected<void> tournament_core::refuse(tournament_status to) const {
  switch (stage_) {
    case stage::finishing:
    case stage::ended:
      return tourney::fail("the tournament is finishing");
    case stage::cancelling:
      return tourney::fail("the tournament is being cancelled");
    case stage::failing:
      return tourney::fail("the tournament is failing");
    case stage::created:
      return check_transition(tournament_status::created, to);
    case stage::running:
      return check_transition(tournament_status::running, to);
    case stage::paused:
      return check_transition(tournament_status::paused, to);
  }
  return tourney::fail("unknown stage");
}

expected<tournament_commands> tournament_core::pause(wall_clock::time_point now) {
  TOURNEY_TRY(refuse(tournament_status::paused));
  tournament_commands out;
  stage_ = stage::paused;
  tracker_.mark_paused(now);
  tracker_.set_status(tournament_status::paused);
  withdraw(out);
  emit(out, event_kind::status, now);
  return out;
}

expected<tournament_commands> tournament_core::resume(wall_clock::time_point now) {
  TOURNEY_TRY(refuse(tournament_status::running));
  tournament_commands out;
  enter_running(out, now);
  request_more(out);
  return out;
}

expected<tournament_commands> tournament_core::cancel(wall_clock::time_point now) {
  TOURNEY_TRY(refuse(tournament_status::cancelled));
  tournament_commands out;
  stage_ = stage::cancelling;
  withdraw(out);
  stop_games(out);
  maybe_finish(out, now);
  return out;
}

tournament_commands tournament_core::on_fault(const std::string& reason, wall_clock::time_point now) {
  tournament_commands out;
  fail(out, reason);
  maybe_finish(out, now);
  return out;
}

void tournament_core::fail(tournament_commands& out, const std::string& reason) {
  if (stage_ == stage::failing || ending()) {
    return;
  }
  stage_ = stage::failing;
  errors_.push_back(reason);
  tracker_.set_error(reason);
  withdraw(out);
  stop_games(out);
}

// ---- Dispatch ----------------------------------------------------------------------

bool tournament_core::eligible(std::uint64_t index) const {
  const auto a = plan_.at(index);
  auto fits = [&](std::size_t p, int extra) { return limit_[p] <= 0 || load_[p] + extra <= limit_[p]; };
  if (a.black == a.white) {
    return fits(a.black, 2);
  }
  return fits(a.black, 1) && fits(a.white, 1);
}

void tournament_core::reserve(std::uint64_t index, int delta) {
  const auto a = plan_.at(index);
  load_[a.black] += delta;
  load_[a.white] += delta;
}

bool tournament_core::light(std::uint64_t index) const {
  if (setup_.costs.empty()) {
    return false;
  }
  const auto a = plan_.at(index);
  const auto b = setup_.costs[a.black];
  const auto w = setup_.costs[a.white];
  return b != move_cost::core && w != move_cost::core && (b == move_cost::batched || w == move_cost::batched);
}

// Games requested or in flight, light ones or the others.
std::size_t tournament_core::open_games(bool light_ones) const {
  std::size_t n = 0;
  for (auto index : requested_) {
    n += light(index) == light_ones ? 1 : 0;
  }
  for (const auto& [index, g] : running_) {
    n += light(index) == light_ones ? 1 : 0;
  }
  return n;
}

// Asks for slots for as many eligible games as the tournament may run: at
// most spec.concurrency in all when it is set; else as many games needing a
// core as there are slots anywhere (at least one request, so a tournament
// with no slot anywhere waits in the pool and says so), and light games up
// to light_slots.
void tournament_core::request_more(tournament_commands& out) {
  if (!dispatching()) {
    return;
  }
  const auto& spec = *setup_.spec;
  const bool total_cap = spec.concurrency > 0;
  std::size_t open[2] = {open_games(false), open_games(true)};
  const std::size_t cap[2] = {total_cap ? static_cast<std::size_t>(spec.concurrency) : std::max<std::size_t>(1, slots_),
                              setup_.light_slots};
  auto room = [&](bool is_light) {
    if (total_cap) {
      return open[0] + open[1] < cap[0];
    }
    return open[is_light ? 1 : 0] < cap[is_light ? 1 : 0];
  };
  auto fits = [&](std::uint64_t index) { return eligible(index) && room(light(index)); };
  while (room(false) || room(true)) {
    const auto next = queue_.take(fits, scan_limit);
    if (!next) {
      break;
    }
    const auto index = *next;
    const auto a = plan_.at(index);
    reserve(index, +1);
    requested_.insert(index);
    request_slot r{index, {}, light(index)};
    ++open[r.light ? 1 : 0];
    for (auto p : {a.black, a.white}) {
      if (!setup_.shared_keys[p].empty()) {
        r.keys.push_back(setup_.shared_keys[p]);
      }
    }
    out.push_back(std::move(r));
  }
}

// Gives back every slot request (pause, cancel, failure, a verdict).
void tournament_core::withdraw(tournament_commands& out) {
  out.push_back(withdraw_requests{});
  for (auto it = requested_.rbegin(); it != requested_.rend(); ++it) {
    reserve(*it, -1);
    queue_.give_back(*it);
  }
  requested_.clear();
}

// An SPRT run stops dispatching once the test has a verdict; games in flight
// finish and count, then the tournament completes.
void tournament_core::check_verdict(tournament_commands& out) {
  if (!tally_ || queue_.cleared()) {
    return;
  }
  const auto sprt = tally_->sprt_state();
  if (!sprt || sprt->result == stats::sprt_result::continue_testing) {
    return;
  }
  withdraw(out);
  queue_.clear();
}

tournament_commands tournament_core::on_grant(std::uint64_t index, const std::string& site) {
  tournament_commands out;
  if (requested_.erase(index) == 0) {
    out.push_back(release_slot{index});  // withdrawn meanwhile
    return out;
  }
  if (!dispatching()) {
    reserve(index, -1);
    queue_.give_back(index);
    out.push_back(release_slot{index});
    return out;
  }
  const auto a = plan_.at(index);
  if (site.empty()) {
    // The rest waits for on_game_started / on_game_not_started.
    running_.emplace(index, running_game{"", game_id(index), 0});
    out.push_back(start_game{index, game_id(index), a});
    return out;
  }
  const int attempt = ++remote_attempts_[index];
  const auto& players = setup_.spec->players;
  tracker_.game_started(index, a.round, players[a.black].name + " vs " + players[a.white].name);
  running_.emplace(index, running_game{site, game_id(index), attempt});
  out.push_back(start_remote_game{index, site, game_id(index), a, attempt});
  request_more(out);
  return out;
}

tournament_commands tournament_core::on_capacity(std::size_t slots) {
  tournament_commands out;
  slots_ = slots;
  request_more(out);
  return out;
}

tournament_commands tournament_core::on_waiting(std::string reason, wall_clock::time_point now) {
  tournament_commands out;
  tracker_.set_waiting(std::move(reason));
  if (!ending()) {
    emit(out, event_kind::progress, now);
  }
  return out;
}

// ---- Local games -----------------------------------------------------------------

tournament_commands tournament_core::on_game_started(std::uint64_t index) {
  tournament_commands out;
  const auto a = plan_.at(index);
  const auto& players = setup_.spec->players;
  tracker_.game_started(index, a.round, players[a.black].name + " vs " + players[a.white].name);
  request_more(out);
  return out;
}

tournament_commands tournament_core::on_game_not_started(std::uint64_t index, const std::string& why) {
  tournament_commands out;
  if (running_.erase(index) == 0) {
    return out;
  }
  reserve(index, -1);
  out.push_back(release_slot{index});
  errors_.push_back(game_id(index) + ": " + why);
  count_game(out, error_game(index));
  request_more(out);
  return out;
}

tournament_commands tournament_core::on_game_done(finished_game g) {
  tournament_commands out;
  const auto index = g.index;
  if (running_.erase(index) == 0) {
    return out;  // stopped by cancel or failure: not a result
  }
  out.push_back(forget_game{index});
  reserve(index, -1);
  out.push_back(release_slot{index});
  count_game(out, std::move(g));
  request_more(out);
  return out;
}

// Games crash only through bugs; a crash becomes that game's error.
tournament_commands tournament_core::on_game_exited(std::uint64_t index, const std::optional<std::string>& failure) {
  tournament_commands out;
  if (running_.erase(index) == 0) {
    return out;
  }
  out.push_back(forget_game{index});
  if (!failure) {
    return out;  // a normal exit after its result (already handled)
  }
  reserve(index, -1);
  tracker_.game_abandoned(index);
  out.push_back(release_slot{index});
  auto err = error_game(index);
  errors_.push_back(err.game_id + ": game actor failed: " + *failure);
  count_game(out, std::move(err));
  request_more(out);
  return out;
}

// Ends every game in flight at once (cancel, failure).
void tournament_core::stop_games(tournament_commands& out) {
  for (const auto& [index, g] : running_) {
    out.push_back(stop_game{index, g.site, g.game_id});
    tracker_.game_abandoned(index);
    reserve(index, -1);
    out.push_back(release_slot{index});
  }
  running_.clear();
}

// ---- Remote games ----------------------------------------------------------------

// A game a worker could not finish (gone, hung, busy, refused) goes back to
// the queue to be played elsewhere; after too many attempts it counts as an
// error game, so a game that kills every worker cannot loop for ever.
void tournament_core::replay_elsewhere(tournament_commands& out, std::uint64_t index, const std::string& why,
                                       bool slot_held, wall_clock::time_point now) {
  auto it = running_.find(index);
  if (it == running_.end()) {
    return;
  }
  const auto site = it->second.site;
  running_.erase(it);
  out.push_back(forget_game{index});
  out.push_back(suspect_site{site});
  tracker_.game_abandoned(index);
  reserve(index, -1);
  if (slot_held) {
    out.push_back(release_slot{index});
  }
  const int attempts = remote_attempts_[index];
  if (attempts >= setup_.remote_attempts) {
    errors_.push_back(fmt::format("{}: not played after {} attempts on workers (last: {}: {})", game_id(index),
                                  attempts, site, why));
    count_game(out, error_game(index));
  } else if (stage_ == stage::running || stage_ == stage::paused) {
    queue_.give_back(index);  // when paused: played after resume; after a verdict: not at all
  }
  request_more(out);
  maybe_finish(out, now);
}

tournament_commands tournament_core::on_remote_report(std::uint64_t index, int attempt, const remote_answer& answer,
                                                      wall_clock::time_point now) {
  tournament_commands out;
  auto it = running_.find(index);
  if (it == running_.end() || it->second.attempt != attempt) {
    return out;  // cancelled, or already replayed elsewhere: not counted twice
  }
  if (!answer.error.empty() || answer.line.empty()) {
    replay_elsewhere(out, index, answer.error.empty() ? "empty answer" : answer.error, true, now);
    return out;
  }
  const auto site = it->second.site;
  auto g = finished_game_from_line(answer.line, error_game(index));
  if (!g) {
    replay_elsewhere(out, index, site + ": " + g.error().message, true, now);
    return out;
  }
  g->node = site;
  running_.erase(it);
  out.push_back(forget_game{index});
  reserve(index, -1);
  out.push_back(release_slot{index});
  count_game(out, std::move(*g));
  if (!answer.fault.empty()) {
    fail(out, answer.fault);
  }
  request_more(out);
  maybe_finish(out, now);
  return out;
}

tournament_commands tournament_core::on_remote_failed(std::uint64_t index, int attempt, const std::string& why,
                                                      wall_clock::time_point now) {
  tournament_commands out;
  auto it = running_.find(index);
  if (it == running_.end() || it->second.attempt != attempt) {
    return out;
  }
  replay_elsewhere(out, index, why, true, now);
  return out;
}

tournament_commands tournament_core::on_site_lost(std::uint64_t index, const std::string& site,
                                                  const std::string& why, wall_clock::time_point now) {
  tournament_commands out;
  auto it = running_.find(index);
  if (it == running_.end() || it->second.site != site) {
    return out;
  }
  // The supervisor has taken the slot back already.
  replay_elsewhere(out, index, "worker " + site + " lost: " + why, false, now);
  return out;
}

// ---- Journal -----------------------------------------------------------------------

// A game counts once its line in games.jsonl is durable (on_appended).
void tournament_core::count_game(tournament_commands& out, finished_game g) {
  remote_attempts_.erase(g.index);  // nothing kept per finished game
  append_game append;
  append.token = next_token_++;
  append.line = to_json_line(g);
  // The record goes along so that the game files need not parse the line back.
  if (g.record) {
    append.record = std::make_shared<const record::game_record>(std::move(*g.record));
    g.record.reset();
  }
  appending_.emplace(append.token, std::move(g));
  out.push_back(std::move(append));
}

tournament_commands tournament_core::on_appended(std::uint64_t token, const std::string& error,
                                                 wall_clock::time_point now) {
  tournament_commands out;
  auto it = appending_.find(token);
  if (it == appending_.end()) {
    return out;
  }
  const auto g = std::move(it->second);
  appending_.erase(it);
  if (error.empty()) {
    tracker_.game_finished(g);
    if (tally_) {
      tally_->add(g.index, g.result);
    }
    check_verdict(out);
    if (!ending()) {
      emit(out, event_kind::progress, now);
    }
  } else {
    fail(out, "games.jsonl: " + error);
  }
  maybe_finish(out, now);
  return out;
}

// ---- Finishing ------------------------------------------------------------------

void tournament_core::maybe_finish(tournament_commands& out, wall_clock::time_point now) {
  if (ending() || !running_.empty() || !appending_.empty()) {
    return;
  }
  if (stage_ == stage::failing) {
    finish(out, tournament_status::failed, now);
  } else if (stage_ == stage::cancelling) {
    finish(out, tournament_status::cancelled, now);
  } else if (queue_.empty() && requested_.empty() &&
             (tracker_.completed() == tracker_.total() || queue_.cleared())) {
    finish(out, tournament_status::completed, now);
  }
}

// The final tournament.json is written before the one terminal event.
void tournament_core::finish(tournament_commands& out, tournament_status final_status,
                             wall_clock::time_point now) {
  stage_ = stage::finishing;
  tracker_.mark_ended(now);
  tracker_.set_status(final_status);
  out.push_back(write_final_report{tournament_json_text(now, true), final_status == tournament_status::completed});
}

tournament_commands tournament_core::on_final_report_written(const std::string& error, wall_clock::time_point now) {
  tournament_commands out;
  if (stage_ != stage::finishing) {
    return out;
  }
  if (!error.empty()) {
    tracker_.set_status(tournament_status::failed);
    tracker_.set_error("tournament.json: " + error);
  }
  stage_ = stage::ended;
  emit(out, event_kind::terminal, now);
  out.push_back(quit{});
  return out;
}

// ---- Reports ----------------------------------------------------------------------

progress_snapshot tournament_core::snapshot(wall_clock::time_point now) const {
  auto snap = tracker_.snapshot(now);
  snap.priority = setup_.priority;
  return snap;
}

void tournament_core::emit(tournament_commands& out, event_kind kind, wall_clock::time_point now) const {
  out.push_back(emit_event{kind, snapshot(now)});
}

// tournament.json text: the final file (with the errors and statistics) and
// the running checkpoint share one builder.
std::string tournament_core::tournament_json_text(wall_clock::time_point now, bool final_report) const {
  report_input in;
  in.snapshot = snapshot(now);
  in.first_player_versus = tracker_.first_player_versus();
  in.total_plies = tracker_.total_plies();
  in.spec = spec::spec_to_json(*setup_.spec);
  // The running checkpoint is what resume needs; the statistics (per pairing:
  // O(players^2), 20 MB for 300 players) are in the final file only.
  if (final_report) {
    if (tally_) {
      in.statistics = tally_->statistics_json();
    }
    in.errors = errors_;
  }
  return tournament_json(in, now).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string tournament_core::game_id(std::uint64_t index) const {
  return game_id_for(setup_.id, index);
}

finished_game tournament_core::error_game(std::uint64_t index) const {
  const auto a = plan_.at(index);
  finished_game g;
  g.game_id = game_id(index);
  g.index = index;
  g.round = a.round;
  g.black = setup_.spec->players[a.black].name;
  g.white = setup_.spec->players[a.white].name;
  g.result = game::result::error;
  g.reason = "error";
  return g;
}

}  // namespace tourney::rt
