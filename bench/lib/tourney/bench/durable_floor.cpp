#include "tourney/bench/durable_floor.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string_view>

namespace tourney::bench {

namespace {

class floor_failure {
 public:
  explicit floor_failure(std::string what) : what_(std::move(what)) {}
  const std::string& what() const {
    return what_;
  }

 private:
  std::string what_;
};

void check(bool ok, const std::string& what) {
  if (!ok) {
    throw floor_failure(what + ": " + std::strerror(errno));
  }
}

void write_all(int fd, std::string_view text, const std::string& what) {
  while (!text.empty()) {
    const auto n = ::write(fd, text.data(), text.size());
    check(n > 0, what);
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

void sync_directory(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  check(fd >= 0, path);
  check(::fsync(fd) == 0, path + ": fsync");
  ::close(fd);
}

void write_synced(const std::string& folder, const std::string& name, std::string_view text) {
  const auto path = folder + "/" + name;
  const auto temp = path + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  check(fd >= 0, temp);
  write_all(fd, text, temp);
  check(::fsync(fd) == 0, temp + ": fsync");
  ::close(fd);
  check(::rename(temp.c_str(), path.c_str()) == 0, path + ": rename");
  sync_directory(folder);
}

std::string format(const char* pattern, const std::string& a, const std::string& b, const std::string& c) {
  char text[1024];
  const int n = std::snprintf(text, sizeof text, pattern, a.c_str(), b.c_str(), c.c_str());
  return std::string(text, static_cast<std::size_t>(n));
}

void play_tournament(const std::string& dir, int number, int opponents, int games_per_pairing,
                     bool sync_per_game) {
  const auto id = "floor" + std::to_string(number);
  const auto folder = dir + "/" + id;
  check(::mkdir(folder.c_str(), 0755) == 0, folder);
  sync_directory(dir);
  const auto lock_path = folder + "/lock";
  const int lock = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  check(lock >= 0 && ::flock(lock, LOCK_EX | LOCK_NB) == 0, lock_path);
  const auto journal_path = folder + "/games.jsonl";
  const int journal = ::open(journal_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  check(journal >= 0, journal_path);
  sync_directory(folder);
  const std::string checkpoint(1500, ' ');  // a spec and the planned games, about this long
  write_synced(folder, "tournament.json", "{\"status\":\"running\"," + checkpoint + "}\n");
  const auto csa_path = folder + "/games.csa";
  const int csa = ::open(csa_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  check(csa >= 0, csa_path);
  int index = 0;
  for (int opponent = 1; opponent <= opponents; ++opponent) {
    for (int g = 0; g < games_per_pairing; ++g, ++index) {
      char number_text[16];
      std::snprintf(number_text, sizeof number_text, "%05d", index);
      const auto game_id = id + "-" + number_text;
      const auto black = g % 2 == 0 ? std::string("agent") : "opponent" + std::to_string(opponent);
      const auto white = g % 2 == 0 ? "opponent" + std::to_string(opponent) : std::string("agent");
      write_all(journal,
                format("{\"black\":\"%s\",\"book_plies\":0,\"detail\":\"black resigned\",\"duration_s\":1.2e-05,"
                       "\"end_time\":\"2026-12-08T01:58:14.652Z\",\"game_id\":\"%s\",\"index\":0,\"move_ms\":[],"
                       "\"moves\":[],\"plies\":0,\"reason\":\"resign\",\"result\":\"white_win\",\"round\":0,"
                       "\"start_sfen\":\"lnsgkgsnl/1r5b1/ppppppppp/9/9/9/PPPPPPPPP/1B5R1/LNSGKGSNL b - 1\","
                       "\"start_time\":\"2026-12-08T01:58:14.652Z\",\"white\":\"%s\"}\n",
                       black, game_id, white),
                journal_path);
      if (sync_per_game) {
        check(::fdatasync(journal) == 0, journal_path + ": fdatasync");
      }
      write_all(csa,
                std::string(index == 0 ? "" : "/\n") +
                    format("V2.2\nN+%s\nN-%s\n$START_TIME:2026/12/08 01:58:14\n$END_TIME:2026/12/08 01:58:14\n"
                            "'game_id: %s\nPI\n+\n%%TORYO\n'tourney result=white_win reason=resign detail=black "
                            "resigned\n",
                            black, white, game_id),
                csa_path);
    }
  }
  if (!sync_per_game) {
    check(::fdatasync(journal) == 0, journal_path + ": fdatasync");
  }
  ::close(journal);
  ::close(csa);
  write_synced(folder, "tournament.json", "{\"status\":\"completed\"," + checkpoint + "}\n");
  ::close(lock);
}

}  // namespace

durable_floor_result run_durable_floor(const std::string& dir, int tournaments, int opponents,
                                       int games_per_pairing, bool sync_per_game) {
  durable_floor_result out;
  const auto t0 = std::chrono::steady_clock::now();
  try {
    for (int t = 0; t < tournaments; ++t) {
      play_tournament(dir, t, opponents, games_per_pairing, sync_per_game);
    }
  } catch (const floor_failure& failure) {
    out.error = failure.what();
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace tourney::bench
