// The built binary, run as a user would.
#include <chrono>
#include <filesystem>
#include <fstream>

#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/process_runner.hpp"
#include "support/temp_dir.hpp"

using tourney::test::run_process;
using tourney::test::temp_dir;

namespace {

tourney::test::process_result tourney_cli(std::vector<std::string> args) {
  args.insert(args.begin(), TOURNEY_APP_PATH);
  return run_process(args, std::chrono::milliseconds(120000));
}

// With a short deadline: an input without an end (/dev/zero) must end with an
// error in bounded time; the runner kills the child when the deadline passes.
tourney::test::process_result tourney_cli_within(std::vector<std::string> args,
                                                 std::chrono::milliseconds deadline) {
  args.insert(args.begin(), TOURNEY_APP_PATH);
  return run_process(args, deadline);
}

std::string write_file(const temp_dir& dir, const std::string& name, const std::string& text) {
  auto path = (std::filesystem::path(dir.path()) / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string config_with_openings(const std::string& openings_file) {
  return R"({"players": [{"name": "a", "builtin": "random"}, {"name": "b", "builtin": "random"}],
  "games_per_pairing": 1, "openings": {"file": ")" +
         openings_file + R"("}})";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(app_cli)

BOOST_AUTO_TEST_CASE(perft_prints_the_published_count_on_its_last_line) {
  // Published start-position perft (docs/shogi.md): d3 = 25470.
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

BOOST_AUTO_TEST_CASE(validate_reads_every_line_of_the_openings_file_as_run_does) {
  temp_dir dir;
  auto book = write_file(dir, "book.sfen", "startpos moves 7g7f\nstartpos moves 7g7f 7f7e\n");
  auto config = write_file(dir, "config.json", config_with_openings(book));
  auto v = tourney_cli({"validate", config});
  BOOST_TEST(v.exit_code == 2, v.out);
  BOOST_TEST(v.err.find(book + ":2: move 2 (7f7e)") != std::string::npos, v.err);
  auto r = tourney_cli({"run", config, "--storage", dir.path(), "--progress", "none"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find(book + ":2: move 2 (7f7e)") != std::string::npos, r.err);
  // A good book passes both.
  write_file(dir, "book.sfen", "startpos moves 7g7f\nstartpos moves 2g2f\n");
  v = tourney_cli({"validate", config});
  BOOST_TEST(v.exit_code == 0, v.err);
}

BOOST_AUTO_TEST_CASE(validate_rejects_a_duplicate_key_naming_its_line) {
  temp_dir dir;
  auto config = write_file(dir, "config.json",
                           "{\"players\": [{\"name\": \"a\", \"builtin\": \"random\"},\n"
                           "             {\"name\": \"b\", \"builtin\": \"random\"}],\n"
                           " \"rounds\": 1,\n \"rounds\": 50}\n");
  auto v = tourney_cli({"validate", config});
  BOOST_TEST(v.exit_code == 2, v.out);
  BOOST_TEST(
      v.err.find(config + ":4: rounds: duplicate key (first on line 3)") != std::string::npos,
      v.err);
}

BOOST_AUTO_TEST_CASE(dev_zero_as_config_or_openings_ends_with_an_error_in_bounded_time) {
  using namespace std::chrono_literals;
  auto r = tourney_cli_within({"validate", "/dev/zero"}, 20s);
  BOOST_TEST(!r.timed_out);
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("/dev/zero: larger than the limit of 16 MiB") != std::string::npos,
             r.err.substr(0, 300));
  temp_dir dir;
  auto config = write_file(dir, "config.json", config_with_openings("/dev/zero"));
  const std::vector<std::string> commands[] = {
      {"validate", config}, {"run", config, "--storage", dir.path(), "--progress", "none"}};
  for (const auto& command : commands) {
    r = tourney_cli_within(command, 20s);
    BOOST_TEST(!r.timed_out, command[0]);
    BOOST_TEST(r.exit_code == 2, command[0]);
    // No newline in /dev/zero: the line limit ends it first.
    BOOST_TEST(
        r.err.find("/dev/zero:1: longer than the limit of 64 KiB a line") != std::string::npos,
        command[0] << ": " << r.err.substr(0, 300));
  }
}

BOOST_AUTO_TEST_SUITE_END()
