#include "tourney/usi/engine_pool.hpp"

#include <exception>
#include <set>

#include <fmt/format.h>

#include "tourney/usi/player_decision.hpp"

namespace tourney::usi {

namespace {

rt::player_answer gone(std::string why) {
  return {std::nullopt, std::move(why), rt::no_decision::player_gone};
}

}  // namespace

engine_pool::engine_pool(std::vector<pool_player> players, std::size_t engines_per_player,
                         pool_effects& effects)
    : engines_per_player_(engines_per_player), effects_(effects) {
  for (auto& p : players) {
    auto name = p.name;
    players_.emplace(std::move(name), std::move(p));
  }
}

engine_pool::~engine_pool() {
  for (auto& [id, e] : engines_) {
    if (e.waiting.client) {
      auto w = std::move(e.waiting);
      e.waiting = {};
      w.client->answer(w.ply, gone("the engine pool ended"));
    }
  }
  while (!games_.empty()) {
    give_back(games_.begin()->first, "the engine pool ended", {});
  }
}

engine_pool::engine* engine_pool::find(engine_id id) {
  auto it = engines_.find(id);
  return it == engines_.end() ? nullptr : &it->second;
}

engine_pool::engine* engine_pool::leased(lease_ref lease) {
  auto* e = find(lease.engine);
  if (e == nullptr || lease.number == 0 || e->lease != lease.number) {
    return nullptr;
  }
  return e;
}

std::size_t engine_pool::live_engines(const std::string& player) const {
  std::size_t n = 0;
  for (const auto& [id, e] : engines_) {
    if (e.player->name == player && e.at != stage::dead) {
      ++n;
    }
  }
  return n;
}

std::optional<engine_pool::stage> engine_pool::stage_of(engine_id id) const {
  auto it = engines_.find(id);
  if (it == engines_.end()) {
    return std::nullopt;
  }
  return it->second.at;
}

void engine_pool::lease(lease_request_id request, lessee_id lessee, const std::string& player,
                        steady::time_point now) {
  if (shutting_down_) {
    effects_.lease_reply(request, 0, 0, "the tournament ended");
    return;
  }
  auto p = players_.find(player);
  if (p == players_.end()) {
    effects_.lease_reply(request, 0, 0, fmt::format("no USI player named '{}'", player));
    return;
  }
  waiting_.push_back({request, lessee, &p->second});
  serve_waiting(p->second, now);
}

void engine_pool::serve_waiting(const pool_player& p, steady::time_point now) {
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    if (it->player != &p) {
      ++it;
      continue;
    }
    engine* idle = nullptr;
    for (auto& [id, e] : engines_) {
      if (e.player == &p && e.at == stage::idle && e.lessee == 0) {
        idle = &e;
        break;
      }
    }
    if (idle == nullptr) {
      if (engines_per_player_ != 0 && live_engines(p.name) >= engines_per_player_) {
        return;  // the next engine to come free takes it
      }
      idle = &start_engine(p, now);
    }
    auto w = *it;
    it = waiting_.erase(it);
    assign(*idle, w.request, w.lessee, now);
    it = waiting_.begin();  // assign may have served others
  }
}

void engine_pool::assign(engine& e, lease_request_id request, lessee_id lessee, steady::time_point now) {
  e.lessee = lessee;
  e.reply = request;
  if (e.at == stage::idle) {
    e.at = stage::new_game;
    run(e, e.session->new_game(), now);
  }
  // A starting engine goes on to usinewgame once it is ready (on_ready).
}

engine_pool::engine& engine_pool::start_engine(const pool_player& p, steady::time_point now) {
  std::set<int> used;
  for (const auto& [id, e] : engines_) {
    if (e.player == &p && e.at != stage::dead) {
      used.insert(e.slot);
    }
  }
  int slot = 0;
  while (used.count(slot) > 0) {
    ++slot;
  }
  spawn_options options;
  options.command = p.engine.command;
  options.args = p.engine.args;
  options.working_dir = p.engine.working_dir.empty() ? p.default_dir : p.engine.working_dir;
  options.env = p.engine.env;
  options.stderr_log = fmt::format("{}{}.stderr.log", p.log_prefix, slot);
  auto config = make_session_config(p.name, p.engine, options.stderr_log);
  const auto id = effects_.spawn(std::move(options));
  auto& e = engines_[id];
  e.id = id;
  e.player = &p;
  e.slot = slot;
  e.session = std::make_unique<engine_session>(std::move(config));
  run(e, e.session->start(), now);
  return e;
}

void engine_pool::reply_lease(engine& e, const std::string& error) {
  if (!e.reply) {
    return;
  }
  const auto request = *e.reply;
  e.reply.reset();
  if (error.empty()) {
    e.lease = next_lease_++;
    effects_.lease_reply(request, e.id, e.lease, {});
  } else {
    effects_.lease_reply(request, 0, 0, error);
  }
}

void engine_pool::answer(engine& e, rt::player_answer a, steady::time_point now) {
  auto w = std::move(e.waiting);
  e.waiting = {};
  if (w.client) {
    w.client->answer(w.ply, std::move(a));
    return;
  }
  if (w.game == 0) {
    return;  // nobody waits (the game ended meanwhile)
  }
  auto g = games_.find(w.game);
  if (g == games_.end()) {
    return;
  }
  try {
    if (a.decision) {
      g->second.referee->on_decision(*a.decision, now - g->second.asked);
    } else {
      g->second.referee->on_no_decision(a.why, a.error);
    }
  } catch (const std::exception& ex) {
    give_back(w.game, {}, ex.what());
    return;
  }
  advance(w.game, now);
}

expected<session_actions> engine_pool::start_search(engine& e, const rt::turn& t) {
  auto limits = t.limits;
  if (e.player->nodes > 0) {
    limits.nodes = e.player->nodes;  // the player's own node limit overrides the match's
  }
  e.history.update(t.start, t.history);
  return e.session->go(e.history.start_sfen(), e.history.moves(), limits, t.deadline);
}

void engine_pool::ask(lease_ref lease, std::uint64_t ply, const rt::turn& t, std::shared_ptr<move_client> client,
                      steady::time_point now) {
  auto* e = leased(lease);
  if (e == nullptr || e->at != stage::playing || e->session->current_phase() != engine_session::phase::idle) {
    client->answer(ply, gone(e == nullptr ? std::string("the engine's lease ended")
                                          : fmt::format("engine '{}' is not available", e->player->name)));
    return;
  }
  auto actions = start_search(*e, t);
  if (!actions) {
    client->answer(ply, gone(actions.error().message));
    return;
  }
  e->waiting = {std::move(client), ply, 0};
  run(*e, std::move(*actions), now);
}

void engine_pool::play_out(const lease_ref (&leases)[2], std::shared_ptr<rt::game_referee> referee,
                           const rt::turn& first, std::shared_ptr<move_client> client, steady::time_point now) {
  const auto id = next_game_++;
  games_[id] = {std::move(referee), std::move(client), {leases[0], leases[1]}, now};
  ask_turn(id, first, now);
}

std::optional<rt::turn> engine_pool::next_turn_or_give_back(std::uint64_t game, rt::game_referee& referee) {
  std::optional<rt::turn> t;
  try {
    t = referee.next_turn();
  } catch (const std::exception& ex) {
    give_back(game, {}, ex.what());
    return std::nullopt;
  }
  if (!t) {
    give_back(game, {}, {});
  }
  return t;
}

void engine_pool::advance(std::uint64_t game, steady::time_point now) {
  auto g = games_.find(game);
  if (g == games_.end()) {
    return;
  }
  if (auto t = next_turn_or_give_back(game, *g->second.referee)) {
    ask_turn(game, std::move(*t), now);
  }
}

void engine_pool::ask_turn(std::uint64_t game, rt::turn t, steady::time_point now) {
  for (;;) {
    auto g = games_.find(game);
    if (g == games_.end()) {
      return;
    }
    auto* e = leased(g->second.leases[static_cast<int>(t.side)]);
    std::string why;
    if (e == nullptr || e->at != stage::playing ||
        e->session->current_phase() != engine_session::phase::idle) {
      why = e == nullptr ? std::string("the engine's lease ended")
                         : fmt::format("engine '{}' is not available", e->player->name);
    } else if (auto actions = start_search(*e, t); !actions) {
      why = actions.error().message;
    } else {
      g->second.asked = now;
      e->waiting = {nullptr, 0, game};
      run(*e, std::move(*actions), now);
      return;
    }
    // The side to move cannot be asked: it loses as gone, and the game goes on or ends.
    auto& referee = *g->second.referee;
    try {
      referee.on_no_decision(rt::no_decision::player_gone, why);
    } catch (const std::exception& ex) {
      give_back(game, {}, ex.what());
      return;
    }
    auto next = next_turn_or_give_back(game, referee);
    if (!next) {
      return;
    }
    t = std::move(*next);
  }
}

void engine_pool::give_back(std::uint64_t game, std::string why, std::string failure) {
  auto g = games_.find(game);
  if (g == games_.end()) {
    return;
  }
  auto held = std::move(g->second);
  games_.erase(g);
  for (auto& [id, e] : engines_) {
    if (e.waiting.game == game) {
      e.waiting = {};
    }
  }
  if (held.client) {
    held.client->give_back(std::move(held.referee), std::move(why), std::move(failure));
  }
}

void engine_pool::game_over(lease_ref lease, const std::string& outcome, steady::time_point now) {
  auto* e = leased(lease);
  if (e == nullptr) {
    return;
  }
  if (e->at == stage::playing && e->session->current_phase() == engine_session::phase::idle && !outcome.empty()) {
    auto result = outcome == "win" ? game_result::win : outcome == "lose" ? game_result::lose : game_result::draw;
    run(*e, e->session->game_over(result), now);
  }
  release_engine(*e, now);
}

void engine_pool::release(lessee_id lessee, steady::time_point now) {
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    if (it->lessee == lessee) {
      effects_.lease_reply(it->request, 0, 0, "the game ended");
      it = waiting_.erase(it);
    } else {
      ++it;
    }
  }
  std::vector<engine_id> ids;
  for (const auto& [id, e] : engines_) {
    if (e.lessee == lessee) {
      ids.push_back(id);
    }
  }
  for (auto id : ids) {
    if (auto* e = find(id)) {
      release_engine(*e, now);
    }
  }
}

void engine_pool::release_engine(engine& e, steady::time_point now) {
  e.lessee = 0;
  e.lease = 0;
  if (e.waiting.game != 0) {
    give_back(e.waiting.game, "the engine's game ended", {});
  }
  e.waiting = {};
  reply_lease(e, "the game ended");
  switch (e.at) {
    case stage::playing:
      if (e.session->current_phase() == engine_session::phase::thinking) {
        run(e, e.session->stop_search(), now);  // idle again on search_stopped
      } else if (e.session->current_phase() == engine_session::phase::idle) {
        e.at = stage::idle;
        serve_waiting(*e.player, now);
      }
      return;
    case stage::new_game:
      e.at = stage::starting;  // on readyok it becomes idle (no lessee)
      return;
    default:
      return;
  }
}

void engine_pool::shutdown(steady::time_point now) {
  shutting_down_ = true;
  for (auto& w : waiting_) {
    effects_.lease_reply(w.request, 0, 0, "the tournament ended");
  }
  waiting_.clear();
  std::vector<engine_id> ids;
  for (const auto& [id, e] : engines_) {
    ids.push_back(id);
  }
  for (auto id : ids) {
    if (auto* e = find(id)) {
      e->at = stage::dead;
      reply_lease(*e, "the tournament ended");
      answer(*e, gone("the tournament ended"), now);
      run(*e, e->session->shutdown(), now);
    }
  }
  if (engines_.empty()) {
    effects_.all_gone();
  }
}

void engine_pool::forget(engine_id id, steady::time_point now) {
  auto it = engines_.find(id);
  if (it == engines_.end()) {
    return;
  }
  const auto* player = it->second.player;
  effects_.release(id);
  engines_.erase(it);
  if (shutting_down_) {
    if (engines_.empty()) {
      effects_.all_gone();
    }
    return;
  }
  serve_waiting(*player, now);  // a replacement may start now
}

void engine_pool::run(engine& e, expected<session_actions> actions, steady::time_point now) {
  if (!actions) {
    // A call in the wrong phase: a bug here, but the engine is not trusted any more.
    e.at = stage::dead;
    reply_lease(e, actions.error().message);
    answer(e, gone(actions.error().message), now);
    run(e, e.session->shutdown(), now);
    return;
  }
  run(e, std::move(*actions), now);
}

void engine_pool::run(engine& e, session_actions actions, steady::time_point now) {
  std::vector<std::string> lines;
  auto flush = [&] {
    if (!lines.empty()) {
      effects_.write(e.id, std::move(lines));
      lines.clear();
    }
  };
  for (auto& action : actions) {
    if (auto* line = std::get_if<send_line>(&action)) {
      lines.push_back(std::move(line->line));
    } else if (auto* timer = std::get_if<arm_timer>(&action)) {
      effects_.set_timer(e.id, timer->id, now + timer->after);
      e.timer_set = true;
    } else if (auto* sig = std::get_if<signal_process>(&action)) {
      flush();
      effects_.signal(e.id, sig->signal);
    } else if (std::holds_alternative<engine_ready>(action)) {
      flush();  // usinewgame goes after what this step sends
      if (e.at == stage::starting) {
        if (e.lessee == 0) {
          e.at = stage::idle;  // its game ended during start-up
          serve_waiting(*e.player, now);
        } else {
          e.at = stage::new_game;
          run(e, e.session->new_game(), now);
        }
      } else if (e.at == stage::new_game) {
        e.at = stage::playing;
        reply_lease(e, {});
      }
    } else if (auto* decided = std::get_if<engine_decided>(&action)) {
      flush();
      auto d = to_player_decision(decided->decision);
      if (d) {
        answer(e, {std::move(*d), {}}, now);
      } else {
        answer(e,
               {std::nullopt, fmt::format("engine '{}': {}", e.player->name, d.error().message),
                rt::no_decision::illegal_move},
               now);
      }
    } else if (auto* f = std::get_if<engine_fault>(&action)) {
      flush();
      switch (f->kind) {
        case fault_kind::startup_failed:
          e.at = stage::dead;
          reply_lease(e, f->message);
          answer(e, gone(f->message), now);
          if (!shutting_down_) {
            effects_.startup_failed(f->message);
          }
          break;
        case fault_kind::disconnect:
          e.at = stage::dead;
          reply_lease(e, f->message);
          answer(e, gone(f->message), now);
          break;
        case fault_kind::illegal_move:
          answer(e, {std::nullopt, f->message, rt::no_decision::illegal_move}, now);
          break;  // the engine answered: it stays usable
        case fault_kind::timeout:
          e.at = stage::dead;
          answer(e, {std::nullopt, f->message, rt::no_decision::timeout}, now);
          break;
      }
    } else if (std::holds_alternative<search_stopped>(action)) {
      // A game that ended mid-search (cancel): the engine is idle again.
      if (e.at != stage::dead) {
        e.at = e.lessee != 0 ? stage::playing : stage::idle;
        if (e.at == stage::idle) {
          serve_waiting(*e.player, now);
        }
      }
    } else if (std::holds_alternative<engine_exited>(action)) {
      e.at = stage::dead;
      const auto why = fmt::format("engine '{}' exited", e.player->name);
      reply_lease(e, why);
      answer(e, gone(why), now);
    }
  }
  flush();
  if (e.timer_set && !e.session->live_timer()) {
    effects_.cancel_timer(e.id);  // answered in time: no stale timer event later
    e.timer_set = false;
  }
}

void engine_pool::on_event(reactor_event event, steady::time_point now) {
  auto* e = find(event.id);
  if (e == nullptr) {
    return;
  }
  using kind = reactor_event::kind;
  switch (event.what) {
    case kind::spawned:
      return;
    case kind::spawn_failed: {
      auto message = fmt::format("engine '{}' could not be started: {}", e->player->name, event.error);
      run(*e, session_actions{engine_fault{fault_kind::startup_failed, message}}, now);
      forget(event.id, now);
      return;
    }
    case kind::lines:
      for (const auto& line : event.lines) {
        run(*e, e->session->on_line(line), now);
      }
      return;
    case kind::timer:
      run(*e, e->session->on_timer(event.timer), now);
      return;
    case kind::eof:
    case kind::input_closed:
      run(*e, e->session->on_eof(), now);
      return;
    case kind::exited:
      if (event.status) {
        run(*e, e->session->on_exit(*event.status), now);
      }
      forget(event.id, now);
      return;
  }
}

}  // namespace tourney::usi
