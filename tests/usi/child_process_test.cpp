// child_process against real processes: the scripted fake engine, a few
// system tools and /usr/games/fairy-stockfish. Every wait is poll() with a
// deadline on the engine's stdout or its pidfd; nothing sleeps.
#include "tourney/usi/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/process_gone.hpp"

extern char** environ;

using namespace tourney::usi;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

using tourney::test::gone_within;

namespace {

const std::string fake = std::string(TOURNEY_FAKES_DIR) + "/fake_usi_engine";

int remaining_ms(steady::time_point deadline) {
  auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

/// Lines until one starts with `wanted` (it is the last), EOF or the deadline.
std::vector<std::string> read_until(child_process& child, std::string_view wanted,
                                    std::chrono::milliseconds budget = 5000ms) {
  auto deadline = steady::now() + budget;
  std::vector<std::string> seen;
  while (true) {
    for (auto& line : child.read_available()) {
      seen.push_back(line);
      if (line.compare(0, wanted.size(), wanted) == 0) {
        return seen;
      }
    }
    if (child.at_eof() || remaining_ms(deadline) == 0) {
      return seen;
    }
    pollfd pfd{child.fd(), POLLIN, 0};
    ::poll(&pfd, 1, remaining_ms(deadline));
  }
}

bool ends_with_prefix(const std::vector<std::string>& lines, std::string_view prefix) {
  return !lines.empty() && lines.back().compare(0, prefix.size(), prefix) == 0;
}

/// Waits (poll on the pidfd) for the exit; nullopt if it did not come in time.
std::optional<exit_status> wait_exit(child_process& child,
                                     std::chrono::milliseconds budget = 5000ms) {
  auto deadline = steady::now() + budget;
  while (true) {
    if (auto status = child.try_wait()) {
      return status;
    }
    if (remaining_ms(deadline) == 0) {
      return std::nullopt;
    }
    BOOST_REQUIRE(child.exit_fd() >= 0);
    pollfd pfd{child.exit_fd(), POLLIN, 0};
    ::poll(&pfd, 1, remaining_ms(deadline));
  }
}

std::string temp_dir() {
  char pattern[] = "/tmp/tourney_usi_test_XXXXXX";
  auto* dir = ::mkdtemp(pattern);
  BOOST_REQUIRE(dir != nullptr);
  return dir;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The pid in a line "<prefix>PID".
pid_t pid_after(const std::string& line, std::string_view prefix) {
  return static_cast<pid_t>(std::stol(line.substr(prefix.size())));
}

child_process spawn_ok(const spawn_options& options) {
  auto child = child_process::spawn(options);
  BOOST_REQUIRE_MESSAGE(child.has_value(), (child ? "" : child.error().message));
  return std::move(*child);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(usi_child_process)

BOOST_AUTO_TEST_CASE(spawn_failures_name_the_command) {
  auto missing = child_process::spawn({"no-such-engine-xyz", {}, {}, {}, {}});
  BOOST_REQUIRE(!missing);
  BOOST_TEST(missing.error().message.find("'no-such-engine-xyz'") != std::string::npos,
             missing.error().message);
  BOOST_TEST(missing.error().message.find("/usr/games") != std::string::npos,
             missing.error().message);

  auto dir = temp_dir();
  auto plain = dir + "/not-executable";
  std::ofstream(plain) << "#!/bin/sh\n";
  auto not_exec = child_process::spawn({plain, {}, {}, {}, {}});
  BOOST_REQUIRE(!not_exec);
  BOOST_TEST(not_exec.error().message.find(plain) != std::string::npos, not_exec.error().message);
  BOOST_TEST(not_exec.error().message.find("not executable") != std::string::npos,
             not_exec.error().message);

  auto bad_dir = child_process::spawn({fake, {}, dir + "/nowhere", {}, {}});
  BOOST_REQUIRE(!bad_dir);
  BOOST_TEST(bad_dir.error().message.find("nowhere") != std::string::npos, bad_dir.error().message);

  auto bad_log = child_process::spawn({fake, {}, {}, {}, dir + "/nowhere/log"});
  BOOST_REQUIRE(!bad_log);
  BOOST_TEST(bad_log.error().message.find("stderr log") != std::string::npos,
             bad_log.error().message);

  // A file with an exec bit that the kernel cannot run: exec itself fails.
  auto junk = dir + "/junk";
  std::ofstream(junk) << "\x7f"
                      << "ELF garbage";
  ::chmod(junk.c_str(), 0755);
  auto exec_fail = child_process::spawn({junk, {}, {}, {}, {}});
  BOOST_REQUIRE(!exec_fail);
  BOOST_TEST(exec_fail.error().message.find("exec failed") != std::string::npos,
             exec_fail.error().message);
}

BOOST_AUTO_TEST_CASE(finds_commands_in_path_and_usr_games) {
  auto sh = resolve_command("sh");
  BOOST_REQUIRE(sh);
  BOOST_TEST(sh->front() == '/');
  if (::access("/usr/games/fairy-stockfish", X_OK) == 0) {
    // /usr/games is searched even when PATH lacks it.
    BOOST_TEST(resolve_command("fairy-stockfish").value_or("") == "/usr/games/fairy-stockfish");
  }
}

BOOST_AUTO_TEST_CASE(fake_engine_cycle_and_stderr_log) {
  auto dir = temp_dir();
  auto log = dir + "/fake.stderr.log";
  auto child = spawn_ok({fake, {"--name", "Fake One", "--garbage"}, {}, {}, log});
  BOOST_TEST(child.pid() > 0);
  BOOST_TEST(child.write_line("usi").has_value());
  auto lines = read_until(child, "usiok");
  BOOST_REQUIRE(ends_with_prefix(lines, "usiok"));
  BOOST_TEST(std::count(lines.begin(), lines.end(), "id name Fake One") == 1);
  BOOST_TEST(child.write_line("isready").has_value());
  BOOST_TEST(ends_with_prefix(read_until(child, "readyok"), "readyok"));
  BOOST_TEST(child.write_line("usinewgame").has_value());
  BOOST_TEST(child.write_line("position startpos moves 7g7f").has_value());
  BOOST_TEST(child.write_line("go nodes 10").has_value());
  lines = read_until(child, "bestmove ");
  BOOST_REQUIRE(ends_with_prefix(lines, "bestmove "));
  BOOST_TEST(lines.back() == "bestmove 3c3d");
  BOOST_TEST(child.write_line("quit").has_value());
  read_until(child, "never", 5000ms);
  BOOST_TEST(child.at_eof());
  auto status = wait_exit(child);
  BOOST_REQUIRE(status);
  BOOST_TEST((*status == exit_status{false, 0, 0}));
  auto text = slurp(log);
  BOOST_TEST(text.find("< position startpos moves 7g7f") != std::string::npos, text);
  BOOST_TEST(text.find("fake: quitting") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(crash_is_eof_then_a_signalled_exit) {
  auto dir = temp_dir();
  auto child = spawn_ok({fake, {"--crash-at-move", "1"}, {}, {}, dir + "/crash.log"});
  child.write_line("usi");
  child.write_line("go nodes 1");
  read_until(child, "never");
  BOOST_TEST(child.at_eof());
  auto status = wait_exit(child);
  BOOST_REQUIRE(status);
  BOOST_TEST(status->signalled);
  BOOST_TEST(status->signal == SIGABRT);
  BOOST_TEST(status->describe().find("signal 6") != std::string::npos);
  BOOST_TEST(slurp(dir + "/crash.log").find("fake: crashing") != std::string::npos);
  // Writing to the dead engine is an error, not a SIGPIPE that kills us.
  BOOST_TEST(!child.write_line("isready"));
}

BOOST_AUTO_TEST_CASE(sigterm_then_sigkill_for_an_engine_that_ignores_sigterm) {
  auto child = spawn_ok({fake, {"--hang-at-move", "1", "--ignore-sigterm"}, {}, {}, {}});
  child.write_line("usi");
  BOOST_REQUIRE(ends_with_prefix(read_until(child, "usiok"), "usiok"));
  child.write_line("go nodes 1");
  child.write_line("quit");  // ignored: it hangs
  child.terminate();         // ignored too
  BOOST_TEST(!wait_exit(child, 300ms));
  child.kill();
  auto status = wait_exit(child);
  BOOST_REQUIRE(status);
  BOOST_TEST(status->signalled);
  BOOST_TEST(status->signal == SIGKILL);
  child.kill();  // after reaping: a no-op, never a stray signal
}

BOOST_AUTO_TEST_CASE(environment_working_dir_and_args) {
  auto dir = temp_dir();
  auto child = spawn_ok({"sh",
                         {"-c", "echo \"$TOURNEY_X|$HOME\"; pwd; printf 'no newline'"},
                         dir,
                         {{"TOURNEY_X", "a b"}},
                         {}});
  auto lines = read_until(child, "never");
  BOOST_TEST(child.at_eof());
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  const char* home = std::getenv("HOME");
  BOOST_TEST(lines[0] == "a b|" + std::string(home != nullptr ? home : ""));
  BOOST_TEST(lines[1] == dir);
  BOOST_TEST(lines[2] == "no newline");  // the unterminated last piece
  BOOST_TEST(wait_exit(child).has_value());
}

BOOST_AUTO_TEST_CASE(writes_never_block_on_an_engine_that_does_not_read) {
  auto child = spawn_ok({"sleep", {"600"}, {}, {}, {}});
  std::string chunk(64 * 1024, 'x');
  for (int i = 0; i < 64; ++i) {  // 4 MiB: far more than any socket buffer
    BOOST_REQUIRE(child.write_line(chunk).has_value());
  }
  BOOST_TEST(child.has_pending_output());
  BOOST_TEST(child.flush().has_value());
  child.kill();
  auto status = wait_exit(child);
  BOOST_REQUIRE(status);
  BOOST_TEST(status->signal == SIGKILL);
}

BOOST_AUTO_TEST_CASE(destructor_kills_and_reaps) {
  pid_t pid = -1;
  {
    auto child = spawn_ok({"sleep", {"600"}, {}, {}, {}});
    pid = child.pid();
    BOOST_TEST(::kill(pid, 0) == 0);
  }
  // Reaped, not a zombie: the pid is gone (kill(pid, 0) fails with ESRCH).
  BOOST_TEST(::kill(pid, 0) == -1);
  BOOST_TEST(errno == ESRCH);
  BOOST_TEST(::waitpid(pid, nullptr, WNOHANG) == -1);
}

BOOST_AUTO_TEST_CASE(moved_from_child_is_inert) {
  auto child = spawn_ok({"sleep", {"600"}, {}, {}, {}});
  auto pid = child.pid();
  child_process other = std::move(child);
  BOOST_TEST(other.pid() == pid);
  BOOST_TEST(child.pid() == -1);  // NOLINT(bugprone-use-after-move): checking the moved-from state
  other.kill();
  BOOST_TEST(wait_exit(other).has_value());
}

BOOST_AUTO_TEST_CASE(engine_dies_when_its_parent_is_killed) {
  // A helper process spawns the engine and then blocks; we SIGKILL the helper
  // and the engine must go too (PR_SET_PDEATHSIG). We watch the engine through
  // a pidfd of our own (it is not our child), with a deadline.
  int report[2];
  BOOST_REQUIRE(::pipe(report) == 0);
  int block[2];
  BOOST_REQUIRE(::pipe(block) == 0);
  auto helper = ::fork();
  BOOST_REQUIRE(helper >= 0);
  if (helper == 0) {
    ::close(report[0]);
    ::close(block[1]);
    auto child = child_process::spawn({fake, {}, {}, {}, {}});
    pid_t engine = child ? child->pid() : -1;
    [[maybe_unused]] auto wrote = ::write(report[1], &engine, sizeof engine);
    char byte;
    [[maybe_unused]] auto got = ::read(block[0], &byte, 1);  // until killed
    ::_exit(0);
  }
  ::close(report[1]);
  ::close(block[0]);
  pid_t engine = -1;
  BOOST_REQUIRE(::read(report[0], &engine, sizeof engine) == static_cast<ssize_t>(sizeof engine));
  ::close(report[0]);
  BOOST_REQUIRE(engine > 0);
  int engine_fd = static_cast<int>(::syscall(SYS_pidfd_open, engine, 0));
  BOOST_REQUIRE(engine_fd >= 0);
  BOOST_TEST(::kill(engine, 0) == 0);

  BOOST_REQUIRE(::kill(helper, SIGKILL) == 0);
  int status = 0;
  BOOST_REQUIRE(::waitpid(helper, &status, 0) == helper);
  ::close(block[1]);
  pollfd pfd{engine_fd, POLLIN, 0};
  BOOST_TEST(::poll(&pfd, 1, 5000) == 1);  // the engine exited (or it would time out)
  ::close(engine_fd);
}

BOOST_AUTO_TEST_CASE(a_grandchild_in_a_session_of_its_own_ends_with_its_engine) {
  // The engine leaves a daemon behind: forked, setsid() (out of the engine's
  // process group, which signals reach), stdin and stdout detached.
  auto child = spawn_ok({fake, {"--setsid-grandchild"}, {}, {}, {}});
  auto lines = read_until(child, "info string grandchild ");
  BOOST_REQUIRE(ends_with_prefix(lines, "info string grandchild "));
  auto grandchild = pid_after(lines.back(), "info string grandchild ");
  BOOST_REQUIRE(grandchild > 0);
  BOOST_TEST(::kill(grandchild, 0) == 0);
  BOOST_TEST(child.write_line("quit").has_value());
  auto status = wait_exit(child);
  BOOST_REQUIRE(status);
  BOOST_TEST((*status == exit_status{false, 0, 0}), status->describe());  // the engine's own status
  BOOST_TEST(gone_within(grandchild, 5000ms), "grandchild " << grandchild << " outlived its engine");
}

BOOST_AUTO_TEST_CASE(a_grandchild_of_a_crashed_engine_ends_too) {
  auto child = spawn_ok({fake, {"--setsid-grandchild", "--crash-at-move", "1"}, {}, {}, {}});
  auto lines = read_until(child, "info string grandchild ");
  BOOST_REQUIRE(ends_with_prefix(lines, "info string grandchild "));
  auto grandchild = pid_after(lines.back(), "info string grandchild ");
  child.write_line("go nodes 1");
  auto status = wait_exit(child);
  BOOST_REQUIRE(status);
  BOOST_TEST(status->signalled);
  BOOST_TEST(status->signal == SIGABRT);
  BOOST_TEST(gone_within(grandchild, 5000ms), "grandchild " << grandchild << " outlived its engine");
}

BOOST_AUTO_TEST_CASE(engines_and_their_grandchildren_end_when_their_owner_is_sigkilled) {
  // engine_holder (tests/helpers) is a process like tourney: it starts the
  // fake through child_process, reports the fake's setsid() grandchild and
  // blocks. SIGKILLed, it cleans nothing up itself; the grandchild must end
  // anyway. The holder is started with posix_spawn, not child_process, so
  // that nothing of this process's own cleanup is involved.
  const std::string holder = std::string(TOURNEY_FAKES_DIR) + "/engine_holder";
  int out[2];
  int in[2];
  BOOST_REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
  BOOST_REQUIRE(::pipe2(in, O_CLOEXEC) == 0);
  posix_spawn_file_actions_t actions;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  ::posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  std::vector<std::string> args = {holder, fake, "--setsid-grandchild"};
  std::vector<char*> argv;
  for (auto& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  pid_t pid = -1;
  BOOST_REQUIRE(::posix_spawn(&pid, holder.c_str(), &actions, nullptr, argv.data(), environ) == 0);
  ::posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  ::close(in[0]);
  // "grandchild PID\n", read with a deadline.
  std::string text;
  auto deadline = steady::now() + 10000ms;
  while (text.find('\n') == std::string::npos && remaining_ms(deadline) > 0) {
    pollfd pfd{out[0], POLLIN, 0};
    if (::poll(&pfd, 1, remaining_ms(deadline)) != 1) {
      break;
    }
    char buffer[256];
    auto got = ::read(out[0], buffer, sizeof buffer);
    if (got <= 0) {
      break;
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(out[0]);
  BOOST_REQUIRE_MESSAGE(text.rfind("grandchild ", 0) == 0, "engine_holder said: " << text);
  auto grandchild = pid_after(text.substr(0, text.find('\n')), "grandchild ");
  BOOST_REQUIRE(grandchild > 0);
  BOOST_TEST(::kill(grandchild, 0) == 0);

  BOOST_REQUIRE(::kill(pid, SIGKILL) == 0);
  int status = 0;
  BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
  ::close(in[1]);
  BOOST_TEST(gone_within(grandchild, 5000ms), "grandchild " << grandchild << " outlived a SIGKILLed owner");
}

BOOST_AUTO_TEST_CASE(fairy_stockfish_usi_cycle) {
  if (::access("/usr/games/fairy-stockfish", X_OK) != 0) {
    BOOST_TEST_MESSAGE("fairy-stockfish not installed: skipped");
    return;
  }
  auto start = steady::now();
  auto child = spawn_ok({"fairy-stockfish", {}, {}, {}, {}});
  child.write_line("usi");
  auto lines = read_until(child, "usiok", 10000ms);
  BOOST_REQUIRE(ends_with_prefix(lines, "usiok"));
  BOOST_TEST(std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
               return l.rfind("id name Fairy-Stockfish", 0) == 0;
             }) == 1);
  auto usiok_at = steady::now();
  child.write_line("isready");
  BOOST_REQUIRE(ends_with_prefix(read_until(child, "readyok", 10000ms), "readyok"));
  child.write_line("usinewgame");
  child.write_line("position startpos moves 7g7f 3c3d");
  auto go_at = steady::now();
  child.write_line("go nodes 1000");
  lines = read_until(child, "bestmove", 10000ms);
  auto bestmove_at = steady::now();
  BOOST_REQUIRE(ends_with_prefix(lines, "bestmove "));
  auto move = lines.back().substr(9, lines.back().find(' ', 9) - 9);
  BOOST_TEST((move.size() == 4 || move.size() == 5), move);
  child.write_line("quit");
  auto status = wait_exit(child);
  BOOST_REQUIRE(status);
  BOOST_TEST((*status == exit_status{false, 0, 0}));
  using ms = std::chrono::duration<double, std::milli>;
  BOOST_TEST_MESSAGE("fairy-stockfish: spawn->usiok "
                     << ms(usiok_at - start).count() << " ms, go nodes 1000 -> "
                     << "bestmove " << ms(bestmove_at - go_at).count() << " ms");
}

BOOST_AUTO_TEST_SUITE_END()
