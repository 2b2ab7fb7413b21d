// Property tests (RapidCheck) for the USI layer: `go` commands honour the
// engine's accepted tokens and the USI grammar for any limits; any engine
// output, cut anywhere, leaves the session sane (never a malformed move
// reported, never an exception).
#include <rapidcheck.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>
#include <sstream>

#include "tourney/usi/engine_session.hpp"
#include "tourney/usi/line_splitter.hpp"
#include "tourney/usi/protocol.hpp"

using namespace tourney::usi;
using namespace std::chrono_literals;

namespace {

const std::vector<std::string> all_tokens{"btime", "wtime", "byoyomi", "binc",
                                          "winc",  "nodes", "depth",   "movetime"};

tourney::players::search_limits random_limits() {
  using ms = std::chrono::milliseconds;
  auto maybe_time = [] {
    return *rc::gen::oneOf(rc::gen::just<long>(0), rc::gen::inRange<long>(1, 100000));
  };
  tourney::players::search_limits limits;
  limits.black_time = ms(maybe_time());
  limits.white_time = ms(maybe_time());
  limits.byoyomi = ms(maybe_time());
  limits.black_increment = ms(maybe_time());
  limits.white_increment = ms(maybe_time());
  if (*rc::gen::arbitrary<bool>()) {
    limits.nodes = *rc::gen::inRange<std::uint64_t>(1, 10000000);
  }
  if (*rc::gen::arbitrary<bool>()) {
    limits.depth = *rc::gen::inRange(1, 64);
  }
  if (*rc::gen::arbitrary<bool>()) {
    limits.movetime = ms(*rc::gen::inRange<long>(1, 100000));
  }
  return limits;
}

void go_respects_the_profile() {
  auto limits = random_limits();
  auto accepted = *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(all_tokens));
  auto fallback = std::chrono::milliseconds(*rc::gen::inRange<long>(1, 10000));
  auto command = go_command(limits, accepted, fallback);

  std::istringstream in(command);
  std::string head;
  in >> head;
  RC_ASSERT(head == "go");
  std::map<std::string, long long> sent;
  std::string name;
  while (in >> name) {
    long long value = -1;
    RC_ASSERT(static_cast<bool>(in >> value));  // every token has a number
    RC_ASSERT(value >= 0);
    RC_ASSERT(std::find(accepted.begin(), accepted.end(), name) != accepted.end());
    RC_ASSERT(sent.count(name) == 0u);  // no token twice
    sent[name] = value;
  }
  RC_ASSERT(sent.count("btime") == sent.count("wtime"));  // USI: both or neither
  RC_ASSERT(sent.count("binc") == sent.count("winc"));
  if (sent.count("binc") != 0) {
    RC_ASSERT(sent.count("btime") == 1u);
  }
  if (sent.count("nodes") != 0) {
    RC_ASSERT(limits.nodes && sent["nodes"] == static_cast<long long>(*limits.nodes));
  }
  if (sent.count("depth") != 0) {
    RC_ASSERT(limits.depth && sent["depth"] == *limits.depth);
  }
  // Whenever the engine can take a byoyomi, the command ends the search by itself.
  auto accepts = [&](const char* t) {
    return std::find(accepted.begin(), accepted.end(), t) != accepted.end();
  };
  if (accepts("btime") && accepts("wtime") && accepts("byoyomi")) {
    bool stops = sent.count("nodes") || sent.count("depth") || sent.count("movetime") ||
                 sent["byoyomi"] > 0 || sent["btime"] > 0 || sent["wtime"] > 0 ||
                 sent["binc"] > 0 || sent["winc"] > 0;
    RC_ASSERT(stops);
  }
}

void any_output_leaves_the_session_sane() {
  session_config config;
  config.name = "fuzzed";
  config.command = "fuzzed";
  engine_session session(config);
  (void)session.start();
  // Engine output: protocol-like words and junk, cut into random chunks.
  const std::vector<std::string> words{"usiok",  "readyok", "bestmove",
                                       "info",   "score",   "cp",
                                       "mate",   "pv",      "depth",
                                       "nodes",  "string",  "7g7f",
                                       "B*5e",   "B@5e",    "8h2b+",
                                       "resign", "win",     "ponder",
                                       "-3",     "+",       "\r",
                                       "\n",     "\n",      " ",
                                       "\t",     "\x01",    "99999999999999999999"};
  auto pieces = *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(words));
  std::string stream;
  for (const auto& piece : pieces) {
    stream += piece;
    stream += *rc::gen::elementOf(std::vector<std::string>{" ", "\n", ""});
  }
  line_splitter splitter;
  std::size_t at = 0;
  bool thinking_started = false;
  while (at < stream.size()) {
    auto chunk = *rc::gen::inRange<std::size_t>(1, 16);
    auto lines = splitter.feed(std::string_view(stream).substr(at, chunk));
    at += chunk;
    for (const auto& line : lines) {
      for (const auto& action : session.on_line(line)) {
        if (const auto* decided = std::get_if<engine_decided>(&action)) {
          if (decided->decision.what == bestmove_line::kind::move) {
            RC_ASSERT(is_usi_move(decided->decision.move));
            RC_ASSERT(decided->decision.move.find('@') == std::string::npos);
          }
        }
      }
      if (session.current_phase() == engine_session::phase::idle && !thinking_started) {
        thinking_started = true;
        tourney::players::search_limits limits;
        limits.nodes = 1;
        RC_ASSERT(session.go("", {}, limits, 1000ms).has_value());
      }
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(usi_property)

BOOST_AUTO_TEST_CASE(go_command_respects_the_profile_and_the_grammar) {
  BOOST_TEST(rc::check("go command for random limits and token sets", go_respects_the_profile));
}

BOOST_AUTO_TEST_CASE(random_engine_output_leaves_the_session_sane) {
  BOOST_TEST(
      rc::check("random engine output through the session", any_output_leaves_the_session_sane));
}

BOOST_AUTO_TEST_SUITE_END()
