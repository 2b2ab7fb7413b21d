#include "tourney/durable/tournament_csa.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "tourney/record/csa.hpp"
#include "tourney/record/json.hpp"
#include "tourney/storage/atomic_file.hpp"

namespace tourney::durable {

std::string tournament_csa_entry(const record::game_record& rec, bool first) {
  if (rec.game_id.empty() || rec.start_sfen.empty()) {
    return {};
  }
  auto csa = record::to_csa(rec);
  if (!csa) {
    return {};
  }
  std::string entry = first ? std::string() : std::string("/\n");
  entry += *csa;
  if (!entry.empty() && entry.back() != '\n') {
    entry.push_back('\n');
  }
  return entry;
}

std::string tournament_csa_entry(std::string_view journal_line, bool first) {
  auto rec = record::parse_json_line(journal_line);
  return rec ? tournament_csa_entry(*rec, first) : std::string();
}

expected<tournament_csa_file> tournament_csa_file::open(const std::string& folder) {
  tournament_csa_file f;
  f.path_ = folder + "/" + std::string(tournament_csa_name);
  f.fd_ = ::open(f.path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (f.fd_ < 0) {
    return fail(fmt::format("{}: open: {}", f.path_, std::strerror(errno)));
  }
  struct stat info {};
  f.has_games_ = ::fstat(f.fd_, &info) == 0 && info.st_size > 0;
  return f;
}

tournament_csa_file::tournament_csa_file(tournament_csa_file&& other) noexcept
    : fd_(other.fd_), path_(std::move(other.path_)), has_games_(other.has_games_) {
  other.fd_ = -1;
}

tournament_csa_file& tournament_csa_file::operator=(tournament_csa_file&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    has_games_ = other.has_games_;
    other.fd_ = -1;
  }
  return *this;
}

tournament_csa_file::~tournament_csa_file() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

expected<void> tournament_csa_file::append(std::string_view entries) {
  if (fd_ < 0) {
    return fail(path_ + ": not open");
  }
  auto written = storage::write_all(fd_, entries, path_);
  if (written) {
    has_games_ = has_games_ || !entries.empty();
  } else if (struct stat info {}; ::fstat(fd_, &info) == 0) {
    has_games_ = info.st_size > 0;  // a short write still left a game to separate from
  }
  return written;
}

expected<std::size_t> rewrite_tournament_csa(const std::string& folder) {
  const auto journal = folder + "/games.jsonl";
  std::ifstream in(journal, std::ios::binary);
  if (!in) {
    return fail(fmt::format("{}: cannot read to write {}: {}", journal, tournament_csa_name, std::strerror(errno)));
  }
  std::string text;
  std::size_t games = 0;
  std::string line;
  while (std::getline(in, line)) {
    auto entry = tournament_csa_entry(line, games == 0);
    if (!entry.empty()) {
      text += entry;
      ++games;
    }
  }
  TOURNEY_TRY(storage::write_file_atomically(folder + "/" + std::string(tournament_csa_name), text));
  return games;
}

}  // namespace tourney::durable
