// A scripted USI engine for tests: a test double that stages engine faults.
// Standalone (no project code). Deterministic: it plays the move at index
// <plies in the position command> of a fixed legal opening line, and resigns
// past its end. Every command it receives is echoed to stderr as "< cmd" so
// tests can check what was sent (the stderr log).
//
//   --name NAME               id name (default "fake")
//   --banner                  print a banner line before anything (like Sjaak II)
//   --die-at-start CODE       print "fatal: fake engine cannot start" and exit CODE at once
//   --slow-start-ms N         answer usi only N ms after it came (input is buffered meanwhile)
//   --slow-ready-ms N         the same for every isready
//   --no-usiok / --no-readyok never answer usi / isready
//   --crash-at-move N         abort() on the Nth go of a game (1-based; usinewgame resets)
//   --hang-at-move N          on the Nth go stop answering anything, also stop/quit
//   --wait-for-stop-at-move N on the Nth go answer only after `stop`
//   --resign-at-move N        bestmove resign
//   --declare-win-at-move N   bestmove win
//   --illegal-move            bestmove 5e5d (well-formed, never legal at the start)
//   --wrong-side              play the move the other side would play
//   --bad-notation            bestmove +7776FU (CSA, not USI)
//   --garbage                 print junk lines around every reply
//   --at-drops                write drops as B@4e and reject B*4e on input (like Sjaak II)
//   --ignore-quit             stay alive after quit (until EOF / signal)
//   --ignore-sigterm          ignore SIGTERM (only SIGKILL ends it)
//   --close-stdout-at-move N  close stdout on the Nth go but keep running
//   --cycle                   past the end of the line start it again (moves
//                             then only look legal: for benchmarks)
//   --quit-marker FILE        on quit, write "quit" to FILE before exiting (an
//                             engine that saves its learning file on quit)
//   --setsid-grandchild       at start fork a grandchild that calls setsid()
//                             and waits for a signal forever; its pid is printed
//                             as "info string grandchild PID" on stdout and
//                             "fake: grandchild PID" on stderr (an engine that
//                             leaves a daemon behind)
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace {

struct settings {
  std::string name = "fake";
  bool banner = false;
  int die_at_start = -1;
  long slow_start_ms = 0;
  long slow_ready_ms = 0;
  bool no_usiok = false;
  bool no_readyok = false;
  int crash_at = 0;
  int hang_at = 0;
  int wait_for_stop_at = 0;
  int resign_at = 0;
  int declare_win_at = 0;
  bool illegal_move = false;
  bool wrong_side = false;
  bool bad_notation = false;
  bool garbage = false;
  bool at_drops = false;
  bool ignore_quit = false;
  bool ignore_sigterm = false;
  int close_stdout_at = 0;
  bool cycle = false;
  std::string quit_marker;
  bool setsid_grandchild = false;
};

// A legal opening (bishop exchange, then quiet moves); B*4e is a drop.
const std::vector<std::string> line = {"7g7f", "3c3d", "8h2b+", "3a2b", "B*4e",
                                       "8c8d", "2g2f", "8d8e",  "2f2e", "4a3b"};

std::string input_buffer;

void say(const std::string& text) {
  std::string out = text + "\n";
  const char* data = out.data();
  auto left = out.size();
  while (left > 0) {
    auto wrote = ::write(1, data, left);
    if (wrote <= 0) {
      return;
    }
    data += wrote;
    left -= static_cast<std::size_t>(wrote);
  }
}

void note(const std::string& text) {
  std::string out = text + "\n";
  [[maybe_unused]] auto wrote = ::write(2, out.data(), out.size());
}

/// Reads more input; false at end of file. timeout_ms < 0 waits forever.
bool fill(long timeout_ms) {
  pollfd pfd{0, POLLIN, 0};
  auto ready = ::poll(&pfd, 1, static_cast<int>(timeout_ms));
  if (ready <= 0) {
    return true;  // timeout (or EINTR): no data, not EOF
  }
  char buffer[4096];
  auto got = ::read(0, buffer, sizeof buffer);
  if (got <= 0) {
    return false;
  }
  input_buffer.append(buffer, static_cast<std::size_t>(got));
  return true;
}

std::optional<std::string> next_line() {
  while (true) {
    auto newline = input_buffer.find('\n');
    if (newline != std::string::npos) {
      auto text = input_buffer.substr(0, newline);
      input_buffer.erase(0, newline + 1);
      if (!text.empty() && text.back() == '\r') {
        text.pop_back();
      }
      return text;
    }
    if (!fill(-1)) {
      return std::nullopt;
    }
  }
}

/// Staged slowness: input keeps being buffered until the deadline passes.
void stall_until(std::chrono::steady_clock::time_point deadline) {
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return;
    }
    if (!fill(left.count())) {
      return;
    }
  }
}

[[noreturn]] void hang() {
  note("fake: hanging");
  while (fill(-1)) {
    input_buffer.clear();
  }
  while (true) {
    ::pause();  // stdin closed: only a signal ends us
  }
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> result;
  std::string word;
  while (in >> word) {
    result.push_back(word);
  }
  return result;
}

std::string with_marker(std::string move, bool at_drops) {
  if (at_drops && move.size() == 4 && move[1] == '*') {
    move[1] = '@';
  }
  return move;
}

bool parse_int(const char* text, long& value) {
  char* end = nullptr;
  value = std::strtol(text, &end, 10);
  return end != text && *end == '\0';
}

/// What an engine that saves a file on quit does: the marker is complete
/// once it exists under its final name (written aside, then renamed).
void write_quit_marker(const std::string& path) {
  auto temp = path + ".tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    note("fake: cannot write the quit marker " + temp);
    return;
  }
  [[maybe_unused]] auto wrote = ::write(fd, "quit\n", 5);
  ::close(fd);
  ::rename(temp.c_str(), path.c_str());
  note("fake: wrote the quit marker");
}

/// A daemon-like grandchild: its own session (out of the engine's process
/// group), stdin and stdout detached, blocked until a signal kills it.
void start_setsid_grandchild() {
  auto pid = ::fork();
  if (pid < 0) {
    note("fake: fork failed");
    return;
  }
  if (pid == 0) {
    ::setsid();
    int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd >= 0) {
      ::dup2(null_fd, 0);
      ::dup2(null_fd, 1);
    }
    while (true) {
      ::pause();
    }
  }
  say("info string grandchild " + std::to_string(pid));
  note("fake: grandchild " + std::to_string(pid));
}

}  // namespace

int main(int argc, char** argv) {
  settings s;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    auto number = [&](auto& field) {
      long value = 0;
      if (i + 1 >= argc || !parse_int(argv[i + 1], value)) {
        note("fake: " + flag + " needs a number");
        std::exit(2);
      }
      ++i;
      field = static_cast<std::remove_reference_t<decltype(field)>>(value);
    };
    if (flag == "--name" && i + 1 < argc) {
      s.name = argv[++i];
    } else if (flag == "--banner") {
      s.banner = true;
    } else if (flag == "--die-at-start") {
      number(s.die_at_start);
    } else if (flag == "--slow-start-ms") {
      number(s.slow_start_ms);
    } else if (flag == "--slow-ready-ms") {
      number(s.slow_ready_ms);
    } else if (flag == "--no-usiok") {
      s.no_usiok = true;
    } else if (flag == "--no-readyok") {
      s.no_readyok = true;
    } else if (flag == "--crash-at-move") {
      number(s.crash_at);
    } else if (flag == "--hang-at-move") {
      number(s.hang_at);
    } else if (flag == "--wait-for-stop-at-move") {
      number(s.wait_for_stop_at);
    } else if (flag == "--resign-at-move") {
      number(s.resign_at);
    } else if (flag == "--declare-win-at-move") {
      number(s.declare_win_at);
    } else if (flag == "--illegal-move") {
      s.illegal_move = true;
    } else if (flag == "--wrong-side") {
      s.wrong_side = true;
    } else if (flag == "--bad-notation") {
      s.bad_notation = true;
    } else if (flag == "--garbage") {
      s.garbage = true;
    } else if (flag == "--at-drops") {
      s.at_drops = true;
    } else if (flag == "--ignore-quit") {
      s.ignore_quit = true;
    } else if (flag == "--ignore-sigterm") {
      s.ignore_sigterm = true;
    } else if (flag == "--cycle") {
      s.cycle = true;
    } else if (flag == "--quit-marker" && i + 1 < argc) {
      s.quit_marker = argv[++i];
    } else if (flag == "--setsid-grandchild") {
      s.setsid_grandchild = true;
    } else if (flag == "--close-stdout-at-move") {
      number(s.close_stdout_at);
    } else {
      note("fake: unknown flag " + flag);
      return 2;
    }
  }
  if (s.ignore_sigterm) {
    ::signal(SIGTERM, SIG_IGN);
  }
  if (s.die_at_start >= 0) {
    say("fatal: fake engine cannot start");
    note("fake: dying at start");
    return s.die_at_start;
  }
  if (s.setsid_grandchild) {
    start_setsid_grandchild();
  }
  if (s.banner) {
    say(s.name + " 1.0 by nobody (a fake USI engine)");
  }
  int move_in_game = 0;
  std::size_t plies = 0;
  bool stdout_closed = false;
  auto garbage = [&]() {
    if (s.garbage && !stdout_closed) {
      say("ｇａｒｂａｇｅ \x01\x02 line");
      say("bestmovex 7g7f");
      say("info depth x score cp");
      say("");
    }
  };
  while (auto command = next_line()) {
    note("< " + *command);
    auto tokens = words(*command);
    if (tokens.empty()) {
      continue;
    }
    const auto& head = tokens[0];
    if (head == "usi") {
      if (s.slow_start_ms > 0) {
        stall_until(std::chrono::steady_clock::now() + std::chrono::milliseconds(s.slow_start_ms));
      }
      garbage();
      say("id name " + s.name);
      say("id author tourney tests");
      say("option name USI_Hash type spin default 16 min 1 max 1024");
      say("option name Style type combo default normal var normal var wild");
      if (!s.no_usiok) {
        say("usiok");
      }
    } else if (head == "isready") {
      if (s.slow_ready_ms > 0) {
        stall_until(std::chrono::steady_clock::now() + std::chrono::milliseconds(s.slow_ready_ms));
      }
      if (!s.no_readyok) {
        say("readyok");
      }
    } else if (head == "usinewgame") {
      move_in_game = 0;
    } else if (head == "position") {
      plies = 0;
      bool in_moves = false;
      for (std::size_t i = 1; i < tokens.size(); ++i) {
        if (tokens[i] == "moves") {
          in_moves = true;
        } else if (in_moves) {
          if (s.at_drops && tokens[i].size() == 4 && tokens[i][1] == '*') {
            say("Bad move " + tokens[i] + " in movelist!");  // what Sjaak II does
            break;
          }
          ++plies;
        }
      }
    } else if (head == "go") {
      ++move_in_game;
      if (move_in_game == s.crash_at) {
        note("fake: crashing");
        std::abort();
      }
      if (move_in_game == s.hang_at) {
        hang();
      }
      if (move_in_game == s.close_stdout_at) {
        ::close(1);
        stdout_closed = true;
        note("fake: closed stdout");
        continue;
      }
      if (move_in_game == s.wait_for_stop_at) {
        say("info depth 1 string waiting for stop");
        while (auto next = next_line()) {
          note("< " + *next);
          if (*next == "stop") {
            break;
          }
        }
      }
      garbage();
      if (move_in_game == s.resign_at) {
        say("bestmove resign");
        continue;
      }
      if (move_in_game == s.declare_win_at) {
        say("bestmove win");
        continue;
      }
      std::string move;
      auto index = plies + (s.wrong_side ? 1 : 0);
      if (s.cycle) {
        index %= line.size();
      }
      if (s.illegal_move) {
        move = "5e5d";
      } else if (s.bad_notation) {
        move = "+7776FU";
      } else if (index < line.size()) {
        move = with_marker(line[index], s.at_drops);
      }
      if (move.empty()) {
        say("info depth 1 score mate -1 string out of book");
        say("bestmove resign");
        continue;
      }
      say("info depth 1 seldepth 2 nodes 42 time 1 score cp 17 pv " + move);
      garbage();
      say("bestmove " + move);
    } else if (head == "stop" || head == "gameover" || head == "setoption" || head == "ponderhit") {
      // nothing to do: no search runs between commands
    } else if (head == "quit") {
      if (!s.ignore_quit) {
        if (!s.quit_marker.empty()) {
          write_quit_marker(s.quit_marker);
        }
        note("fake: quitting");
        return 0;
      }
    } else {
      say("info string unknown command " + head);
    }
  }
  note("fake: end of input");
  return 0;
}
