#pragma once
// Shared pieces of the Python module tourney._tourney: the gate that keeps
// host threads out of a finalizing interpreter, the module's exception
// classes, and the binders of each source file. Only tourney's public headers
// (actors/tourney/runtime.hpp and libtourney) are used: no CAF here.
#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace tourney::python {

namespace py = pybind11;

/// Whether runtime threads (policy calls, event callbacks) may still enter
/// Python. Once a runtime closes (shutdown at exit, or its object is
/// collected) they never take the GIL again: a thread taking the GIL while
/// the interpreter finalizes is ended by CPython in the middle of C++ code.
class host_gate {
 public:
  /// A runtime thread about to call into Python. False: the gate is closed,
  /// do not take the GIL. Every successful enter() is paired with leave().
  bool enter() {
    // Counted before the check, so close() either sees this thread or this
    // thread sees the gate closed (both are sequentially consistent).
    inside_.fetch_add(1);
    if (!open_.load()) {
      leave();
      return false;
    }
    return true;
  }
  void leave() {
    if (inside_.fetch_sub(1) == 1) {
      std::lock_guard<std::mutex> guard(mutex_);
      idle_.notify_all();
    }
  }
  bool open() const {
    return open_.load();
  }
  /// Closes the gate; threads already inside finish their call.
  void close() {
    open_.store(false);
  }
  /// Waits (without the GIL) until no thread is inside or `timeout` passed.
  bool wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    return idle_.wait_for(lock, timeout, [&] { return inside_.load() == 0; });
  }

 private:
  std::atomic<bool> open_{true};
  std::atomic<int> inside_{0};
  // Host boundary: the thread closing a runtime waits here for runtime
  // threads still inside Python (the only wait on this mutex).
  std::mutex mutex_;
  std::condition_variable idle_;
};

/// A runtime thread's call into Python: enters the gate, takes the GIL.
/// Throws std::runtime_error (the runtime scores it as the policy's error)
/// when the gate is closed. The GIL is released before the gate is left.
class python_call {
 public:
  explicit python_call(std::shared_ptr<host_gate> gate) : gate_(std::move(gate)) {
    if (!gate_->enter()) {
      throw std::runtime_error("the Python runtime object is shut down");
    }
    gil_ = std::make_unique<py::gil_scoped_acquire>();
    // Closed while this thread waited for the GIL: leave without calling.
    if (!gate_->open()) {
      gil_.reset();
      gate_->leave();
      throw std::runtime_error("the Python runtime object is shut down");
    }
  }
  python_call(const python_call&) = delete;
  python_call& operator=(const python_call&) = delete;
  ~python_call() {
    gil_.reset();
    gate_->leave();
  }

 private:
  std::shared_ptr<host_gate> gate_;
  std::unique_ptr<py::gil_scoped_acquire> gil_;
};

/// The module's exception classes (created at import, never freed).
struct exception_classes {
  py::handle error;         // tourney.TourneyError(RuntimeError)
  py::handle config_error;  // tourney.ConfigError(TourneyError, ValueError)
};
const exception_classes& exceptions();

/// Raises `cls(message)` in Python (throws py::error_already_set).
[[noreturn]] void raise(py::handle cls, const std::string& message);

/// The current Python exception (GIL held, error_already_set caught): its
/// full traceback text and its last line ("ValueError: bad"); clears it.
struct python_failure {
  std::string full;
  std::string last_line;
};
python_failure describe(py::error_already_set& e);

/// Logs text through logging.getLogger("tourney") at ERROR (GIL held).
void log_error(const std::string& text);

void bind_snapshots(py::module_& m);
void bind_policies(py::module_& m);
void bind_runtime(py::module_& m);
void bind_verdict(py::module_& m);

}  // namespace tourney::python
