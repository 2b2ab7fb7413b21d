// A tournament actor: plays one tournament's games on game slots granted by
// the supervisor, counts each game once its line is durable, and finishes
// with tournament.json written before its one terminal event.
//
// Pause stops dispatching (games in flight finish); cancel raises the stop
// flag of every game in flight and ends them at once; a disk error fails the
// tournament the same way.
#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include <fmt/format.h>

#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/exit_reason.hpp"
#include "caf/stateful_actor.hpp"

#include "tourney/detail/exception_reason.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/player_sources.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/detail/usi_engines.hpp"
#include "tourney/results/results_tally.hpp"
#include "tourney/runtime/dispatch_queue.hpp"
#include "tourney/runtime/ids.hpp"
#include "tourney/runtime/tournament_report.hpp"
#include "tourney/schedule/index_set.hpp"
#include "tourney/schedule/schedule.hpp"
#include "tourney/spec/json.hpp"

namespace tourney::detail {

namespace {

using rt::tournament_status;

struct running_game {
  game_actor actor;  // local games
  std::shared_ptr<std::atomic<bool>> stop;
  // Games on a worker node: where, and which attempt (a late answer to an
  // earlier attempt is ignored, so no game counts twice).
  std::string site;
  caf::actor worker;
  std::string game_id;
  int attempt = 0;
};

struct tournament_state {
  static inline const char* name = "tournament";
  tournament_order order;
  std::shared_ptr<const runtime_settings> settings;
  caf::actor supervisor;
  caf::actor persistence;
  std::optional<schedule::schedule> plan;
  std::optional<results::results_tally> tally;  // statistics (Elo, SPRT, pairs)
  std::unique_ptr<rt::progress_tracker> tracker;
  rt::lifecycle life;
  std::optional<rt::dispatch_queue> undispatched;  // plan order, lazily
  std::set<std::uint64_t> requested;       // waiting for a slot
  std::map<std::uint64_t, running_game> running;
  std::map<caf::actor_addr, std::uint64_t> by_actor;
  std::vector<int> load;   // games reserved or in flight per player
  std::vector<int> limit;  // per player, 0 = none
  std::vector<std::string> keys;  // per player: shared slot-pool key or ""
  std::size_t pending_appends = 0;
  std::vector<std::string> errors;
  bool cancelling = false;
  bool failing = false;
  bool finalizing = false;
  bool sprt_decided = false;
  /// The tournament's USI engines (none without USI players).
  usi_engines_actor usi_engines;
  /// Games sent to workers so far, by index (attempts), and the spec as
  /// the wire carries it (made once).
  std::map<std::uint64_t, int> remote_attempts;
  std::string spec_json;
};

using tournament_self = caf::stateful_actor<tournament_state>;

void maybe_finish(tournament_self* self);

void emit(tournament_self* self, rt::event_kind kind) {
  auto& st = self->state;
  auto snap = st.tracker->snapshot(rt::wall_clock::now());
  snap.priority = st.order.priority;
  self->send(st.supervisor, atom::event_v, rt::tournament_event{kind, std::move(snap)});
}

bool eligible(const tournament_state& st, const schedule::game_assignment& a) {
  auto fits = [&](std::size_t p, int extra) {
    return st.limit[p] <= 0 || st.load[p] + extra <= st.limit[p];
  };
  if (a.black == a.white) {
    return fits(a.black, 2);
  }
  return fits(a.black, 1) && fits(a.white, 1);
}

void reserve(tournament_state& st, const schedule::game_assignment& a, int delta) {
  st.load[a.black] += delta;
  st.load[a.white] += delta;
}

bool dispatching(const tournament_state& st) {
  return st.life.status() == tournament_status::running && !st.cancelling && !st.failing && !st.finalizing;
}

// Asks for slots for as many eligible games as the tournament may run.
void request_more(tournament_self* self) {
  auto& st = self->state;
  if (!dispatching(st)) {
    return;
  }
  const auto& spec = *st.order.spec;
  // Slots anywhere, local and on workers (at least one request, so a
  // tournament with no slot anywhere waits in the pool and says so).
  const std::size_t cap =
      spec.concurrency > 0 ? static_cast<std::size_t>(spec.concurrency) : std::max<std::size_t>(1, st.order.slots);
  // Games passed over (a player at its limit) are looked at again first;
  // past this many per request the tournament waits for a game to finish.
  constexpr std::size_t scan_limit = 1024;
  auto fits = [&st](std::uint64_t index) { return eligible(st, st.plan->at(index)); };
  while (st.requested.size() + st.running.size() < cap) {
    const auto next = st.undispatched->take(fits, scan_limit);
    if (!next) {
      break;
    }
    const auto index = *next;
    const auto a = st.plan->at(index);
    reserve(st, a, +1);
    st.requested.insert(index);
    std::vector<std::string> keys;
    for (auto p : {a.black, a.white}) {
      if (!st.keys[p].empty()) {
        keys.push_back(st.keys[p]);
      }
    }
    self->send(st.supervisor, atom::slot_v, st.order.id, index, std::move(keys));
  }
}

// Gives back every slot request (pause, cancel, failure).
void withdraw_requests(tournament_self* self) {
  auto& st = self->state;
  self->send(st.supervisor, atom::withdraw_v, st.order.id);
  for (auto it = st.requested.rbegin(); it != st.requested.rend(); ++it) {
    reserve(st, st.plan->at(*it), -1);
    st.undispatched->give_back(*it);
  }
  st.requested.clear();
}

void count_game(tournament_self* self, rt::finished_game g);

// An SPRT run stops dispatching once the test has a verdict; games in flight
// finish and count, then the tournament completes.
void check_sprt(tournament_self* self) {
  auto& st = self->state;
  if (!st.tally || st.sprt_decided) {
    return;
  }
  auto sprt = st.tally->sprt_state();
  if (!sprt || sprt->result == stats::sprt_result::continue_testing) {
    return;
  }
  st.sprt_decided = true;
  withdraw_requests(self);
  st.undispatched->clear();
}

void fail(tournament_self* self, const std::string& reason);

std::string game_id_of(const tournament_state& st, std::uint64_t index) {
  return rt::game_id_for(st.order.id, index);
}

rt::finished_game error_game(const tournament_state& st, std::uint64_t index) {
  const auto a = st.plan->at(index);
  rt::finished_game g;
  g.game_id = game_id_of(st, index);
  g.index = index;
  g.round = a.round;
  g.black = st.order.spec->players[a.black].name;
  g.white = st.order.spec->players[a.white].name;
  g.result = game::result::error;
  g.reason = "error";
  return g;
}

void start_game(tournament_self* self, std::uint64_t index) {
  auto& st = self->state;
  const auto& spec = *st.order.spec;
  const auto a = st.plan->at(index);
  finished_game_meta meta;
  meta.game_id = game_id_of(st, index);
  meta.index = index;
  meta.round = a.round;
  meta.black = spec.players[a.black].name;
  meta.white = spec.players[a.white].name;
  meta.seed = a.seed;
  auto not_started = [&](std::string why) {
    reserve(st, a, -1);
    self->send(st.supervisor, atom::release_v, st.order.id, index);
    st.errors.push_back(meta.game_id + ": " + why);
    count_game(self, error_game(st, index));
  };
  if (!st.settings->make_referee) {
    not_started("no referee configured");
    return;
  }
  const auto& openings = *st.order.openings;
  const auto& opening = openings[a.opening % openings.size()];
  // A throwing factory is a bug: it takes this tournament down (FAILED).
  auto referee = st.settings->make_referee(rt::game_context{spec, a, opening, meta.game_id});
  if (!referee) {
    not_started(referee.error().message);
    return;
  }
  auto black = make_player_source(spec.players[a.black], *st.order.policies, st.usi_engines);
  auto white = make_player_source(spec.players[a.white], *st.order.policies, st.usi_engines);
  if (!black || !white) {
    not_started(!black ? black.error().message : white.error().message);
    return;
  }
  auto stop = std::make_shared<std::atomic<bool>>(false);
  st.tracker->game_started(index, a.round, meta.black + " vs " + meta.white);
  auto game = spawn_game(self, std::shared_ptr<rt::game_referee>(std::move(*referee)), std::move(meta),
                         std::move(*black), std::move(*white), stop);
  st.by_actor.emplace(game.address(), index);
  running_game rg;
  rg.actor = std::move(game);
  rg.stop = std::move(stop);
  st.running.emplace(index, std::move(rg));
}

// A game a worker could not finish (gone, hung, busy, refused) goes back to
// the queue to be played elsewhere; after too many attempts it counts as an
// error game, so a game that kills every worker cannot loop for ever.
void replay_elsewhere(tournament_self* self, std::uint64_t index, const std::string& why, bool slot_held) {
  auto& st = self->state;
  auto it = st.running.find(index);
  if (it == st.running.end()) {
    return;
  }
  const auto site = it->second.site;
  st.running.erase(it);
  self->send(st.supervisor, atom::suspect_v, site);
  st.tracker->game_abandoned(index);
  reserve(st, st.plan->at(index), -1);
  if (slot_held) {
    self->send(st.supervisor, atom::release_v, st.order.id, index);
  }
  if (st.remote_attempts[index] >= st.settings->remote_attempts) {
    st.errors.push_back(fmt::format("{}: not played after {} attempts on workers (last: {}: {})",
                                    game_id_of(st, index), st.remote_attempts[index], site, why));
    count_game(self, error_game(st, index));
  } else if (!st.cancelling && !st.failing && !st.sprt_decided) {
    st.undispatched->give_back(index);  // when paused: played after resume
  }
  request_more(self);
  maybe_finish(self);
}

void start_remote_game(tournament_self* self, std::uint64_t index, const std::string& site, caf::actor worker) {
  auto& st = self->state;
  const auto& spec = *st.order.spec;
  const auto a = st.plan->at(index);
  if (st.spec_json.empty()) {
    st.spec_json = spec::spec_to_json(spec).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  auto order = wire::order_for(a);
  order.tournament_id = st.order.id;
  order.game_id = game_id_of(st, index);
  order.spec_json = st.spec_json;
  const auto& openings = *st.order.openings;
  order.opening = openings[a.opening % openings.size()].usi_position();
  const int attempt = ++st.remote_attempts[index];
  st.tracker->game_started(index, a.round, spec.players[a.black].name + " vs " + spec.players[a.white].name);
  running_game rg;
  rg.stop = std::make_shared<std::atomic<bool>>(false);
  rg.site = site;
  rg.worker = worker;
  rg.game_id = order.game_id;
  rg.attempt = attempt;
  st.running.emplace(index, std::move(rg));
  self->request(worker, st.settings->remote_game_timeout, atom::play_v, std::move(order))
      .then(
          [self, index, attempt, site](wire::game_report& r) {
            auto& st = self->state;
            auto it = st.running.find(index);
            if (it == st.running.end() || it->second.attempt != attempt) {
              return;  // cancelled, or already replayed elsewhere: not counted twice
            }
            if (!r.error.empty() || r.line.empty()) {
              replay_elsewhere(self, index, r.error.empty() ? "empty answer" : r.error, true);
              return;
            }
            auto g = rt::finished_game_from_line(r.line, error_game(st, index));
            if (!g) {
              replay_elsewhere(self, index, site + ": " + g.error().message, true);
              return;
            }
            g->node = site;
            st.running.erase(it);
            reserve(st, st.plan->at(index), -1);
            self->send(st.supervisor, atom::release_v, st.order.id, index);
            count_game(self, std::move(*g));
            if (!r.fault.empty()) {
              fail(self, r.fault);
            }
            request_more(self);
            maybe_finish(self);
          },
          [self, index, attempt](caf::error& err) {
            auto& st = self->state;
            auto it = st.running.find(index);
            if (it == st.running.end() || it->second.attempt != attempt) {
              return;
            }
            replay_elsewhere(self, index, self->system().render(err), true);
          });
}

// Counts a game once its line in games.jsonl is durable.
void count_game(tournament_self* self, rt::finished_game g) {
  auto& st = self->state;
  ++st.pending_appends;
  st.remote_attempts.erase(g.index);  // nothing kept per finished game
  auto line = rt::to_json_line(g);
  // The record goes along so that the game files need not parse the line back.
  std::shared_ptr<const record::game_record> record;
  if (g.record) {
    record = std::make_shared<const record::game_record>(std::move(*g.record));
    g.record.reset();
  }
  self->request(st.persistence, caf::infinite, atom::append_v, st.order.id, std::move(line), std::move(record))
      .then(
          [self, g = std::move(g)](std::string& err) {
            auto& st = self->state;
            --st.pending_appends;
            if (err.empty()) {
              st.tracker->game_finished(g);
              if (st.tally) {
                st.tally->add(g.index, g.result);
              }
              check_sprt(self);
              if (!st.finalizing) {
                emit(self, rt::event_kind::progress);
              }
            } else {
              fail(self, "games.jsonl: " + err);
            }
            maybe_finish(self);
          },
          [self](caf::error& err) {
            --self->state.pending_appends;
            fail(self, "games.jsonl: " + self->system().render(err));
            maybe_finish(self);
          });
}

// Ends every game in flight at once (cancel, failure).
void stop_games(tournament_self* self) {
  auto& st = self->state;
  for (auto& [index, g] : st.running) {
    g.stop->store(true);
    if (g.worker) {
      self->send(g.worker, atom::stop_v, g.game_id);
    } else {
      self->send_exit(g.actor, caf::exit_reason::user_shutdown);
      st.by_actor.erase(g.actor.address());
    }
    st.tracker->game_abandoned(index);
    reserve(st, st.plan->at(index), -1);
    self->send(st.supervisor, atom::release_v, st.order.id, index);
  }
  st.running.clear();
}

void fail(tournament_self* self, const std::string& reason) {
  auto& st = self->state;
  if (st.failing || st.finalizing) {
    return;
  }
  st.failing = true;
  st.errors.push_back(reason);
  st.tracker->set_error(reason);
  withdraw_requests(self);
  stop_games(self);
}

// tournament.json text from the current state: the final file (with the
// errors) and the running checkpoint share one builder.
std::string tournament_json_text(tournament_self* self, rt::wall_clock::time_point now,
                                 bool with_errors) {
  auto& st = self->state;
  rt::report_input in;
  in.snapshot = st.tracker->snapshot(now);
  in.snapshot.priority = st.order.priority;
  in.first_player_versus = st.tracker->first_player_versus();
  in.total_plies = st.tracker->total_plies();
  in.spec = spec::spec_to_json(*st.order.spec);
  // The running checkpoint is what resume needs; the statistics (per pairing:
  // O(players^2), 20 MB for 300 players) are in the final file only.
  if (st.tally && with_errors) {
    in.statistics = st.tally->statistics_json();
  }
  if (with_errors) {
    in.errors = st.errors;
  }
  return rt::tournament_json(in, now).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

void finalize(tournament_self* self, tournament_status final_status) {
  auto& st = self->state;
  st.finalizing = true;
  const auto now = rt::wall_clock::now();
  st.tracker->mark_ended(now);
  st.tracker->set_status(final_status);
  auto json = tournament_json_text(self, now, true);
  auto done = [self, final_status](const std::string& err) {
    auto& st = self->state;
    auto status = final_status;
    if (!err.empty()) {
      status = tournament_status::failed;
      st.tracker->set_error("tournament.json: " + err);
    }
    (void)st.life.move_to(status);
    st.tracker->set_status(status);
    emit(self, rt::event_kind::terminal);
    self->quit();
  };
  self->request(st.persistence, caf::infinite, atom::finalize_v, st.order.id, st.order.folder, std::move(json),
                final_status == tournament_status::completed)
      .then([done](std::string& err) { done(err); },
            [self, done](caf::error& err) { done(self->system().render(err)); });
}

// tournament.json as a checkpoint while running: what resume needs (id,
// name, spec, planned games) and the counts so far.
std::string checkpoint_json(tournament_self* self) {
  return tournament_json_text(self, rt::wall_clock::now(), false);
}

void maybe_finish(tournament_self* self) {
  auto& st = self->state;
  if (st.finalizing || !st.running.empty() || st.pending_appends > 0) {
    return;
  }
  if (st.failing) {
    finalize(self, tournament_status::failed);
  } else if (st.cancelling) {
    finalize(self, tournament_status::cancelled);
  } else if (st.undispatched->empty() && st.requested.empty() &&
             (st.tracker->completed() == st.tracker->total() || st.sprt_decided)) {
    finalize(self, tournament_status::completed);
  }
}

control_result refuse(tournament_state& st, tournament_status to) {
  if (st.finalizing) {
    return {false, "the tournament is finishing"};
  }
  if (st.cancelling) {
    return {false, "the tournament is being cancelled"};
  }
  if (st.failing) {
    return {false, "the tournament is failing"};
  }
  auto ok = rt::check_transition(st.life.status(), to);
  return {false, ok ? std::string() : ok.error().message};
}

bool needs_engines(const tournament_state& st) {
  for (const auto& p : st.order.spec->players) {
    if (p.kind == spec::player_kind::usi) {
      return true;
    }
  }
  return false;
}

caf::behavior tournament_behavior(tournament_self* self, tournament_order order, caf::actor supervisor,
                                  caf::actor persistence, std::shared_ptr<const runtime_settings> settings) {
  auto& st = self->state;
  st.order = std::move(order);
  st.settings = std::move(settings);
  st.supervisor = std::move(supervisor);
  st.persistence = std::move(persistence);
  const auto& spec = *st.order.spec;
  auto plan = schedule::schedule::create(spec, st.order.openings->size());
  // The supervisor created the same schedule before queueing the tournament.
  st.plan.emplace(std::move(*plan));
  if (auto tally = results::results_tally::create(spec, *st.plan)) {
    st.tally.emplace(std::move(*tally));
  }
  std::vector<std::string> names;
  for (const auto& p : spec.players) {
    names.push_back(p.name);
    st.limit.push_back(p.max_concurrent_games);
    st.keys.push_back(shared_limit_key(p, *st.order.policies));
  }
  st.load.assign(spec.players.size(), 0);
  st.tracker = std::make_unique<rt::progress_tracker>(st.order.id, st.order.name, std::move(names),
                                                           st.plan->size(), spec.rounds);
  st.tracker->set_folder(st.order.folder);
  st.tracker->set_priority(st.order.priority);
  // Resume: the journal's games count at once and are never dispatched; the
  // rest keep their schedule index (same openings, colours and seeds).
  schedule::index_set already;
  if (st.order.finished) {
    for (const auto& g : *st.order.finished) {
      if (g.index < st.plan->size() && already.insert(g.index)) {
        st.tracker->game_finished(g);
        if (st.tally) {
          st.tally->add(g.index, g.result);
        }
      }
    }
  }
  st.undispatched.emplace(st.plan->size(), std::move(already));
  self->set_exception_handler(exception_reason);
  // Games crash only through bugs; their exit becomes that game's error.
  self->set_exit_handler([self](caf::exit_msg& em) {
    auto& st = self->state;
    auto it = st.by_actor.find(em.source);
    if (it == st.by_actor.end()) {
      // A game that already reported or that we stopped; only a kill from
      // outside ends the tournament itself.
      if (em.reason == caf::exit_reason::kill) {
        self->quit(em.reason);
      }
      return;
    }
    const auto index = it->second;
    st.by_actor.erase(it);
    auto g = st.running.find(index);
    if (g == st.running.end()) {
      return;
    }
    st.running.erase(g);
    if (!em.reason) {
      return;  // normal exit after its result (already handled)
    }
    const auto a = st.plan->at(index);
    reserve(st, a, -1);
    st.tracker->game_abandoned(index);
    self->send(st.supervisor, atom::release_v, st.order.id, index);
    auto err = error_game(st, index);
    st.errors.push_back(err.game_id + ": game actor failed: " + self->system().render(em.reason));
    count_game(self, std::move(err));
    request_more(self);
  });
  // Running: start_time is set before the RUNNING event.
  (void)st.life.move_to(tournament_status::running);
  st.tracker->mark_running(rt::wall_clock::now());
  st.tracker->set_status(tournament_status::running);
  emit(self, rt::event_kind::status);
  check_sprt(self);
  self->request(st.persistence, caf::infinite, atom::open_v, st.order.id, st.order.folder, st.order.resuming,
                std::move(st.order.lock), checkpoint_json(self))
      .then(
          [self](std::string& err) {
            if (!err.empty()) {
              fail(self, err);
            } else if (needs_engines(self->state)) {
              // Engines log into the folder, so they start once it exists.
              auto& st = self->state;
              // At most game_slots games run here at once: engines per player follow.
              st.usi_engines = spawn_usi_engines(self, st.order.folder, st.order.spec,
                                                 std::max<std::size_t>(1, st.settings->game_slots));
              request_more(self);
            }
            // A resumed tournament may have nothing left to play.
            maybe_finish(self);
          },
          [self](caf::error& err) {
            fail(self, self->system().render(err));
            maybe_finish(self);
          });
  if (!needs_engines(st)) {
    request_more(self);
  }
  return {
      // --- game slots -------------------------------------------------------
      [self](atom::grant, std::uint64_t index, const std::string& site, caf::actor& worker) {
        auto& st = self->state;
        if (st.requested.erase(index) == 0) {
          self->send(st.supervisor, atom::release_v, st.order.id, index);  // withdrawn meanwhile
          return;
        }
        if (!dispatching(st)) {
          reserve(st, st.plan->at(index), -1);
          st.undispatched->give_back(index);
          self->send(st.supervisor, atom::release_v, st.order.id, index);
          return;
        }
        if (site.empty()) {
          start_game(self, index);
        } else {
          start_remote_game(self, index, site, std::move(worker));
        }
        request_more(self);
      },
      // --- worker nodes ---------------------------------------------------------
      [self](atom::lost, std::uint64_t index, const std::string& site, const std::string& why) {
        auto& st = self->state;
        auto it = st.running.find(index);
        if (it == st.running.end() || it->second.site != site) {
          return;
        }
        // The supervisor has taken the slot back already.
        replay_elsewhere(self, index, "worker " + site + " lost: " + why, false);
      },
      [self](atom::slot, std::uint64_t slots) {
        self->state.order.slots = static_cast<std::size_t>(slots);
        request_more(self);
      },
      [self](atom::waiting, const std::string& reason) {
        auto& st = self->state;
        st.tracker->set_waiting(reason);
        if (!st.finalizing) {
          emit(self, rt::event_kind::progress);
        }
      },
      // --- games ------------------------------------------------------------
      [self](atom::done, rt::finished_game& g) {
        auto& st = self->state;
        auto it = st.running.find(g.index);
        if (it == st.running.end()) {
          return;  // stopped by cancel or failure: not a result
        }
        st.by_actor.erase(it->second.actor.address());
        st.running.erase(it);
        reserve(st, st.plan->at(g.index), -1);
        self->send(st.supervisor, atom::release_v, st.order.id, g.index);
        count_game(self, std::move(g));
        request_more(self);
      },
      // --- an engine that cannot start fails the tournament -------------------
      [self](atom::fault, const std::string& reason) {
        fail(self, reason);
        maybe_finish(self);
      },
      // --- control ----------------------------------------------------------
      [self](atom::pause) -> control_result {
        auto& st = self->state;
        if (st.cancelling || st.failing || st.finalizing || !st.life.move_to(tournament_status::paused)) {
          return refuse(st, tournament_status::paused);
        }
        st.tracker->mark_paused(rt::wall_clock::now());
        st.tracker->set_status(tournament_status::paused);
        withdraw_requests(self);
        emit(self, rt::event_kind::status);
        return {true, {}};
      },
      [self](atom::resume) -> control_result {
        auto& st = self->state;
        if (st.cancelling || st.failing || st.finalizing || !st.life.move_to(tournament_status::running)) {
          return refuse(st, tournament_status::running);
        }
        st.tracker->mark_running(rt::wall_clock::now());
        st.tracker->set_status(tournament_status::running);
        emit(self, rt::event_kind::status);
        request_more(self);
        return {true, {}};
      },
      [self](atom::cancel) -> control_result {
        auto& st = self->state;
        if (st.cancelling || st.failing || st.finalizing) {
          return refuse(st, tournament_status::cancelled);
        }
        st.cancelling = true;
        withdraw_requests(self);
        stop_games(self);
        maybe_finish(self);
        return {true, {}};
      },
  };
}

}  // namespace

tournament_actor spawn_tournament(caf::event_based_actor* supervisor_self, tournament_order order,
                                  supervisor_actor supervisor, persistence_actor persistence,
                                  std::shared_ptr<const runtime_settings> settings) {
  return supervisor_self->spawn(tournament_behavior, std::move(order), std::move(supervisor),
                                std::move(persistence), std::move(settings));
}

}  // namespace tourney::detail
