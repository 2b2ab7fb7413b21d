#include "tourney/bench/floor_relay.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <thread>

#include "tourney/usi/child_process.hpp"

extern char** environ;

namespace tourney::bench {

namespace {

double process_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// One engine process on two plain pipes; reads block.
class piped_engine {
 public:
  piped_engine() = default;
  piped_engine(const piped_engine&) = delete;
  piped_engine& operator=(const piped_engine&) = delete;
  ~piped_engine() {
    if (pid_ > 0) {
      write_line("quit\n");
      ::close(in_);
      ::close(out_);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }

  std::string start(const std::string& path, const std::vector<std::string>& args) {
    int to_engine[2];
    int from_engine[2];
    if (::pipe2(to_engine, O_CLOEXEC) != 0 || ::pipe2(from_engine, O_CLOEXEC) != 0) {
      return std::string("pipe: ") + std::strerror(errno);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_engine[0], 0);
    posix_spawn_file_actions_adddup2(&actions, from_engine[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(path.c_str()));
    for (const auto& a : args) {
      argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    const int rc = ::posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(to_engine[0]);
    ::close(from_engine[1]);
    in_ = to_engine[1];
    out_ = from_engine[0];
    if (rc != 0) {
      pid_ = -1;
      return path + ": spawn: " + std::strerror(rc);
    }
    return {};
  }

  bool write_line(std::string_view text) {
    while (!text.empty()) {
      const auto n = ::write(in_, text.data(), text.size());
      if (n <= 0) {
        return false;
      }
      text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // The next line that starts with `prefix` (earlier lines are skipped), or
  // nullopt at the end of the engine's output.
  bool read_until(std::string_view prefix, std::string& line) {
    for (;;) {
      const auto nl = buffer_.find('\n', scanned_);
      if (nl == std::string::npos) {
        scanned_ = buffer_.size();
        char chunk[4096];
        const auto n = ::read(out_, chunk, sizeof chunk);
        if (n <= 0) {
          return false;
        }
        buffer_.append(chunk, static_cast<std::size_t>(n));
        continue;
      }
      const bool match = buffer_.compare(0, prefix.size(), prefix) == 0;
      if (match) {
        line.assign(buffer_, 0, nl);
      }
      buffer_.erase(0, nl + 1);
      scanned_ = 0;
      if (match) {
        return true;
      }
    }
  }

 private:
  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  std::string buffer_;
  std::size_t scanned_ = 0;
};

struct slot_result {
  std::string error;
  std::uint64_t games = 0;
  std::uint64_t plies = 0;
};

slot_result run_slot(const floor_relay_options& o, const std::string& path, std::atomic<int>& next_game) {
  slot_result out;
  piped_engine engines[2];
  std::string line;
  for (auto& e : engines) {
    if (auto error = e.start(path, o.args); !error.empty()) {
      out.error = error;
      return out;
    }
    if (!e.write_line("usi\n") || !e.read_until("usiok", line)) {
      out.error = path + ": no usiok";
      return out;
    }
    std::string options;
    for (const auto& [name, value] : o.engine_options) {
      options += "setoption name " + name + " value " + value + "\n";
    }
    if (!e.write_line(options)) {
      out.error = path + ": setoption failed";
      return out;
    }
  }
  const std::string go = o.go + "\n";
  for (int game = next_game.fetch_add(1); game < o.games; game = next_game.fetch_add(1)) {
    for (auto& e : engines) {
      if (!e.write_line("usinewgame\nisready\n") || !e.read_until("readyok", line)) {
        out.error = path + ": no readyok";
        return out;
      }
    }
    std::string position = "position startpos moves";
    int ply = 0;
    for (; ply < o.max_plies; ++ply) {
      auto& e = engines[(ply + game) % 2];
      if (!e.write_line(position + "\n" + go) || !e.read_until("bestmove", line)) {
        out.error = path + ": ended during a game";
        return out;
      }
      const auto move = std::string_view(line).substr(9, line.find(' ', 9) - 9);
      if (move == "resign" || move == "win") {
        break;
      }
      position += ' ';
      position += move;
    }
    out.plies += static_cast<std::uint64_t>(ply);
    ++out.games;
  }
  return out;
}

}  // namespace

floor_relay_result run_floor_relay(const floor_relay_options& o) {
  floor_relay_result out;
  auto path = usi::resolve_command(o.engine);
  if (!path) {
    out.error = path.error().message;
    return out;
  }
  std::atomic<int> next_game{0};
  std::vector<slot_result> slots(static_cast<std::size_t>(std::max(1, o.concurrency)));
  const double cpu0 = process_cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  {
    std::vector<std::thread> threads;
    for (auto& slot : slots) {
      threads.emplace_back([&o, &path, &next_game, &slot] { slot = run_slot(o, *path, next_game); });
    }
    for (auto& t : threads) {
      t.join();
    }
  }
  out.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out.cpu_s = process_cpu_seconds() - cpu0;
  for (const auto& slot : slots) {
    out.games += slot.games;
    out.plies += slot.plies;
    if (out.error.empty()) {
      out.error = slot.error;
    }
  }
  return out;
}

}  // namespace tourney::bench
