// The persistence actor: every file write of the runtime, on its own thread,
// so no game or tournament actor ever waits on a disk. Appends to games.jsonl
// are group-committed: lines queued while a batch is being written are
// written and synced together by the next flush. Each batch's games are then
// appended to the tournament's games.csa in one write (not synced). With
// per-game record files on, each game's CSA and KIF files are written after
// its line is durable, one game per message, so a later batch never waits
// behind more than one game's files.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include <sys/stat.h>

#include "caf/typed_event_based_actor.hpp"
#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/response_promise.hpp"
#include "caf/stateful_actor.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/errors.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/durable/game_files.hpp"
#include "tourney/durable/group_commit.hpp"
#include "tourney/durable/tournament_csa.hpp"
#include "tourney/results/live_report.hpp"
#include "tourney/storage/atomic_file.hpp"
#include "tourney/storage/jsonl_writer.hpp"
#include "tourney/storage/parent_of.hpp"

namespace tourney::detail {

namespace {

// A games.jsonl line and, for a game played here, its record (the game
// files are written from it; a remote game's line is parsed instead).
struct appended_game {
  std::string line;
  std::shared_ptr<const record::game_record> record;
};

struct open_files {
  /// One writer per folder, held until the final tournament.json is written.
  std::shared_ptr<storage::folder_lock> lock;
  storage::jsonl_writer games;
  durable::tournament_csa_file csa;  // every durable game, appended per batch
  std::string error;  // a failed open or write: every later append fails with it
  std::vector<caf::response_promise> waiting;  // appends not yet durable
  std::string folder;
  std::vector<appended_game> lines;        // appended, not yet durable
  std::deque<appended_game> records;       // durable, game files not yet written
  /// Journaled games whose record is not kept in `records` (the backlog was
  /// full): their files are rewritten from the journal at the end.
  bool records_behind = false;
  std::string record_error;                // the first failed game file (reported once)
  /// When report.html is rewritten (runtime_options::live_report), and the
  /// games made durable since the folder was opened.
  std::optional<results::live_report_policy> live_report;
  std::uint64_t committed = 0;
};

// Games whose record files wait in memory. Files are slower to create than
// instant games finish; past this the records are not kept (memory stays
// flat per finished game) and the files come from the journal at the end.
constexpr std::size_t record_backlog_limit = 1024;
// A cancelled or failed tournament writes waiting record files for at most
// this long before its final tournament.json (cancel stays bounded); the
// rest are written by the next resume (durable::repair_game_files).
constexpr auto record_budget_when_stopped = std::chrono::milliseconds(200);

struct persistence_state {
  static inline const char* name = "persistence";
  std::map<std::string, open_files> files;
  durable::group_commit commit;  // when the journals are synced
  bool game_files = false;  // per-game .csa and .kifu files too (runtime_options)
  results::live_report_options live_report;

  // A new tournament gets a new folder; a resumed one appends to its own.
  // The checkpoint tournament.json (spec, planned games, status running) is
  // on disk before any game counts, so a crash at any moment is resumable.
  std::string open(const std::string& id, const std::string& folder, bool resuming,
                   std::shared_ptr<storage::folder_lock> lock, const std::string& checkpoint) {
    auto& f = files[id];
    f.folder = folder;
    if (!resuming) {
      if (auto ok = storage::make_directory(storage::parent_of(folder), false); !ok) {
        f.error = ok.error().message;
        return f.error;
      }
      if (auto ok = storage::make_directory(folder, true); !ok) {
        f.error = ok.error().message;
        return f.error;
      }
    }
    if (!lock) {
      auto taken = storage::folder_lock::acquire(folder);
      if (!taken) {
        f.error = taken.error().message;
        return f.error;
      }
      lock = std::make_shared<storage::folder_lock>(std::move(*taken));
    }
    f.lock = std::move(lock);
    if (live_report.enabled) {
      f.live_report.emplace(live_report);
    }
    auto w = storage::jsonl_writer::open(folder + "/games.jsonl");
    if (!w) {
      f.error = w.error().message;
      return f.error;
    }
    f.games = std::move(*w);
    // The new journal's directory entry must survive a power cut too (a
    // resumed folder's journal is there already). games.csa is not synced.
    if (!resuming) {
      if (auto ok = storage::sync_directory(folder); !ok) {
        f.error = ok.error().message;
        return f.error;
      }
    }
    if (auto csa = durable::tournament_csa_file::open(folder); csa) {
      f.csa = std::move(*csa);
    } else {
      f.record_error = csa.error().message;
      std::fprintf(stderr, "tourney: %s\n", f.record_error.c_str());
    }
    if (!checkpoint.empty()) {
      if (auto ok = storage::write_file_atomically(folder + "/tournament.json", checkpoint); !ok) {
        f.error = ok.error().message;
        return f.error;
      }
    }
    return {};
  }

  // Writes one game's CSA and KIF files; true if more are waiting.
  bool write_one_record(open_files& f) {
    if (f.records.empty()) {
      return false;
    }
    auto game = std::move(f.records.front());
    f.records.pop_front();
    auto ok = game.record ? durable::write_game_files(f.folder, *game.record)
                          : durable::write_game_files(f.folder, game.line);
    if (!ok && f.record_error.empty()) {
      // The journal holds the game; only its GUI files are missing.
      f.record_error = ok.error().message;
      std::fprintf(stderr, "tourney: game record files not written: %s\n", f.record_error.c_str());
    }
    return !f.records.empty();
  }

  bool write_records_once() {
    bool more = false;
    for (auto& [id, f] : files) {
      more = write_one_record(f) || more;
    }
    return more;
  }

  // Writes and syncs every buffered line, then answers their senders.
  void flush() {
    if (commit.on_flush() == 0) {
      return;
    }
    for (auto& [id, f] : files) {
      if (f.waiting.empty()) {
        continue;
      }
      std::string result = f.error;
      if (result.empty()) {
        if (auto ok = f.games.commit(); !ok) {
          f.error = ok.error().message;
          result = f.error;
        } else if (struct stat info {}; ::stat(f.games.path().c_str(), &info) != 0) {
          // Writes to an unlinked file succeed: a removed results folder is
          // noticed here, not at the end (one stat per batch).
          f.error = f.games.path() + ": vanished (" + std::strerror(errno) + "): was the results folder removed?";
          result = f.error;
        }
      }
      for (auto& rp : f.waiting) {
        if (result.empty()) {
          rp.deliver(caf::unit);
        } else {
          rp.deliver(make_error(errc::storage_failed, result));
        }
      }
      f.waiting.clear();
      if (result.empty()) {
        f.committed += f.lines.size();
        append_tournament_csa(f);
      }
      if (result.empty() && game_files) {
        for (auto& line : f.lines) {
          if (f.records.size() < record_backlog_limit) {
            f.records.push_back(std::move(line));
          } else {
            f.records_behind = true;
          }
        }
      }
      f.lines.clear();
    }
  }
  bool records_scheduled = false;

  // The batch's durable games, one write to games.csa.
  static void append_tournament_csa(open_files& f) {
    std::string entries;
    bool first = !f.csa.has_games();
    for (const auto& game : f.lines) {
      auto entry = game.record ? durable::tournament_csa_entry(*game.record, first)
                               : durable::tournament_csa_entry(game.line, first);
      first = first && entry.empty();
      entries += entry;
    }
    if (entries.empty()) {
      return;
    }
    if (auto ok = f.csa.append(entries); !ok && f.record_error.empty()) {
      // The journal holds the games; resume rewrites games.csa from it.
      f.record_error = ok.error().message;
      std::fprintf(stderr, "tourney: %s not written: %s\n", std::string(durable::tournament_csa_name).c_str(),
                   f.record_error.c_str());
    }
  }
};

using persistence_self = persistence_actor::stateful_pointer<persistence_state>;

// The answer to a request whose work is done: nothing, or what failed.
caf::result<void> done_or_failed(const std::string& error) {
  if (error.empty()) {
    return caf::unit;
  }
  return make_error(errc::storage_failed, error);
}

// After a commit: a report.html rewrite for each tournament whose policy says
// so, as a message of its own (never inside the commit), now or later.
void schedule_reports(persistence_self self) {
  const auto now = std::chrono::steady_clock::now();
  for (auto& [id, f] : self->state.files) {
    if (!f.live_report || !f.error.empty()) {
      continue;
    }
    if (auto at = f.live_report->on_committed(f.committed, now)) {
      if (*at <= now) {
        self->send(self, atom::report_v, id, false);
      } else {
        self->delayed_send(self, *at - now, atom::report_v, id, false);
      }
    }
  }
}

// A game's journal line: answered once a group commit has made it durable.
caf::result<void> append(persistence_self self, const std::string& id, const std::string& line,
                         std::shared_ptr<const record::game_record> record) {
  auto& st = self->state;
  auto it = st.files.find(id);
  if (it == st.files.end()) {
    return make_error(errc::storage_failed, "games.jsonl of tournament " + id + " is not open");
  }
  auto rp = self->make_response_promise();
  if (it->second.error.empty()) {
    it->second.games.append(line);
    it->second.lines.push_back({line, std::move(record)});
  }
  it->second.waiting.push_back(rp);
  if (st.commit.on_append()) {
    // Goes behind every append already queued: they share one sync.
    self->send(self, atom::flush_v);
  }
  return rp;
}

// A report.html rewrite waits once behind appends already queued, so their
// commit goes first (only once: a steady stream must not starve it).
void rewrite_report(persistence_self self, const std::string& id, bool deferred) {
  auto& st = self->state;
  auto it = st.files.find(id);
  if (it == st.files.end() || !it->second.live_report) {
    return;  // finalized meanwhile: the final page is written there
  }
  if (st.commit.waiting() > 0 && !deferred) {
    self->send(self, atom::report_v, id, true);
    return;
  }
  auto& f = it->second;
  if (auto ok = results::write_live_report(f.folder, results::report_durability::atomic); !ok) {
    std::fprintf(stderr, "tourney: %s not rewritten: %s\n", results::live_report_file, ok.error().message.c_str());
  }
  f.live_report->rewritten(f.committed, std::chrono::steady_clock::now());
}

// A tournament's end: its last lines and records, then tournament.json
// (and the final report.html), then its folder's lock is let go.
caf::result<void> finalize(persistence_self self, const std::string& id, const std::string& folder,
                           const std::string& json, bool completed) {
  auto& st = self->state;
  st.flush();
  std::shared_ptr<storage::folder_lock> lock;  // released once tournament.json is final
  if (auto it = st.files.find(id); it != st.files.end()) {
    auto& f = it->second;
    const auto budget_end = std::chrono::steady_clock::now() + record_budget_when_stopped;
    while (!f.records.empty() && (completed || std::chrono::steady_clock::now() < budget_end)) {
      st.write_one_record(f);
    }
    if (completed && f.records_behind && f.error.empty()) {
      if (auto ok = durable::repair_all_game_files(folder); !ok) {
        std::fprintf(stderr, "tourney: game record files not written: %s\n", ok.error().message.c_str());
      }
    } else if (!completed && (f.records_behind || !f.records.empty())) {
      std::fprintf(stderr,
                   "tourney: %s: the record files (.csa, .kifu) of the last games are not written yet; "
                   "`tourney run --resume` writes them from the journal\n",
                   folder.c_str());
    }
    lock = std::move(f.lock);
  }
  st.files.erase(id);
  // A tournament cancelled while queued has no folder yet.
  if (auto ok = storage::make_directory(storage::parent_of(folder), false); !ok) {
    return done_or_failed(ok.error().message);
  }
  if (auto ok = storage::make_directory(folder, false); !ok) {
    return done_or_failed(ok.error().message);
  }
  if (auto ok = storage::write_file_atomically(folder + "/tournament.json", json); !ok) {
    return done_or_failed(ok.error().message);
  }
  if (st.live_report.enabled) {
    // The final page: what `tourney report DIR --html` makes now.
    if (auto ok = results::write_live_report(folder, results::report_durability::durable); !ok) {
      std::fprintf(stderr, "tourney: %s not written: %s\n", results::live_report_file, ok.error().message.c_str());
    }
  }
  return caf::unit;
}

// `label` only names the actor's purpose: CAF 0.17.6 dereferences a null
// argument tuple for function actors spawned without arguments (UBSan).
persistence_actor::behavior_type persistence_behavior(persistence_self self, const std::string& label,
                                                      bool game_files, results::live_report_options live_report) {
  (void)label;
  self->state.game_files = game_files;
  self->state.live_report = live_report;
  return {
      [self](atom::open, const std::string& id, const std::string& folder, bool resuming,
             std::shared_ptr<storage::folder_lock>& lock, const std::string& checkpoint) -> caf::result<void> {
        return done_or_failed(self->state.open(id, folder, resuming, std::move(lock), checkpoint));
      },
      [self](atom::append, const std::string& id, const std::string& line,
             std::shared_ptr<const record::game_record>& record) { return append(self, id, line, std::move(record)); },
      [self](atom::flush) {
        auto& st = self->state;
        st.flush();
        schedule_reports(self);
        if (!st.records_scheduled) {
          st.records_scheduled = true;
          self->send(self, atom::run_v);
        }
      },
      // One game's record files per message: appends queued meanwhile go first.
      [self](atom::run) {
        auto& st = self->state;
        st.records_scheduled = st.write_records_once();
        if (st.records_scheduled) {
          self->send(self, atom::run_v);
        }
      },
      [self](atom::report, const std::string& id, bool deferred) { rewrite_report(self, id, deferred); },
      [self](atom::finalize, const std::string& id, const std::string& folder, const std::string& json,
             bool completed) { return finalize(self, id, folder, json, completed); },
  };
}

}  // namespace

persistence_actor spawn_persistence(caf::actor_system& sys, bool detached, bool game_files,
                                    results::live_report_options live_report) {
  if (detached) {
    return sys.spawn<caf::detached>(persistence_behavior, std::string("persistence"), game_files, live_report);
  }
  return sys.spawn(persistence_behavior, std::string("persistence"), game_files, live_report);
}

}  // namespace tourney::detail
