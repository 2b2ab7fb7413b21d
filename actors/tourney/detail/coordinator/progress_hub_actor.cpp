// The progress hub: pushes each event into every subscriber's queue. Pushing
// never blocks on a consumer (queues coalesce progress events), so a slow
// subscriber cannot slow the supervisor or any game.
#include <utility>
#include <vector>

#include "caf/typed_event_based_actor.hpp"
#include "caf/actor_system.hpp"
#include "caf/event_based_actor.hpp"
#include "caf/stateful_actor.hpp"

#include "tourney/detail/actors.hpp"
#include "tourney/detail/type_ids.hpp"

namespace tourney::detail {

namespace {

struct hub_state {
  static inline const char* name = "progress_hub";
  std::vector<std::pair<std::uint64_t, std::shared_ptr<rt::event_queue>>> subscribers;
};

// `label`: see persistence_actor.cpp (CAF 0.17.6 and argument-less spawns).
progress_hub_actor::behavior_type hub_behavior(progress_hub_actor::stateful_pointer<hub_state> self,
                                               const std::string& label) {
  (void)label;
  return {
      [self](atom::subscribe, std::uint64_t id, std::shared_ptr<rt::event_queue> q) {
        self->state.subscribers.emplace_back(id, std::move(q));
        return true;
      },
      [self](atom::unsubscribe, std::uint64_t id) {
        auto& subs = self->state.subscribers;
        for (auto it = subs.begin(); it != subs.end(); ++it) {
          if (it->first == id) {
            subs.erase(it);
            return true;
          }
        }
        return false;
      },
      [self](atom::event, const rt::tournament_event& e) {
        for (auto& [id, q] : self->state.subscribers) {
          q->push(e);
        }
      },
  };
}

}  // namespace

progress_hub_actor spawn_progress_hub(caf::actor_system& sys) {
  return sys.spawn(hub_behavior, std::string("progress_hub"));
}

}  // namespace tourney::detail
