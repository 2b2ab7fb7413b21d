#pragma once
// Embedding tourney in a host that already runs a CAF actor system: the
// runtime joins that system instead of owning one. The one public header
// that names CAF.
//
//   caf::actor_system_config cfg;
//   tourney::add_message_types(cfg);
//   caf::actor_system sys{cfg};
//   {
//     tourney::runtime rt = tourney::join(sys, options);
//     if (auto id = rt.start(spec)) {  // as with a runtime of its own
//       auto final = rt.wait(*id, std::chrono::minutes(10));
//     }
//     rt.shutdown();
//   }  // the runtime's actors have ended; `sys` runs on
#include "caf/fwd.hpp"

#include "tourney/runtime.hpp"

namespace tourney {

/// A runtime whose actors run on the host's `sys`, which must outlive it.
/// Shutting it down (or destroying it) ends only the runtime's own actors.
/// Workers (options.workers) need `sys` to load caf::io::middleman.
[[nodiscard]] runtime join(caf::actor_system& sys, runtime_options options = {});

/// Registers tourney's type-ID block in a host's configuration (local
/// messaging needs no registration; this is for hosts that want the names).
void add_message_types(caf::actor_system_config& cfg);

}  // namespace tourney
