// Worker addresses, TLS settings and worker configs: every bad value is an
// error naming the value and where it is.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "support/temp_dir.hpp"
#include "tourney/spec/config.hpp"
#include "tourney/spec/host_port.hpp"
#include "tourney/spec/tls_options.hpp"
#include "tourney/spec/worker_config.hpp"

using namespace tourney;
using nlohmann::json;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

json with_players(json j) {
  j["name"] = "t";
  j["players"] = json::parse(R"([{"name": "a", "builtin": "random"}, {"name": "b", "builtin": "random"}])");
  return j;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_remote_options)

BOOST_AUTO_TEST_CASE(host_port_accepts_names_ipv4_and_bracketed_ipv6) {
  auto a = spec::parse_host_port("node7.example:9000");
  BOOST_REQUIRE(a);
  BOOST_TEST(a->host == "node7.example");
  BOOST_TEST(a->port == 9000);
  auto b = spec::parse_host_port("[::1]:65535");
  BOOST_REQUIRE(b);
  BOOST_TEST(b->host == "::1");
  BOOST_TEST(b->port == 65535);
  BOOST_TEST(spec::parse_host_port("127.0.0.1:0", true)->port == 0);
}

BOOST_AUTO_TEST_CASE(host_port_errors_quote_the_address_and_say_what_is_wrong) {
  const std::pair<const char*, const char*> bad[] = {
      {"nohost", "expected HOST:PORT"},      {":9000", "host is empty"},
      {"h:", "port must be"},                {"h:65536", "port must be"},
      {"h:12x", "port must be"},             {"h:0", "from 1 to 65535"},
      {"::1:9000", "brackets"},              {"[::1]9000", "[IPv6]:PORT"},
      {"a b:1", "invalid character"},
  };
  for (const auto& [text, why] : bad) {
    auto r = spec::parse_host_port(text);
    BOOST_REQUIRE_MESSAGE(!r, text);
    BOOST_TEST(contains(r.error().message, std::string("'") + text + "'"), r.error().message);
    BOOST_TEST(contains(r.error().message, why), r.error().message);
  }
  auto list = spec::parse_host_port_list("a:1,b:2");
  BOOST_REQUIRE(list);
  BOOST_TEST(list->size() == 2u);
  BOOST_TEST(!spec::parse_host_port_list("a:1,,b:2"));
}

BOOST_AUTO_TEST_CASE(run_config_reads_workers_tls_and_workers_only_mode) {
  auto j = with_players(json::parse(R"({"workers": ["10.0.0.2:9000", "[::1]:9001"], "slots": 0,
      "tls": {"certificate": "c.pem", "key": "k.pem", "ca": "ca.pem"}, "slot_wait_limit_s": 30})"));
  auto c = spec::config_from_json(j);
  BOOST_REQUIRE_MESSAGE(c, (c ? "" : c.error().message));
  BOOST_TEST(c->workers.size() == 2u);
  BOOST_TEST(!c->local_games);
  BOOST_TEST(c->tls.ca == "ca.pem");
  BOOST_TEST(c->slot_wait_limit_s == 30.0);
}

BOOST_AUTO_TEST_CASE(run_config_errors_name_the_field) {
  const std::pair<const char*, const char*> bad[] = {
      {R"({"workers": ["10.0.0.2"]})", "workers[0]: '10.0.0.2'"},
      {R"({"workers": [7]})", "workers[0]"},
      {R"({"slots": 0})", "needs at least one entry in workers"},
      {R"({"workers": ["h:1"], "tls": {"certificate": "c.pem"}})", "tls.key"},
      {R"({"workers": ["h:1"], "tls": {"certificate": "c", "key": "k", "ca": "a", "pin": "x"}})", "pin"},
      {R"({"slot_wait_limit_s": -1})", "slot_wait_limit_s"},
      {R"({"storage": ""})", "storage: must not be empty"},
      {R"({"storage": 3})", "storage: expected a string"},
  };
  for (const auto& [text, why] : bad) {
    auto c = spec::config_from_json(with_players(json::parse(text)));
    BOOST_REQUIRE_MESSAGE(!c, text);
    BOOST_TEST(contains(c.error().message, why), c.error().message);
  }
}

BOOST_AUTO_TEST_CASE(tls_files_must_all_be_given_and_readable) {
  test::temp_dir dir;
  const auto pem = dir.path() + "/x.pem";
  std::ofstream(pem) << "not checked here";
  BOOST_TEST(static_cast<bool>(spec::check_tls({})));
  BOOST_TEST(static_cast<bool>(spec::check_tls({pem, pem, pem})));
  auto missing = spec::check_tls({pem, "", pem});
  BOOST_REQUIRE(!missing);
  BOOST_TEST(contains(missing.error().message, "'key' is missing"));
  auto unreadable = spec::check_tls({pem, pem, dir.path() + "/nope.pem"});
  BOOST_REQUIRE(!unreadable);
  BOOST_TEST(contains(unreadable.error().message, "nope.pem"));
}

BOOST_AUTO_TEST_CASE(worker_config_reads_its_own_players_and_rejects_unknown_keys) {
  auto c = spec::worker_config_from_json(json::parse(R"({
    "players": [{"name": "fairy", "usi": {"command": "/opt/fs/fairy-stockfish"}}],
    "storage": "logs", "slots": 3})"));
  BOOST_REQUIRE_MESSAGE(c, (c ? "" : c.error().message));
  BOOST_TEST(c->players.size() == 1u);
  BOOST_TEST(c->players[0].name == "fairy");
  BOOST_TEST(c->players[0].as_usi()->engine.command == "/opt/fs/fairy-stockfish");
  BOOST_TEST(c->slots == 3);
  BOOST_TEST(!c->insecure_plaintext);  // TLS or loopback unless said otherwise
  BOOST_TEST(c->handshake_timeout_s == 5.0);
  auto plain = spec::worker_config_from_json(json::parse(R"({"insecure_plaintext": true, "handshake_timeout_s": 2.5})"));
  BOOST_REQUIRE_MESSAGE(plain, (plain ? "" : plain.error().message));
  BOOST_TEST(plain->insecure_plaintext);
  BOOST_TEST(plain->handshake_timeout_s == 2.5);
  const std::pair<const char*, const char*> bad[] = {
      {R"({"slots": 0})", "slots"},
      {R"({"players": {}})", "players: expected an array"},
      {R"({"players": [{"name": "a", "builtin": "random"}, {"name": "a", "builtin": "random"}]})", "used twice"},
      {R"({"storage": ""})", "storage: must not be empty"},
      {R"({"listen": "x"})", "listen"},
      {R"({"insecure_plaintext": "yes"})", "insecure_plaintext"},
      {R"({"handshake_timeout_s": 0})", "handshake_timeout_s: must be between 0.1 and 3600"},
      {R"({"handshake_timeout_s": "5"})", "handshake_timeout_s"},
  };
  for (const auto& [text, why] : bad) {
    auto r = spec::worker_config_from_json(json::parse(text));
    BOOST_REQUIRE_MESSAGE(!r, text);
    BOOST_TEST(contains(r.error().message, why), r.error().message);
  }
}

BOOST_AUTO_TEST_CASE(worker_config_players_meet_the_input_limits) {
  auto j = json::parse(R"({"players": [{"name": "fairy", "usi": {"command": "/opt/fs/fs"}}]})");
  j["players"][0]["name"] = std::string(300, 'f');
  auto r = spec::worker_config_from_json(j);
  BOOST_REQUIRE(!r);
  BOOST_TEST(
      contains(r.error().message, "players[0].name: 300 bytes, longer than the limit of 256 bytes"),
      r.error().message.substr(0, 200));
  j = json::parse(R"({"players": [{"name": "fairy", "usi": {"command": "/opt/fs/fs"}}]})");
  j["players"][0]["usi"]["args"] = std::vector<std::string>(257, "-x");
  r = spec::worker_config_from_json(j);
  BOOST_REQUIRE(!r);
  BOOST_TEST(
      contains(r.error().message, "players[0].usi.args: 257 entries, more than the limit of 256"),
      r.error().message);
  j = json::parse(R"({"storage": "logs"})");
  j["storage"] = std::string(5000, 's');
  r = spec::worker_config_from_json(j);
  BOOST_REQUIRE(!r);
  BOOST_TEST(contains(r.error().message, "storage: 5000 bytes, longer than the limit of 4 KiB"),
             r.error().message);
}

BOOST_AUTO_TEST_CASE(the_example_worker_config_loads) {
  auto c = spec::load_worker_config(std::string(TOURNEY_SOURCE_DIR) + "/config/worker.json");
  BOOST_REQUIRE_MESSAGE(c, (c ? "" : c.error().message));
  BOOST_TEST(c->players.size() == 1u);
  BOOST_TEST(c->slots == 1);
}

BOOST_AUTO_TEST_SUITE_END()
