// The built binary, run as a user would.
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/process_runner.hpp"

using tourney::test::run_process;

namespace {

tourney::test::process_result tourney_cli(std::vector<std::string> args) {
  args.insert(args.begin(), TOURNEY_APP_PATH);
  return run_process(args, std::chrono::milliseconds(120000));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(app_cli)

BOOST_AUTO_TEST_CASE(perft_prints_the_published_count_on_its_last_line) {
  // Published start-position perft (shogi.md): d3 = 25470.
  auto r = tourney_cli({"perft", "3"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.last_line() == "25470");
  // "matsuri" d2 = 28684.
  r = tourney_cli(
      {"perft", "2", "l6nl/5+P1gk/2np1S3/p1p4Pp/3P2Sp1/1PPb2P1P/P5GS1/R8/LN4bKL w GR5pnsg 1"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.last_line() == "28684");
}

BOOST_AUTO_TEST_CASE(perft_divide_lists_every_first_move) {
  auto r = tourney_cli({"perft", "1", "--divide"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.last_line() == "30");
  BOOST_TEST(r.out.find("7g7f 1\n") != std::string::npos);
  BOOST_TEST(r.out.find("2h1h 1\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_sfen_is_a_usage_error_with_a_reason) {
  auto r = tourney_cli({"perft", "2", "lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSN b - 1"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("rank") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(validate_accepts_every_example_config) {
  for (const char* name : {"default.json", "gauntlet-fairy-stockfish.json", "round-robin-usi.json",
                           "sprt.json", "remote-workers.json"}) {
    auto r = tourney_cli({"validate", std::string(TOURNEY_SOURCE_DIR) + "/config/" + name});
    BOOST_TEST(r.exit_code == 0, name << ": " << r.err);
  }
}

BOOST_AUTO_TEST_CASE(bad_worker_addresses_are_usage_errors_that_quote_the_address) {
  auto r = tourney_cli({"worker", "--listen", "nohost"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("'nohost': expected HOST:PORT") != std::string::npos, r.err);
  r = tourney_cli({"run", "--workers", "a:1,,b:2", "--local-slots", "0", "--progress", "none"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("--workers ''") != std::string::npos, r.err);
  // A port another socket listens on: a clear error, not a crash.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  BOOST_REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  BOOST_REQUIRE(::listen(fd, 1) == 0);
  BOOST_REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  const auto taken = "127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  r = tourney_cli({"worker", "--listen", taken});
  ::close(fd);
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err.find("cannot listen on " + taken) != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(version_and_usage_errors) {
  auto r = tourney_cli({"--version"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("tourney ") == 0u);
  r = tourney_cli({"perft"});
  BOOST_TEST(r.exit_code == 2);
  r = tourney_cli({"validate", "/nonexistent/config.json"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("/nonexistent/config.json: cannot open") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
