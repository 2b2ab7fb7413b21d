#pragma once
// Messages that cross nodes (coordinator <-> worker). Every one is registered
// in the type-ID block with an inspect() so CAF serialises it, and carries the
// protocol version: CAF's handshake already refuses a node whose application
// identifier (which names this version) differs, and a node answers a hello
// of another version with an error instead of misreading its messages.
//
// Specs, openings and finished games travel as the JSON the files use, so a
// change there does not change the wire format.
//
// Protocol (worker node actor, published):
//   (hello, hello) -> welcome                      version check, slot count
//   (play, game_order) -> game_report               plays one game on the worker
//   (stop, string game_id)                          stops a game (cancel, failure)
#include <cstdint>
#include <string>

#include "caf/meta/type_name.hpp"

#include "tourney/schedule/schedule.hpp"

namespace tourney::wire {

/// Bumped whenever a message below changes.
inline constexpr std::uint32_t protocol_version = 1;

/// CAF's middleman.app-identifiers: nodes of other versions fail the handshake.
inline constexpr const char* app_identifier = "tourney-wire-1";

struct hello {
  std::uint32_t version = protocol_version;
  std::string node;  // the coordinator's description of itself (for logs)
};

struct welcome {
  std::uint32_t version = protocol_version;
  std::uint32_t slots = 0;
  std::string node;   // how the worker names itself (host name, pid)
  std::string error;  // "" = accepted
};

struct game_order {
  std::uint32_t version = protocol_version;
  std::string tournament_id;
  std::string game_id;
  std::uint64_t index = 0;
  std::int32_t round = 0;
  std::int32_t black = 0;  // player indices in the spec
  std::int32_t white = 1;
  std::uint64_t seed = 0;
  std::uint64_t pair = 0;
  std::uint64_t pairing = 0;
  std::string spec_json;  // the tournament spec (spec_to_json)
  std::string opening;    // the opening as a USI position argument
};

struct game_report {
  std::uint32_t version = protocol_version;
  std::string game_id;
  std::uint64_t index = 0;
  std::string line;   // the games.jsonl line ("" when the game could not be played)
  std::string error;  // why the worker could not play it (the coordinator replays it elsewhere)
  std::string fault;  // an engine fault that fails the tournament (as locally)
};

/// An order with a scheduled game's fields (the caller adds ids, spec and opening).
inline game_order order_for(const schedule::game_assignment& a) {
  game_order o;
  o.index = a.index;
  o.round = a.round;
  o.black = a.black;
  o.white = a.white;
  o.seed = a.seed;
  o.pair = a.pair;
  o.pairing = a.pairing;
  return o;
}

/// The scheduled game an order describes (its opening travels as text).
inline schedule::game_assignment assignment_of(const game_order& o) {
  schedule::game_assignment a;
  a.index = o.index;
  a.round = o.round;
  a.black = o.black;
  a.white = o.white;
  a.seed = o.seed;
  a.pair = o.pair;
  a.pairing = o.pairing;
  a.opening = 0;
  return a;
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, hello& x) {
  return f(caf::meta::type_name("tourney::wire::hello"), x.version, x.node);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, welcome& x) {
  return f(caf::meta::type_name("tourney::wire::welcome"), x.version, x.slots, x.node, x.error);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, game_order& x) {
  return f(caf::meta::type_name("tourney::wire::game_order"), x.version, x.tournament_id, x.game_id, x.index,
           x.round, x.black, x.white, x.seed, x.pair, x.pairing, x.spec_json, x.opening);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, game_report& x) {
  return f(caf::meta::type_name("tourney::wire::game_report"), x.version, x.game_id, x.index, x.line, x.error,
           x.fault);
}

}  // namespace tourney::wire
