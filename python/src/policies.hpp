#pragma once
// Python policies as tourney policies: a per-position callable as a
// players::player factory, a batched callable as a batch_evaluate. Both run
// on the runtime's policy threads and enter Python only through the gate.
#include <memory>
#include <optional>
#include <string>

#include "common.hpp"
#include "tourney/batched_policy.hpp"
#include "tourney/encoding/layout.hpp"
#include "tourney/policy_options.hpp"

namespace tourney::python {

/// What a policy's calls need: the callable (a borrowed reference, owned by
/// the Runtime object until its threads are out of Python), its name for
/// messages, and the runtime's gate.
struct policy_target {
  std::shared_ptr<host_gate> gate;
  py::handle fn;
  std::string name;
  /// The runtime's storage folder: a batched policy's traceback is appended
  /// to its host-policy-errors.log.
  std::string storage_dir;
};

policy_factory make_policy_factory(policy_target target);

batch_evaluate make_batch_evaluate(policy_target target, std::optional<encoding::layout> layout);

}  // namespace tourney::python
