#pragma once
// Embedding tourney in a host that already runs a CAF actor system: the
// runtime joins that system instead of owning one.
#include "caf/fwd.hpp"

#include "tourney/runtime.hpp"

namespace tourney {

class hosted_runtime : public runtime {
 public:
  /// `sys` must outlive this runtime.
  hosted_runtime(caf::actor_system& sys, runtime_options options = {});
};

/// Registers tourney's type-ID block in a host's configuration (local
/// messaging needs no registration; this is for hosts that want the names).
void add_message_types(caf::actor_system_config& cfg);

}  // namespace tourney
