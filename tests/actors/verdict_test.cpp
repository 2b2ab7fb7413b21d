// runtime::verdict, the embedding API's verdict: the same as `tourney run
// --gate` gives (exit code, last JSON line) on the same folder; `--require`
// conditions measured against numbers computed here from the journal; a bad
// condition is an error naming it. Built-in players: alphabeta depth 2 beats
// the random player in practically every game, so the SPRT's direction is
// known in advance.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/process_runner.hpp"
#include "support/tourney_cli.hpp"
#include "support/temp_dir.hpp"
#include "tourney/runtime.hpp"
#include "tourney/spec/config.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using tourney::test::run_process;
using tourney::test::tourney_cli;
using tourney::test::temp_dir;

namespace {

std::string write_config(const temp_dir& dir, const std::string& file, const std::string& text) {
  auto path = (fs::path(dir.path()) / file).string();
  std::ofstream(path) << text;
  return path;
}

std::string sprt_config(const temp_dir& dir, bool strong_first) {
  const std::string strong = R"({"name": "strong", "builtin": "alphabeta", "depth": 2})";
  const std::string weak = R"({"name": "random", "builtin": "random"})";
  return write_config(dir, strong_first ? "strong.json" : "weak.json",
                      R"({"name": "gate", "format": "gauntlet", "players": [)" +
                          (strong_first ? strong + ", " + weak : weak + ", " + strong) +
                          R"(], "games_per_pairing": 40, "seed": 5, "adjudication": {"max_plies": 200},
      "sprt": {"elo0": 0, "elo1": 200, "alpha": 0.2, "beta": 0.2, "model": "logistic"}})");
}

tourney::runtime_options options_in(const temp_dir& dir) {
  tourney::runtime_options o;
  o.storage_dir = dir.path() + "/api";
  o.game_slots = 2;
  o.on_warning = [](const std::string&) {};
  return o;
}

nlohmann::json last_json_line(const std::string& out) {
  std::istringstream lines(out);
  std::string line;
  nlohmann::json last;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] == '{') {
      last = nlohmann::json::parse(line);
    }
  }
  return last;
}

// A's results against B from the journal, computed here: game pairs are the
// schedule's consecutive indices (2k, 2k+1), which play one opening with the
// colours swapped (checked).
struct measured {
  int wins = 0, losses = 0, draws = 0;
  std::vector<double> pair_scores;  // per game, A's view
};

measured measure(const std::string& folder, const std::string& a) {
  measured m;
  std::ifstream in(folder + "/games.jsonl");
  std::map<long, std::vector<nlohmann::json>> by_pair;
  std::string line;
  while (std::getline(in, line)) {
    auto g = nlohmann::json::parse(line);
    const std::string result = g["result"];
    const bool a_black = g["black"] == a;
    const double s = result == "draw" ? 0.5 : ((result == "black_win") == a_black ? 1.0 : 0.0);
    (s == 1.0 ? m.wins : (s == 0.0 ? m.losses : m.draws)) += 1;
    by_pair[g["index"].get<long>() / 2].push_back(g);
  }
  for (const auto& [k, games] : by_pair) {
    BOOST_REQUIRE_EQUAL(games.size(), 2u);
    BOOST_TEST(games[0]["black"] == games[1]["white"]);
    BOOST_TEST(games[0]["start_sfen"] == games[1]["start_sfen"]);
    double total = 0;
    for (const auto& g : games) {
      const std::string result = g["result"];
      total += result == "draw" ? 0.5 : ((result == "black_win") == (g["black"] == a) ? 1.0 : 0.0);
    }
    m.pair_scores.push_back(total / 2.0);
  }
  return m;
}

std::string fmt_like(const std::string& prefix, double value) {
  std::ostringstream s;
  s.precision(17);
  s << prefix << value;
  return s.str();
}

double elo_of(double score) {
  return -400.0 * std::log10(1.0 / score - 1.0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(actors_verdict)

BOOST_AUTO_TEST_CASE(the_api_and_tourney_run_gate_agree_on_an_sprt_run) {
  temp_dir dir;
  for (bool strong_first : {true, false}) {
    const auto path = sprt_config(dir, strong_first);
    auto config = tourney::spec::load_config(path);
    BOOST_REQUIRE_MESSAGE(config.has_value(), (config ? std::string() : config.error().message));
    std::string folder;
    tourney::gate_decision from_api;
    {
      tourney::runtime rt(options_in(dir));
      auto id = rt.start(config->tournament);
      BOOST_REQUIRE(id.has_value());
      auto final = rt.wait(*id, 5min);
      BOOST_REQUIRE(final.has_value());
      folder = final->folder;
      auto v = rt.verdict(*id);
      BOOST_REQUIRE_MESSAGE(v.has_value(), (v ? std::string() : v.error().message));
      from_api = *v;
      rt.shutdown();
    }
    // The app's verdict on the same folder (nothing is left to play).
    auto r = tourney_cli({"run", "--resume", folder, "--progress", "json", "--gate"});
    const int expected_code = strong_first ? 10 : 11;
    BOOST_TEST(r.exit_code == expected_code, r.err);
    auto line = last_json_line(r.out);
    BOOST_TEST(line["event"] == "verdict");
    BOOST_TEST(line["verdict"] == tourney::stats::to_string(from_api.verdict));
    BOOST_TEST(line["decided_by"] == "sprt");
    BOOST_TEST((from_api.verdict == (strong_first ? tourney::gate_verdict::pass : tourney::gate_verdict::fail)));
    BOOST_TEST((from_api.decided_by == tourney::stats::gate_rule::sprt));
    BOOST_REQUIRE(from_api.sprt.has_value());
    BOOST_TEST(line["sprt"]["llr"].get<double>() == from_api.sprt->llr);
    BOOST_TEST(line["sprt"]["lower"].get<double>() == from_api.sprt->lower);
    BOOST_TEST(line["sprt"]["upper"].get<double>() == from_api.sprt->upper);
    // The bounds are Wald's: log(beta / (1 - alpha)) and log((1 - beta) / alpha).
    BOOST_TEST(from_api.sprt->lower == std::log(0.2 / 0.8), boost::test_tools::tolerance(1e-12));
    BOOST_TEST(from_api.sprt->upper == std::log(0.8 / 0.2), boost::test_tools::tolerance(1e-12));
    if (strong_first) {
      BOOST_TEST(from_api.sprt->llr >= from_api.sprt->upper);
    } else {
      BOOST_TEST(from_api.sprt->llr <= from_api.sprt->lower);
    }
  }
}

BOOST_AUTO_TEST_CASE(require_conditions_are_measured_as_computed_here) {
  temp_dir dir;
  // Two heuristic players with their own seeds: mixed results (wins both ways, draws at 400 plies).
  const auto path = write_config(dir, "fixed.json", R"({"name": "fixed", "format": "gauntlet", "players": [
      {"name": "a", "builtin": "heuristic", "seed": 1}, {"name": "b", "builtin": "heuristic", "seed": 2}],
      "games_per_pairing": 24, "seed": 9, "adjudication": {"max_plies": 400}})");
  auto config = tourney::spec::load_config(path);
  BOOST_REQUIRE(config.has_value());
  tourney::runtime rt(options_in(dir));
  auto id = rt.start(config->tournament);
  BOOST_REQUIRE(id.has_value());
  auto final = rt.wait(*id, 5min);
  BOOST_REQUIRE(final.has_value());

  auto m = measure(final->folder, "a");
  const double n = static_cast<double>(m.pair_scores.size());
  double mean = 0;
  for (double s : m.pair_scores) {
    mean += s / n;
  }
  double var = 0;
  for (double s : m.pair_scores) {
    var += (s - mean) * (s - mean) / n;
  }
  BOOST_REQUIRE_MESSAGE(var > 0 && mean > 0 && mean < 1, "the games must be mixed for an interval: " << m.wins << "-" << m.losses << "-" << m.draws << " over " << n << " pairs in " << final->folder);
  const double se = std::sqrt(var / n);
  const double z = 1.959963984540054;  // the normal distribution's 97.5% quantile
  const double lower = elo_of(mean - z * se);
  const double upper = elo_of(mean + z * se);
  const double los = 0.5 * std::erfc(-((mean - 0.5) / se) / std::sqrt(2.0));

  // Thresholds placed around the interval computed here: below it, inside, above it.
  const double mid = (lower + upper) / 2.0;
  auto conditions = tourney::stats::parse_conditions(
      {fmt_like("elo(a vs b) > ", lower - 5), fmt_like("elo(a) > ", mid), fmt_like("elo(a) > ", upper + 5),
       fmt_like("elo(b vs a) < ", -lower + 5), "los(a) > 0.999999"});
  BOOST_REQUIRE(conditions.has_value());
  auto v = rt.verdict(*id, *conditions);
  BOOST_REQUIRE_MESSAGE(v.has_value(), (v ? std::string() : v.error().message));
  BOOST_REQUIRE_EQUAL(v->conditions.size(), 5u);
  const auto& c0 = v->conditions[0];
  BOOST_TEST(c0.games == static_cast<std::uint64_t>(m.wins + m.losses + m.draws));
  BOOST_TEST(c0.games == 24u);
  BOOST_TEST(*c0.lower95 == lower, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(*c0.upper95 == upper, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(*c0.elo == elo_of(mean), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(*c0.los == los, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(c0.threshold == lower - 5, boost::test_tools::tolerance(1e-9));
  BOOST_TEST((c0.verdict == tourney::gate_verdict::pass));
  BOOST_TEST((v->conditions[1].verdict == tourney::gate_verdict::no_verdict));
  BOOST_TEST((v->conditions[2].verdict == tourney::gate_verdict::fail));
  // From b's side: the mirrored interval.
  BOOST_TEST(*v->conditions[3].upper95 == -lower, boost::test_tools::tolerance(1e-9));
  BOOST_TEST((v->conditions[3].verdict == tourney::gate_verdict::pass));
  const auto los_verdict = los > 0.999999 ? tourney::gate_verdict::pass
                                          : (los < 0.000001 ? tourney::gate_verdict::fail : tourney::gate_verdict::no_verdict);
  BOOST_TEST((v->conditions[4].verdict == los_verdict));
  // One failed condition fails the gate; no SPRT: the conditions decided.
  BOOST_TEST((v->verdict == tourney::gate_verdict::fail));
  BOOST_TEST((v->decided_by == tourney::stats::gate_rule::conditions));
  // Only the ones that hold: pass.
  auto holding = tourney::stats::parse_conditions({fmt_like("elo(a vs b) > ", lower - 5)});
  BOOST_REQUIRE(holding.has_value());
  auto p = rt.verdict(*id, *holding);
  BOOST_REQUIRE(p.has_value());
  BOOST_TEST((p->verdict == tourney::gate_verdict::pass));
  rt.shutdown();
}

BOOST_AUTO_TEST_CASE(bad_conditions_and_ids_are_named_errors) {
  auto bad = tourney::stats::parse_conditions({"elo(a) > 0", "elo(a) = 3"});
  BOOST_REQUIRE(!bad.has_value());
  BOOST_TEST(bad.error().message.find("'elo(a) = 3'") != std::string::npos, bad.error().message);
  BOOST_TEST(bad.error().message.find("no comparison") != std::string::npos, bad.error().message);

  temp_dir dir;
  tourney::runtime rt(options_in(dir));
  auto unknown = rt.verdict("no-such-id");
  BOOST_REQUIRE(!unknown.has_value());
  BOOST_TEST(unknown.error().message.find("no-such-id") != std::string::npos);

  const auto path = write_config(dir, "two.json", R"({"name": "two", "players": [
      {"name": "a", "builtin": "random"}, {"name": "b", "builtin": "heuristic"}], "games_per_pairing": 2})");
  auto config = tourney::spec::load_config(path);
  BOOST_REQUIRE(config.has_value());
  auto id = rt.start(config->tournament);
  BOOST_REQUIRE(id.has_value());
  BOOST_REQUIRE(rt.wait(*id, 5min).has_value());
  auto nobody = tourney::stats::parse_conditions({"elo(nobody) > 0"});
  BOOST_REQUIRE(nobody.has_value());
  auto named = rt.verdict(*id, *nobody);
  BOOST_REQUIRE(!named.has_value());
  BOOST_TEST(named.error().message.find("no player named 'nobody'") != std::string::npos, named.error().message);
  // No SPRT and no condition: nothing decides.
  auto nothing = rt.verdict(*id);
  BOOST_REQUIRE(!nothing.has_value());
  BOOST_TEST(nothing.error().message.find("nothing to decide") != std::string::npos);
  rt.shutdown();
}

BOOST_AUTO_TEST_SUITE_END()
