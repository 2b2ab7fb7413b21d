// The persistence actor: every file write of the runtime, on its own thread,
// so no game or tournament actor ever waits on a disk. Appends to games.jsonl
// are group-committed: lines queued while a batch is being written are
// written and synced together by the next flush.
#include <map>
#include <vector>

#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/response_promise.hpp"
#include "caf/stateful_actor.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/type_ids.hpp"
#include "tourney/storage/atomic_file.hpp"
#include "tourney/storage/jsonl_writer.hpp"

namespace tourney::detail {

namespace {

std::string parent_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

struct open_files {
  storage::jsonl_writer games;
  std::string error;  // a failed open or write: every later append fails with it
  std::vector<caf::response_promise> waiting;  // appends not yet durable
};

struct persistence_state {
  static inline const char* name = "persistence";
  std::map<std::string, open_files> files;
  bool flush_scheduled = false;

  std::string open(const std::string& id, const std::string& folder) {
    auto& f = files[id];
    if (auto ok = storage::make_directory(parent_of(folder), false); !ok) {
      f.error = ok.error().message;
      return f.error;
    }
    if (auto ok = storage::make_directory(folder, true); !ok) {
      f.error = ok.error().message;
      return f.error;
    }
    auto w = storage::jsonl_writer::open(folder + "/games.jsonl");
    if (!w) {
      f.error = w.error().message;
      return f.error;
    }
    f.games = std::move(*w);
    return {};
  }

  // Writes and syncs every buffered line, then answers their senders.
  void flush() {
    flush_scheduled = false;
    for (auto& [id, f] : files) {
      if (f.waiting.empty()) {
        continue;
      }
      std::string result = f.error;
      if (result.empty()) {
        if (auto ok = f.games.commit(); !ok) {
          f.error = ok.error().message;
          result = f.error;
        }
      }
      for (auto& rp : f.waiting) {
        rp.deliver(result);
      }
      f.waiting.clear();
    }
  }
};

using persistence_self = caf::stateful_actor<persistence_state>;

// `label` only names the actor's purpose: CAF 0.17.6 dereferences a null
// argument tuple for function actors spawned without arguments (UBSan).
caf::behavior persistence_behavior(persistence_self* self, const std::string& label) {
  (void)label;
  return {
      [self](atom::open, const std::string& id, const std::string& folder) -> std::string {
        return self->state.open(id, folder);
      },
      [self](atom::append, const std::string& id, const std::string& line) -> caf::result<std::string> {
        auto& st = self->state;
        auto it = st.files.find(id);
        if (it == st.files.end()) {
          return std::string("games.jsonl of tournament " + id + " is not open");
        }
        auto rp = self->make_response_promise();
        if (it->second.error.empty()) {
          it->second.games.append(line);
        }
        it->second.waiting.push_back(rp);
        if (!st.flush_scheduled) {
          // Goes behind every append already queued: they share one sync.
          st.flush_scheduled = true;
          self->send(self, atom::flush_v);
        }
        return rp;
      },
      [self](atom::flush) { self->state.flush(); },
      [self](atom::finalize, const std::string& id, const std::string& folder,
             const std::string& json) -> std::string {
        auto& st = self->state;
        st.flush();
        st.files.erase(id);
        // A tournament cancelled while queued has no folder yet.
        if (auto ok = storage::make_directory(parent_of(folder), false); !ok) {
          return ok.error().message;
        }
        if (auto ok = storage::make_directory(folder, false); !ok) {
          return ok.error().message;
        }
        if (auto ok = storage::write_file_atomically(folder + "/tournament.json", json); !ok) {
          return ok.error().message;
        }
        return {};
      },
  };
}

}  // namespace

persistence_actor spawn_persistence(caf::actor_system& sys, bool detached) {
  if (detached) {
    return sys.spawn<caf::detached>(persistence_behavior, std::string("persistence"));
  }
  return sys.spawn(persistence_behavior, std::string("persistence"));
}

}  // namespace tourney::detail
