// A worker node's published actor: plays games that a coordinator sends it,
// each wholly on this node (referee, players, engines), and answers with the
// game's journal line. It knows its own engines: a player named in this
// node's config replaces the coordinator's definition of that player, so
// engine paths may differ per node.
//
// It monitors each coordinator and stops that coordinator's games when it is
// gone (its results could no longer be counted). Messages it does not know,
// or of another protocol version, are dropped with a log line and an error
// answer: a peer never crashes or wedges it.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>

#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/exit_reason.hpp"
#include "caf/node_id.hpp"
#include "caf/response_promise.hpp"
#include "caf/sec.hpp"
#include "caf/stateful_actor.hpp"
#include "caf/system_messages.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/game/default_referee.hpp"
#include "tourney/detail/game/exception_reason.hpp"
#include "tourney/detail/game/player_sources.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/detail/usi/engine_pool.hpp"
#include "tourney/detail/remote/worker_node.hpp"
#include "tourney/schedule/openings.hpp"
#include "tourney/spec/json.hpp"
#include "tourney/storage/names.hpp"

namespace tourney::detail {

namespace {

struct remote_game {
  game_actor game;
  std::shared_ptr<std::atomic<bool>> stop;
  caf::response_promise promise;
  std::string tournament;
  caf::actor_addr coordinator;
  std::uint64_t index = 0;
};

struct engine_pool {
  engine_pool_actor actor;
  std::string fault;  // why an engine could not start ("" = none)
};

struct worker_state {
  static inline const char* name = "worker_node";
  worker_settings settings;
  std::map<std::string, remote_game> games;  // by game id
  std::map<caf::actor_addr, std::string> game_by_actor;
  std::map<std::string, engine_pool> engines;  // by tournament id
  std::map<caf::actor_addr, std::string> engines_by_actor;
  std::set<caf::actor_addr> coordinators;
  /// The last spec read per tournament (its JSON text and the parsed spec):
  /// every game of a tournament carries the same text, parsed once.
  std::map<std::string, std::pair<std::string, std::shared_ptr<const spec::tournament_spec>>> specs;
  std::shared_ptr<const host_policies> no_policies = std::make_shared<host_policies>();
};

using worker_self = caf::stateful_actor<worker_state>;

void log(worker_self* self, const std::string& text) {
  if (self->state.settings.log) {
    self->state.settings.log(text);
  }
}

wire::game_report refusal(const wire::game_order& order, std::string why) {
  wire::game_report r;
  r.game_id = order.game_id;
  r.index = order.index;
  r.error = std::move(why);
  return r;
}

// The spec as this node plays it: players defined in this node's config
// replace the coordinator's definitions of the same name.
expected<std::shared_ptr<const spec::tournament_spec>> local_spec(const worker_settings& settings,
                                                                  const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    return fail("the tournament spec is not valid JSON");
  }
  spec::tournament_spec s;
  TOURNEY_TRY_ASSIGN(s, spec::spec_from_json(j, "spec"));
  for (auto& p : s.players) {
    if (auto it = settings.players.find(p.name); it != settings.players.end()) {
      auto name = p.name;
      p = it->second;
      p.name = std::move(name);
    }
  }
  return std::make_shared<const spec::tournament_spec>(std::move(s));
}

bool needs_engines(const spec::tournament_spec& s) {
  for (const auto& p : s.players) {
    if (p.kind() == spec::player_kind::usi) {
      return true;
    }
  }
  return false;
}

engine_pool_actor engines_for(worker_self* self, const std::string& tournament,
                       const std::shared_ptr<const spec::tournament_spec>& s) {
  auto& st = self->state;
  if (!needs_engines(*s)) {
    return {};
  }
  if (auto it = st.engines.find(tournament); it != st.engines.end()) {
    return it->second.actor;
  }
  auto folder = st.settings.storage_dir + "/" + storage::sanitize_name(tournament);
  auto pool = spawn_engine_pool(self, folder, s, std::max<std::size_t>(1, st.settings.slots));
  st.engines_by_actor.emplace(pool.address(), tournament);
  st.engines.emplace(tournament, engine_pool{pool, {}});
  return pool;
}

// Engine pools of tournaments with no game left here stop their engines.
void drop_idle_engines(worker_self* self) {
  auto& st = self->state;
  std::set<std::string> busy;
  for (const auto& [id, g] : st.games) {
    busy.insert(g.tournament);
  }
  for (auto it = st.engines.begin(); it != st.engines.end();) {
    if (busy.count(it->first) == 0 && st.engines.size() > st.settings.idle_engine_pools) {
      st.engines_by_actor.erase(it->second.actor.address());
      self->send_exit(it->second.actor, caf::exit_reason::user_shutdown);
      it = st.engines.erase(it);
    } else {
      ++it;
    }
  }
}

void end_game(worker_self* self, const std::string& game_id, wire::game_report report) {
  auto& st = self->state;
  auto it = st.games.find(game_id);
  if (it == st.games.end()) {
    return;
  }
  if (auto p = st.engines.find(it->second.tournament); p != st.engines.end()) {
    report.fault = p->second.fault;
  }
  it->second.promise.deliver(std::move(report));
  st.game_by_actor.erase(it->second.game.address());
  st.games.erase(it);
  drop_idle_engines(self);
}

// Stops a game here and answers its coordinator with why (it replays the
// game elsewhere, or ignores the answer when it asked for the stop).
void stop_game(worker_self* self, const std::string& game_id, const std::string& why) {
  auto& st = self->state;
  auto it = st.games.find(game_id);
  if (it == st.games.end()) {
    return;
  }
  it->second.stop->store(true);
  self->send_exit(it->second.game, caf::exit_reason::user_shutdown);
  end_game(self, game_id, wire::game_report{wire::protocol_version, game_id, it->second.index, {}, why, {}});
}

caf::result<wire::game_report> play(worker_self* self, wire::game_order& order) {
  auto& st = self->state;
  if (order.version != wire::protocol_version) {
    log(self, fmt::format("refused game {}: protocol version {} (this node speaks {})", order.game_id,
                          order.version, wire::protocol_version));
    return refusal(order, fmt::format("protocol version {} is not {}", order.version, wire::protocol_version));
  }
  if (st.games.size() >= st.settings.slots) {
    return refusal(order, fmt::format("busy: all {} game slots are in use", st.settings.slots));
  }
  if (order.game_id.empty() || st.games.count(order.game_id) > 0) {
    return refusal(order, "game id '" + order.game_id + "' is empty or already playing here");
  }
  auto cached = st.specs.find(order.tournament_id);
  if (cached == st.specs.end() || cached->second.first != order.spec_json) {
    auto parsed = local_spec(st.settings, order.spec_json);
    if (!parsed) {
      log(self, "refused game " + order.game_id + ": " + parsed.error().message);
      return refusal(order, parsed.error().message);
    }
    if (st.specs.size() >= 16) {
      st.specs.clear();  // bounded: a long-lived worker serves many tournaments
    }
    cached = st.specs.insert_or_assign(order.tournament_id, std::make_pair(order.spec_json, *parsed)).first;
  }
  const auto s = cached->second.second;
  const auto& spec = *s;
  const auto players = static_cast<std::int32_t>(spec.players.size());
  if (order.black < 0 || order.black >= players || order.white < 0 || order.white >= players) {
    return refusal(order, "player index out of range");
  }
  auto opening = schedule::parse_opening_line(order.opening, 0);
  if (!opening) {
    return refusal(order, "opening '" + order.opening + "': " + opening.error().message);
  }
  const auto a = wire::assignment_of(order);
  auto referee = st.settings.make_referee(rt::game_context{spec, a, *opening, order.game_id});
  if (!referee) {
    return refusal(order, referee.error().message);
  }
  auto pool = engines_for(self, order.tournament_id, s);
  auto black = make_player_source(spec.players[a.black], *st.no_policies, pool);
  auto white = make_player_source(spec.players[a.white], *st.no_policies, pool);
  if (!black || !white) {
    return refusal(order, !black ? black.error().message : white.error().message);
  }
  auto meta = game_meta_for(spec, a, order.tournament_id, order.game_id);
  auto sender = self->current_sender();
  auto coordinator = caf::actor_cast<caf::actor_addr>(sender);
  if (sender && st.coordinators.insert(coordinator).second) {
    self->monitor(caf::actor_cast<caf::actor>(sender));
  }
  auto stop = std::make_shared<std::atomic<bool>>(false);
  auto game = spawn_game(self, std::shared_ptr<rt::game_referee>(std::move(*referee)), std::move(meta),
                         std::move(*black), std::move(*white), stop);
  log(self, fmt::format("game {} started: {} vs {}", order.game_id, spec.players[a.black].name,
                        spec.players[a.white].name));
  auto rp = self->make_response_promise<wire::game_report>();
  st.game_by_actor.emplace(game.address(), order.game_id);
  st.games.emplace(order.game_id,
                   remote_game{std::move(game), std::move(stop), rp, order.tournament_id, coordinator, order.index});
  return rp;
}

// A game that crashed: its coordinator plays it elsewhere. Any other exit
// stops the node: every game here ends, answering its coordinator.
void on_exit(worker_self* self, caf::exit_msg& em) {
  auto& st = self->state;
  auto it = st.game_by_actor.find(em.source);
  if (it == st.game_by_actor.end()) {
    // The node is stopping (or a stray exit from a peer): end every game
    // here, answering their coordinators, then quit.
    if (!em.reason) {
      return;
    }
    std::vector<std::string> ids;
    for (const auto& [id, g] : st.games) {
      ids.push_back(id);
    }
    for (const auto& id : ids) {
      stop_game(self, id, "the worker is stopping");
    }
    for (auto& [id, pool] : st.engines) {
      self->send_exit(pool.actor, caf::exit_reason::user_shutdown);
    }
    st.engines.clear();
    self->quit(em.reason);
    return;
  }
  auto id = it->second;
  if (em.reason) {
    auto g = st.games.find(id);
    wire::game_report r;
    r.game_id = id;
    r.index = g != st.games.end() ? g->second.index : 0;
    r.error = "the game actor failed: " + self->system().render(em.reason);
    log(self, "game " + id + ": " + r.error);
    end_game(self, id, std::move(r));
  } else {
    st.game_by_actor.erase(it);
  }
}

// A coordinator that is gone: its games here stop.
void on_coordinator_down(worker_self* self, caf::down_msg& dm) {
  auto& st = self->state;
  if (st.coordinators.erase(dm.source) == 0) {
    return;
  }
  std::vector<std::string> orphans;
  for (const auto& [id, g] : st.games) {
    if (g.coordinator == dm.source) {
      orphans.push_back(id);
    }
  }
  log(self, fmt::format("coordinator gone ({}): stopping its {} game(s)", self->system().render(dm.reason),
                        orphans.size()));
  for (const auto& id : orphans) {
    stop_game(self, id, "coordinator gone");
  }
}

// The answer to a coordinator's hello: this node's slots, or why not.
wire::welcome welcome(worker_self* self, const wire::hello& h) {
  auto& st = self->state;
  wire::welcome w;
  w.slots = static_cast<std::uint32_t>(st.settings.slots);
  w.node = st.settings.node_name;
  if (h.version != wire::protocol_version) {
    w.error = fmt::format("protocol version {} is not this node's {}", h.version, wire::protocol_version);
    log(self, "refused coordinator '" + h.node + "': " + w.error);
  } else {
    log(self, "coordinator connected: " + h.node);
  }
  return w;
}

caf::behavior worker_behavior(worker_self* self, worker_settings settings) {
  auto& st = self->state;
  st.settings = std::move(settings);
  if (!st.settings.make_referee) {
    st.settings.make_referee = default_referee_factory();
  }
  self->set_exception_handler(exception_reason);
  self->set_exit_handler([self](caf::exit_msg& em) { on_exit(self, em); });
  self->set_down_handler([self](caf::down_msg& dm) { on_coordinator_down(self, dm); });
  // Anything else from a peer: logged and dropped; a request gets an error.
  self->set_default_handler([self](caf::scheduled_actor*, caf::message_view& x) -> caf::result<caf::message> {
    auto from = self->current_sender();
    log(self, fmt::format("dropped an unexpected message {} from {}", caf::to_string(x.content()),
                          from ? caf::to_string(from->node()) : std::string("an unknown sender")));
    return caf::sec::unexpected_message;
  });
  return {
      [self](atom::hello, wire::hello& h) { return welcome(self, h); },
      [self](atom::play, wire::game_order& order) { return play(self, order); },
      [self](atom::stop, const std::string& game_id) { stop_game(self, game_id, "stopped"); },
      // --- from this node's games and engine pools ------------------------------
      [self](atom::done, rt::finished_game& g) {
        log(self, fmt::format("game {} finished: {} ({})", g.game_id, game::to_string(g.result), g.reason));
        wire::game_report r;
        r.game_id = g.game_id;
        r.index = g.index;
        r.line = rt::to_json_line(g);
        end_game(self, g.game_id, std::move(r));
      },
      [self](atom::fault, const std::string& reason) {
        auto& st = self->state;
        auto it = st.engines_by_actor.find(caf::actor_cast<caf::actor_addr>(self->current_sender()));
        if (it == st.engines_by_actor.end()) {
          return;
        }
        log(self, "engine fault: " + reason);
        st.engines[it->second].fault = reason;
      },
  };
}

}  // namespace

worker_node_actor spawn_worker_node(caf::actor_system& sys, worker_settings settings) {
  return sys.spawn(worker_behavior, std::move(settings));
}

}  // namespace tourney::detail
