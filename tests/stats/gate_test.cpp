// Verdicts for harnesses. The Elo intervals behind them are those of
// elo_test.cpp (fastchess's formulas); the cases here are far from the
// boundaries, so the verdicts follow from the counts alone.
#include "tourney/stats/gate.hpp"

#include <boost/test/unit_test.hpp>

using namespace tourney::stats;

namespace {

const std::vector<std::string> names{"new", "old", "third"};

pairing_summary pair_of(int first, int second, wdl_counts wdl) {
  pairing_summary p;
  p.first = first;
  p.second = second;
  p.wdl = wdl;
  return p;
}

gate_verdict verdict_of(const std::vector<pairing_summary>& pairs, const char* condition) {
  auto c = parse_condition(condition);
  BOOST_REQUIRE_MESSAGE(c.has_value(), condition);
  auto d = decide_gate(names, pairs, {*c});
  BOOST_REQUIRE_MESSAGE(d.has_value(), condition);
  return d->verdict;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stats_gate)

BOOST_AUTO_TEST_CASE(conditions_parse) {
  auto c = parse_condition(" elo(ckpt 7 vs old) >= -5.5 ");
  BOOST_REQUIRE(c.has_value());
  BOOST_TEST((c->what == gate_condition::metric::elo));
  BOOST_TEST(c->player == "ckpt 7");
  BOOST_TEST(c->opponent == "old");
  BOOST_TEST(c->greater);
  BOOST_TEST(c->or_equal);
  BOOST_TEST(c->value == -5.5);
  auto l = parse_condition("los(new) > 95%");
  BOOST_REQUIRE(l.has_value());
  BOOST_TEST((l->what == gate_condition::metric::los));
  BOOST_TEST(l->opponent.empty());
  BOOST_TEST(l->value == 0.95);
  for (const char* bad : {"elo(new) = 3", "score(new) > 1", "elo(new > 3", "elo() > 1",
                          "los(new) > 1.5", "elo(new) > 5%", "elo(new vs ) > 1", "elo(new) > x"}) {
    auto e = parse_condition(bad);
    BOOST_TEST(!e.has_value(), bad);
    if (!e) {
      BOOST_TEST(e.error().message.find(bad) != std::string::npos);
      BOOST_TEST(e.error().message.find("expected elo(A) > X") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(elo_lower_bound_decides_three_ways) {
  // 70 W 20 L 10 D: score 0.75, clearly above 0 and clearly below 400.
  const std::vector<pairing_summary> strong{pair_of(0, 1, {70, 20, 10})};
  BOOST_TEST((verdict_of(strong, "elo(new) > 0") == gate_verdict::pass));
  BOOST_TEST((verdict_of(strong, "elo(new vs old) > 400") == gate_verdict::fail));
  BOOST_TEST((verdict_of(strong, "elo(new) > 190") == gate_verdict::no_verdict));  // inside
  // From the second player's side the same pairing is mirrored.
  BOOST_TEST((verdict_of(strong, "elo(old vs new) < 0") == gate_verdict::pass));
  BOOST_TEST((verdict_of(strong, "elo(old) > 0") == gate_verdict::fail));
  // Even results: undecided either way.
  const std::vector<pairing_summary> even{pair_of(0, 1, {10, 10, 5})};
  BOOST_TEST((verdict_of(even, "elo(new) > 0") == gate_verdict::no_verdict));
  // Every game won: no interval, no verdict (never a pass on 4 games).
  const std::vector<pairing_summary> sweep{pair_of(0, 1, {4, 0, 0})};
  BOOST_TEST((verdict_of(sweep, "elo(new) > 0") == gate_verdict::no_verdict));
}

BOOST_AUTO_TEST_CASE(los_decides_at_the_level_given) {
  const std::vector<pairing_summary> strong{pair_of(0, 1, {70, 20, 10})};
  BOOST_TEST((verdict_of(strong, "los(new) > 0.95") == gate_verdict::pass));
  BOOST_TEST((verdict_of(strong, "los(old) > 95%") == gate_verdict::fail));
  const std::vector<pairing_summary> even{pair_of(0, 1, {10, 10, 5})};
  BOOST_TEST((verdict_of(even, "los(new) > 0.95") == gate_verdict::no_verdict));
}

BOOST_AUTO_TEST_CASE(sprt_and_conditions_fold_into_one_verdict) {
  auto sprt_pair = [](sprt_result r) {
    auto p = pair_of(0, 1, {70, 20, 10});
    p.sprt = sprt_status{2.0, -2.94, 2.94, r};
    return std::vector<pairing_summary>{p};
  };
  auto decide = [&](sprt_result r, std::vector<gate_condition> c) {
    auto d = decide_gate(names, sprt_pair(r), c);
    BOOST_REQUIRE(d.has_value());
    return d->verdict;
  };
  BOOST_TEST((decide(sprt_result::accept_h1, {}) == gate_verdict::pass));
  BOOST_TEST((decide(sprt_result::accept_h0, {}) == gate_verdict::fail));
  BOOST_TEST((decide(sprt_result::continue_testing, {}) == gate_verdict::no_verdict));
  const auto holds = *parse_condition("elo(new) > 0");
  const auto fails = *parse_condition("elo(new) > 400");
  BOOST_TEST((decide(sprt_result::accept_h1, {holds, fails}) == gate_verdict::fail));
  BOOST_TEST((decide(sprt_result::continue_testing, {holds}) == gate_verdict::no_verdict));
  auto d = decide_gate(names, sprt_pair(sprt_result::accept_h1), {holds});
  BOOST_REQUIRE(d.has_value());
  auto j = gate_to_json(*d);
  BOOST_TEST(j["verdict"] == "pass");
  BOOST_TEST(j["sprt"]["result"] == "H1");
  BOOST_TEST(j["conditions"][0]["condition"] == "elo(new) > 0");
  BOOST_TEST(j["conditions"][0]["lower95"].get<double>() > 0.0);
  BOOST_TEST(j["conditions"][0]["games"].get<int>() == 100);
}

BOOST_AUTO_TEST_CASE(unknown_players_and_ambiguous_opponents_are_errors) {
  const std::vector<std::pair<int, int>> gauntlet{{0, 1}, {0, 2}};
  auto check = [&](const char* text) {
    return check_condition(*parse_condition(text), names, gauntlet);
  };
  BOOST_TEST(check("elo(old) > 0").has_value());  // old plays only new
  BOOST_TEST(check("elo(new) > 0").error().message.find("plays 2 opponents") != std::string::npos);
  BOOST_TEST(check("elo(nobody) > 0").error().message.find("no player named 'nobody'") !=
             std::string::npos);
  BOOST_TEST(check("elo(old vs third) > 0").error().message.find("do not play each other") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_rule_that_decided_is_named) {
  auto decide = [&](std::optional<sprt_result> r, std::vector<const char*> texts) {
    auto p = pair_of(0, 1, {70, 20, 10});
    if (r) {
      p.sprt = sprt_status{1.0, -2.94, 2.94, *r};
    }
    auto conditions = parse_conditions(std::vector<std::string>(texts.begin(), texts.end()));
    BOOST_REQUIRE(conditions.has_value());
    auto d = decide_gate(names, {p}, *conditions);
    BOOST_REQUIRE(d.has_value());
    return std::make_pair(d->verdict, d->decided_by);
  };
  using v = gate_verdict;
  using r = gate_rule;
  BOOST_TEST((decide(sprt_result::accept_h1, {}) == std::make_pair(v::pass, r::sprt)));
  BOOST_TEST((decide(sprt_result::accept_h0, {"elo(new) > 0"}) == std::make_pair(v::fail, r::sprt)));
  BOOST_TEST((decide(sprt_result::accept_h1, {"elo(new) > 400"}) == std::make_pair(v::fail, r::conditions)));
  BOOST_TEST((decide(sprt_result::accept_h1, {"elo(new) > 0"}) == std::make_pair(v::pass, r::sprt_and_conditions)));
  BOOST_TEST((decide(sprt_result::continue_testing, {"elo(new) > 0"}) == std::make_pair(v::no_verdict, r::sprt)));
  BOOST_TEST((decide(sprt_result::accept_h1, {"elo(new) > 190"}) == std::make_pair(v::no_verdict, r::conditions)));
  BOOST_TEST((decide(std::nullopt, {"elo(new) > 0"}) == std::make_pair(v::pass, r::conditions)));
  // No SPRT and no condition: nothing decides, and saying "pass" would be a lie.
  auto none = decide_gate(names, {pair_of(0, 1, {70, 20, 10})}, {});
  BOOST_REQUIRE(!none.has_value());
  BOOST_TEST(none.error().message.find("nothing to decide") != std::string::npos);
  // The numbers behind a condition: its threshold and the interval.
  auto d = decide_gate(names, {pair_of(0, 1, {70, 20, 10})}, {*parse_condition("elo(new) > 0")});
  BOOST_REQUIRE(d.has_value());
  BOOST_TEST(d->conditions[0].threshold == 0.0);
  BOOST_TEST(*d->conditions[0].elo > *d->conditions[0].lower95);
  BOOST_TEST(describe(*d).find("pass (conditions): elo(new) > 0: pass (Elo ") == 0u, describe(*d));
  auto j = gate_to_json(*d);
  BOOST_TEST(j["decided_by"] == "conditions");
  BOOST_TEST(j["conditions"][0]["threshold"] == 0.0);
}

BOOST_AUTO_TEST_CASE(a_bad_condition_in_a_list_is_named) {
  auto e = parse_conditions({"elo(new) > 0", "los(new) > 2", "elo(x) > 1"});
  BOOST_REQUIRE(!e.has_value());
  BOOST_TEST(e.error().message.find("condition 'los(new) > 2'") != std::string::npos, e.error().message);
  BOOST_TEST(parse_conditions({}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
