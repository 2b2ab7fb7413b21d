// instant_engine [--stamps DIR] [--seed N]: a tiny USI engine for the relay
// latency figure of `tourney bench usi`. It answers every `go` at once with a
// random legal move (libtourney's rules core) and, given --stamps, records
// per move two CLOCK_MONOTONIC instants in DIR/stamps.<pid>:
//   o <key> <ns>   right before its `bestmove` line is written
//   i <key> <ns>   right when a `go` line was read
// <key> names the moves played so far (after the bestmove, or of the position
// the go is for), so an `o` of one engine process and the `i` of its opponent
// with the same key bound the manager's relay of that move. Both instants are
// taken in engine processes of one machine, which share CLOCK_MONOTONIC.
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <string_view>

#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"

namespace {

std::int64_t monotonic_ns() {
  timespec t{};
  ::clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// FNV-1a over the position's text (start and moves, single spaces).
std::uint64_t key_of(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const auto n = ::write(fd, text.data(), text.size());
    if (n <= 0) {
      return;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

class engine {
 public:
  engine(int stamps_fd, std::uint64_t seed) : stamps_fd_(stamps_fd), random_(seed) {}

  // false on quit
  bool on_line(std::string_view line) {
    if (line == "usi") {
      write_all(1, "id name instant_engine\nid author tourney bench\nusiok\n");
    } else if (line == "isready") {
      write_all(1, "readyok\n");
    } else if (line.rfind("position ", 0) == 0) {
      set_position(line.substr(9));
    } else if (line.rfind("go", 0) == 0) {
      go();
    } else if (line == "quit") {
      return false;
    }
    return true;
  }

 private:
  void set_position(std::string_view text) {
    // "startpos [moves ...]" or "sfen <4 fields> [moves ...]"
    text_.assign(text);
    const auto moves_at = text.find(" moves");
    const auto start = text.substr(0, moves_at);
    if (start == "startpos") {
      pos_ = tourney::shogi::position::startpos();
    } else if (start.rfind("sfen ", 0) == 0) {
      auto parsed = tourney::shogi::position::from_sfen(start.substr(5));
      pos_ = parsed ? *parsed : tourney::shogi::position::startpos();
    }
    if (moves_at == std::string_view::npos) {
      text_ += " moves";  // so that "<text> <move>" is the next position's text
      return;
    }
    auto rest = text.substr(moves_at + 6);
    while (!rest.empty()) {
      while (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
      }
      const auto end = rest.find(' ');
      const auto token = rest.substr(0, end);
      if (!token.empty()) {
        if (auto m = tourney::shogi::parse_legal_usi_move(pos_, token)) {
          pos_.play(*m);
        }
      }
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    }
  }

  void stamp(char kind, std::string_view text, std::int64_t ns) {
    if (stamps_fd_ < 0) {
      return;
    }
    char line[64];
    const int n = std::snprintf(line, sizeof line, "%c %016llx %lld\n", kind,
                                static_cast<unsigned long long>(key_of(text)), static_cast<long long>(ns));
    write_all(stamps_fd_, std::string_view(line, static_cast<std::size_t>(n)));
  }

  void go() {
    const auto received = monotonic_ns();
    const auto moves = pos_.legal_moves();
    if (moves.empty()) {
      write_all(1, "bestmove resign\n");
      stamp('i', text_, received);
      return;
    }
    std::uniform_int_distribution<std::size_t> pick(0, moves.size() - 1);
    const auto move = tourney::shogi::to_usi(moves[pick(random_)]);
    // Stamped just before the write: a manager may relay the move and the
    // opponent read its go before this write returns here.
    const auto sent = monotonic_ns();
    write_all(1, "bestmove " + move + "\n");
    stamp('i', text_, received);
    stamp('o', text_ + " " + move, sent);
  }

  int stamps_fd_;
  std::mt19937_64 random_;
  tourney::shogi::position pos_ = tourney::shogi::position::startpos();
  std::string text_ = "startpos moves";
};

}  // namespace

int main(int argc, char** argv) {
  std::string stamps_dir;
  std::uint64_t seed = static_cast<std::uint64_t>(monotonic_ns()) ^ (static_cast<std::uint64_t>(::getpid()) << 32);
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--stamps") == 0) {
      stamps_dir = argv[i + 1];
    } else if (std::strcmp(argv[i], "--seed") == 0) {
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    }
  }
  int stamps_fd = -1;
  if (!stamps_dir.empty()) {
    const auto path = stamps_dir + "/stamps." + std::to_string(::getpid());
    stamps_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (stamps_fd < 0) {
      std::fprintf(stderr, "instant_engine: %s: %s\n", path.c_str(), std::strerror(errno));
      return 1;
    }
  }
  engine e(stamps_fd, seed);
  std::string pending;
  char buffer[65536];
  for (;;) {
    const auto n = ::read(0, buffer, sizeof buffer);
    if (n <= 0) {
      return 0;
    }
    pending.append(buffer, static_cast<std::size_t>(n));
    std::size_t from = 0;
    for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n', from)) {
      auto line = std::string_view(pending).substr(from, nl - from);
      if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
      }
      from = nl + 1;
      if (!e.on_line(line)) {
        return 0;
      }
    }
    pending.erase(0, from);
  }
}
