#include "tourney/stats/report.hpp"

#include <boost/test/unit_test.hpp>

using namespace tourney;
using namespace tourney::stats;

namespace {
const std::vector<std::string> names{"agent", "random", "heuristic"};
}

BOOST_AUTO_TEST_SUITE(stats_report)

BOOST_AUTO_TEST_CASE(pair_entry_has_the_stable_fields) {
  pairing_summary p;
  p.first = 0;
  p.second = 1;
  p.wdl = {136, 96, 111};
  p.pentanomial = {{34, 54, 63, 64, 75}};
  spec::sprt_spec design;
  p.sprt_settings = design;
  p.sprt = sprt_status{1.5, -2.94, 2.94, sprt_result::continue_testing};
  auto j = pair_to_json(names, p);
  BOOST_TEST(j["players"][0].get<std::string>() == "agent");
  BOOST_TEST(j["players"][1].get<std::string>() == "random");
  BOOST_TEST(j["wins"].get<int>() == 136);
  BOOST_TEST(j["losses"].get<int>() == 96);
  BOOST_TEST(j["draws"].get<int>() == 111);
  // fastchess "EloWDL 2": 40.70 +/- 30.43, LOS 99.60 %.
  BOOST_TEST(std::abs(j["elo"].get<double>() - 40.70) < 0.005);
  BOOST_TEST(std::abs(j["elo_error95"].get<double>() - 30.43) < 0.005);
  BOOST_TEST(std::abs(j["los"].get<double>() - 0.9960) < 0.00005);
  BOOST_TEST(j["pentanomial"].size() == 5u);
  BOOST_TEST(j["pentanomial"][4].get<int>() == 75);
  BOOST_TEST(j["sprt"]["result"].get<std::string>() == "continue");
  BOOST_TEST(j["sprt"]["llr"].get<double>() == 1.5);
  BOOST_TEST(j["sprt"]["lower"].get<double>() == -2.94);
  BOOST_TEST(j["sprt"]["upper"].get<double>() == 2.94);
  // fastchess "EloPentanomial 1": 55.58 +/- 27.65.
  BOOST_TEST(std::abs(j["pentanomial_elo"]["elo"].get<double>() - 55.58) < 0.005);
  auto back = pair_from_json(names, j);
  BOOST_REQUIRE(back.has_value());
  BOOST_TEST((back->wdl == p.wdl));
  BOOST_TEST((back->pentanomial == p.pentanomial));
  BOOST_REQUIRE(back->sprt.has_value());
  BOOST_TEST((back->sprt->result == sprt_result::continue_testing));
  BOOST_TEST(back->sprt_settings.has_value());
}

BOOST_AUTO_TEST_CASE(degenerate_pairs_serialize_nulls_not_nan) {
  pairing_summary none;  // zero games
  pairing_summary sweep;
  sweep.first = 2;
  sweep.second = 1;
  sweep.wdl = {6, 0, 0};
  sweep.pentanomial = {{0, 0, 0, 0, 3}};
  for (const auto& p : {none, sweep}) {
    auto j = pair_to_json(names, p);
    BOOST_TEST(j["elo"].is_null());
    BOOST_TEST(j["elo_error95"].is_null());
    BOOST_TEST(j["elo_bounded"].get<bool>() == false);
    BOOST_TEST(j.dump().find("NaN") == std::string::npos);
    BOOST_TEST(j.dump().find("nan") == std::string::npos);
    BOOST_TEST(!j.contains("sprt"));
  }
  auto zero = pair_to_json(names, none);
  BOOST_TEST(zero["los"].is_null());
  BOOST_TEST(zero["score"].is_null());
  BOOST_TEST(pair_to_json(names, sweep)["los"].get<double>() == 1.0);
}

BOOST_AUTO_TEST_CASE(bad_entries_are_errors_naming_the_field) {
  auto j = pair_to_json(names, pairing_summary{});
  auto unknown = j;
  unknown["players"][0] = "nobody";
  auto e1 = pair_from_json(names, unknown);
  BOOST_REQUIRE(!e1.has_value());
  BOOST_TEST(e1.error().message.find("nobody") != std::string::npos);
  auto negative = j;
  negative["wins"] = -1;
  auto e2 = pair_from_json(names, negative);
  BOOST_REQUIRE(!e2.has_value());
  BOOST_TEST(e2.error().message.find("wins") != std::string::npos);
  auto short_penta = j;
  short_penta["pentanomial"] = {1, 2};
  BOOST_TEST(!pair_from_json(names, short_penta).has_value());
  BOOST_TEST(!pair_from_json(names, nlohmann::json::array()).has_value());
}

BOOST_AUTO_TEST_CASE(statistics_object_and_text) {
  std::vector<pairing_summary> pairs(3);
  pairs[0].first = 0;
  pairs[0].second = 1;
  pairs[0].wdl = {5, 2, 3};
  pairs[1].first = 1;
  pairs[1].second = 2;
  pairs[1].wdl = {6, 4, 2};
  pairs[2].first = 0;
  pairs[2].second = 2;
  pairs[2].wdl = {4, 2, 2};
  auto ratings = compute_ratings(3, head_to_heads(pairs), {});
  BOOST_REQUIRE(ratings.has_value());
  auto j = statistics_to_json(names, pairs, *ratings);
  BOOST_TEST(j["pairs"].size() == 3u);
  BOOST_TEST(j["ratings"]["anchor"].get<std::string>() == "mean");
  BOOST_TEST(j["ratings"]["players"][0]["name"].get<std::string>() == "agent");
  BOOST_TEST(j["ratings"]["players"][0]["bound"].get<std::string>() == "finite");
  // agent scored 6.5 of 10 against random; random 3.5 of 10 against agent.
  BOOST_TEST(j["crosstable"]["cells"][0][1]["points"].get<double>() == 6.5);
  BOOST_TEST(j["crosstable"]["cells"][1][0]["points"].get<double>() == 3.5);
  BOOST_TEST(j["crosstable"]["cells"][0][0].is_null());
  auto text = standings_text(names, pairs, *ratings);
  // agent (11.5 of 18) ranks first, by rating.
  auto first_line_end = text.find('\n');
  auto second_line =
      text.substr(first_line_end + 1, text.find('\n', first_line_end + 1) - first_line_end);
  BOOST_TEST(second_line.find("agent") != std::string::npos);
  BOOST_TEST(text.find("Results of agent vs random:") != std::string::npos);
  BOOST_TEST(text.find("Games: 10, Wins: 5, Losses: 2, Draws: 3, Points: 6.5 (65.00 %)") !=
             std::string::npos);
  BOOST_TEST(text.find("Ptnml(0-2): [0, 0, 0, 0, 0]") != std::string::npos);
  BOOST_TEST(text.find("Crosstable") != std::string::npos);
  BOOST_TEST(text.find("6.5/10") != std::string::npos);
  BOOST_TEST(text.find("nan") == std::string::npos);
  // `tourney report`: the same text again from the saved JSON.
  auto again = standings_text_from_json(names, nlohmann::json::parse(j.dump()));
  BOOST_REQUIRE(again.has_value());
  BOOST_TEST(*again == text);
  auto broken = j;
  broken["pairs"][1]["draws"] = "many";
  auto e = standings_text_from_json(names, broken);
  BOOST_REQUIRE(!e.has_value());
  BOOST_TEST(e.error().message.find("statistics.pairs[1]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(small_samples_are_stated_not_printed_as_infinities_or_zero_widths) {
  // Issue 17: one game pair has no pentanomial interval (it printed
  // "+/- 0.00"); a player who won every game has no finite Elo (it printed
  // "-inf" for its opponents).
  std::vector<pairing_summary> pairs(3);
  pairs[0] = {0, 1, {2, 0, 0}, {{0, 0, 0, 0, 1}}, std::nullopt, std::nullopt};
  pairs[1] = {0, 2, {1, 1, 0}, {{0, 0, 1, 0, 0}}, std::nullopt, std::nullopt};
  pairs[2] = {1, 2, {1, 0, 1}, {{0, 0, 0, 1, 0}}, std::nullopt, std::nullopt};
  auto ratings = compute_ratings(3, head_to_heads(pairs), {0});
  BOOST_REQUIRE(ratings.has_value());
  auto text = standings_text(names, pairs, *ratings);
  BOOST_TEST(text.find("-inf") == std::string::npos, text);
  BOOST_TEST(text.find("+inf") == std::string::npos, text);
  BOOST_TEST(text.find("+/- 0.00") == std::string::npos, text);
  BOOST_TEST(
      text.find("Elo: none (every game won: no finite estimate from 2)") != std::string::npos,
      text);
  BOOST_TEST(text.find("(no interval: 1 pair, too few)") != std::string::npos, text);
}

BOOST_AUTO_TEST_SUITE_END()
