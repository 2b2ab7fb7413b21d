#pragma once
// An actor that throws (a bug) exits with the exception's text as its reason,
// so supervisors can report what happened (CAF's default keeps no text).
#include <exception>

#include "caf/error.hpp"
#include "caf/scheduled_actor.hpp"
#include "caf/sec.hpp"

namespace tourney::detail {

inline caf::error exception_reason(caf::scheduled_actor*, std::exception_ptr& eptr) {
  try {
    std::rethrow_exception(eptr);
  } catch (const std::exception& e) {
    return caf::make_error(caf::sec::runtime_error, e.what());
  } catch (...) {
    return caf::make_error(caf::sec::runtime_error, "unknown exception");
  }
}

}  // namespace tourney::detail
