#include "tourney/record/json.hpp"

#include <boost/test/unit_test.hpp>

#include "record/record_fixture.hpp"

using namespace tourney;
using nlohmann::json;

BOOST_AUTO_TEST_SUITE(record_json)

BOOST_AUTO_TEST_CASE(a_record_round_trips_through_one_line) {
  auto rec = test::short_game();
  rec.moves[0].book = true;
  rec.index = 17;
  rec.round = 2;
  rec.moves[2].score_cp = 250;
  rec.moves[2].depth = 3;
  rec.moves[2].nodes = 4567;
  rec.moves[2].pv = {"8h2b+", "3a2b"};
  rec.moves[3].mate_in = -5;
  const std::string line = record::to_json_line(rec);
  BOOST_TEST(line.find('\n') == std::string::npos);
  auto back = record::parse_json_line(line);
  BOOST_REQUIRE_MESSAGE(back.has_value(), back.error().message);
  BOOST_TEST(back->game_id == rec.game_id);
  BOOST_TEST((back->index == std::uint64_t{17}));
  BOOST_TEST((back->round == 2));
  BOOST_TEST(back->black == "alice");
  BOOST_TEST(back->white == "bob");
  BOOST_TEST(back->start_sfen == rec.start_sfen);
  BOOST_TEST((back->result == rec.result));
  BOOST_TEST((back->reason == rec.reason));
  BOOST_TEST(back->detail == rec.detail);
  BOOST_TEST(back->usi_moves() == rec.usi_moves(), boost::test_tools::per_element());
  BOOST_REQUIRE(back->moves.size() == 4u);
  BOOST_TEST(back->moves[0].book);
  BOOST_TEST(!back->moves[1].book);
  BOOST_TEST(back->moves[0].elapsed.count() == 1200);
  BOOST_TEST((back->moves[2].score_cp == 250));
  BOOST_TEST((back->moves[2].depth == 3));
  BOOST_TEST((back->moves[2].nodes == std::uint64_t{4567}));
  BOOST_TEST(back->moves[2].pv == rec.moves[2].pv, boost::test_tools::per_element());
  BOOST_TEST((back->moves[3].mate_in == -5));
  BOOST_TEST(!back->moves[1].score_cp.has_value());
  BOOST_TEST((back->start_time == rec.start_time));
  BOOST_TEST((back->end_time == rec.end_time));
}

BOOST_AUTO_TEST_CASE(the_keys_other_tools_read_are_there) {
  const json j = json::parse(record::to_json_line(test::short_game()));
  BOOST_TEST(j.at("game_id") == "g-0001");
  BOOST_TEST(j.at("black") == "alice");
  BOOST_TEST(j.at("white") == "bob");
  BOOST_TEST(j.at("result") == "white_win");
  BOOST_TEST(j.at("reason") == "resign");
  BOOST_TEST(j.at("plies") == 4);
  BOOST_TEST(j.at("start_sfen") == record::startpos_sfen);
  BOOST_TEST(j.at("moves") == json::parse(R"(["7g7f","3c3d","8h2b+","3a2b"])"));
  BOOST_TEST(j.at("duration_s").get<double>() == 4.5);
  BOOST_TEST(j.at("start_time") == "2026-11-29T10:00:00.000Z");
  BOOST_TEST(!j.contains("info"));   // no move carries search information
  BOOST_TEST(!j.contains("index"));  // not scheduled
}

BOOST_AUTO_TEST_CASE(bad_lines_are_errors_that_say_what_is_wrong) {
  const std::string good = record::to_json_line(test::short_game());
  auto check = [](const std::string& line, const std::string& needle) {
    auto rec = record::parse_json_line(line);
    BOOST_REQUIRE_MESSAGE(!rec.has_value(), line);
    BOOST_TEST_INFO(rec.error().message);
    BOOST_TEST(rec.error().message.find(needle) != std::string::npos);
  };
  check("{not json", "not valid JSON");
  check("[1,2]", "must be a JSON object");
  auto mutate = [&](const std::function<void(json&)>& f) {
    json j = json::parse(good);
    f(j);
    return j.dump();
  };
  check(mutate([](json& j) { j.erase("black"); }), "'black'");
  check(mutate([](json& j) { j["result"] = "win"; }), "'result'");
  check(mutate([](json& j) { j["reason"] = "mate"; }), "'reason'");
  check(mutate([](json& j) { j["moves"][2] = "8h2z"; }), "moves[2]");
  check(mutate([](json& j) { j["plies"] = 5; }), "'plies'");
  check(mutate([](json& j) { j["move_ms"] = json::array({1, 2}); }), "'move_ms'");
  check(mutate([](json& j) { j["start_time"] = "yesterday"; }), "'start_time'");
  check(mutate([](json& j) { j["book_plies"] = 9; }), "'book_plies'");
  check(mutate([](json& j) { j["index"] = -1; }), "'index'");
}

BOOST_AUTO_TEST_CASE(utc_times_parse_and_print) {
  auto t = record::parse_utc("2026-11-29T10:00:00.25Z");
  BOOST_REQUIRE(t.has_value());
  BOOST_TEST(record::format_utc(*t) == "2026-11-29T10:00:00.250Z");
  BOOST_TEST(!record::parse_utc("2026-11-29 10:00:00").has_value());
  BOOST_TEST(!record::parse_utc("2026-13-29T10:00:00Z").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
