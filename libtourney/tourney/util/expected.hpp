#pragma once
// Error returns without exceptions: every fallible call in libtourney returns
// tourney::expected<T>, whose error says what went wrong and where.
#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace tourney {

/// What a caller may do about a failure beyond reporting it.
enum class error_kind : unsigned char {
  failed,  // the input or the operation is wrong: see the message
  in_use,  // a results folder is being written by another run (try later)
};

/// A failure with a human-readable message that names the input and the
/// place in it ("sfen: rank 3 has 10 squares", "config: players[1].command: ...").
struct error {
  std::string message;
  error_kind kind = error_kind::failed;
};

template <class T>
using expected = tl::expected<T, error>;

/// Shorthand for `return fail("...")` in functions returning expected<T>.
inline tl::unexpected<error> fail(std::string message) {
  return tl::unexpected<error>(error{std::move(message)});
}

}  // namespace tourney

/// Evaluates an expected-returning expression; on error returns the error from
/// the enclosing function, else assigns the value to an existing lvalue.
#define TOURNEY_TRY_ASSIGN(lhs, expr)                          \
  do {                                                         \
    auto tourney_try_result_ = (expr);                         \
    if (!tourney_try_result_) {                                \
      return tl::unexpected(std::move(tourney_try_result_).error()); \
    }                                                          \
    (lhs) = std::move(*tourney_try_result_);                   \
  } while (false)

/// Evaluates an expected<void>-returning expression; on error returns it.
#define TOURNEY_TRY(expr)                                      \
  do {                                                         \
    auto tourney_try_result_ = (expr);                         \
    if (!tourney_try_result_) {                                \
      return tl::unexpected(std::move(tourney_try_result_).error()); \
    }                                                          \
  } while (false)
