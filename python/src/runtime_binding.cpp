// tourney.Runtime (the C++ part; tourney/__init__.py adds asyncio): the
// embedding API of actors/tourney/runtime.hpp for Python. Every call that
// can block releases the GIL; waits are sliced so Ctrl-C is seen promptly;
// runtime threads enter Python only through the runtime's gate, which is
// closed (and the runtime stopped) at interpreter exit.
#include <pybind11/stl.h>

#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common.hpp"
#include "options.hpp"
#include "policies.hpp"
#include "tourney/runtime.hpp"
#include "tourney/spec/config.hpp"
#include "tourney/util/json_file.hpp"

namespace tourney::python {

namespace {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

/// How long one blocking slice may last before signals are checked.
constexpr auto signal_slice = 100ms;

/// Runs `fn` (which blocks) on a helper thread while this thread waits
/// without the GIL in slices, checking for signals between them. On a
/// signal's exception, `on_interrupt` runs (to make fn return soon), fn is
/// awaited, and the exception propagates.
template <class F, class G>
void run_interruptible(F fn, G on_interrupt) {
  std::packaged_task<void()> task(std::move(fn));
  auto done = task.get_future();
  std::thread worker(std::move(task));
  for (;;) {
    std::future_status status;
    {
      py::gil_scoped_release nogil;
      status = done.wait_for(signal_slice);
    }
    if (status == std::future_status::ready) {
      break;
    }
    if (PyErr_CheckSignals() != 0) {
      py::error_already_set interrupted;
      {
        py::gil_scoped_release nogil;
        on_interrupt();
        worker.join();
      }
      throw interrupted;
    }
  }
  {
    py::gil_scoped_release nogil;
    worker.join();
  }
  done.get();
}

/// A subscription the Python object and the runtime share; cancel joins its
/// delivery thread, so it runs without the GIL (the thread may be waiting
/// for the GIL to deliver an event).
struct subscription_box {
  subscription sub;
  // Host boundary: two Python threads may cancel at once; the delivery
  // thread must be joined once.
  std::mutex mutex;

  void cancel() {
    std::lock_guard<std::mutex> guard(mutex);
    sub.cancel();
  }
};

struct py_subscription {
  std::shared_ptr<subscription_box> box;

  void cancel() {
    py::gil_scoped_release nogil;
    box->cancel();
  }
  std::uint64_t failures() const {
    return box->sub.failures();
  }
  std::string last_failure() const {
    return box->sub.last_failure();
  }
};

struct py_poller {
  std::shared_ptr<event_poller> poller;

  event_poller& get() const {
    if (!poller) {
      raise(exceptions().error, "the poller is closed");
    }
    return *poller;
  }
  int fd() const {
    return get().fd();
  }
  std::vector<tournament_event> poll() {
    return get().poll();
  }
  std::optional<tournament_event> next(std::optional<double> timeout_s) {
    auto& p = get();
    const auto deadline = timeout_s ? steady::now() + std::chrono::duration_cast<steady::duration>(
                                                          std::chrono::duration<double>(std::max(0.0, *timeout_s)))
                                    : steady::time_point::max();
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now());
      const auto slice = std::max(0ms, std::min<std::chrono::milliseconds>(left, signal_slice));
      std::optional<tournament_event> e;
      {
        py::gil_scoped_release nogil;
        e = p.next(slice);
      }
      if (e) {
        return e;
      }
      if (PyErr_CheckSignals() != 0) {
        throw py::error_already_set();
      }
      if (steady::now() >= deadline) {
        return std::nullopt;
      }
    }
  }
  void close() {
    if (poller) {
      py::gil_scoped_release nogil;
      poller.reset();
    }
  }
};

shutdown_mode mode_from(const std::string& mode) {
  if (mode == "graceful") {
    return shutdown_mode::graceful;
  }
  if (mode == "immediate") {
    return shutdown_mode::immediate;
  }
  throw py::value_error("shutdown: mode must be 'graceful' or 'immediate', got '" + mode + "'");
}

class py_runtime;
/// Runtimes not yet closed, for the exit hook (touched with the GIL held).
std::set<py_runtime*>& live_runtimes() {
  static auto* live = new std::set<py_runtime*>();
  return *live;
}

class py_runtime {
 public:
  explicit py_runtime(const py::kwargs& kw) {
    auto options = options_from(kw);
    grace_ = options.policy_call_grace;
    storage_dir_ = options.storage_dir;
    options.on_warning = [gate = gate_](const std::string& text) {
      // Warnings come from runtime threads or from a call in progress (with
      // the GIL released): through the gate, to Python's warnings.
      if (!gate->enter()) {
        return;
      }
      {
        py::gil_scoped_acquire gil;
        if (PyErr_WarnEx(PyExc_RuntimeWarning, ("tourney: " + text).c_str(), 1) != 0) {
          PyErr_Clear();  // warnings turned into errors: nothing to raise into here
        }
      }
      gate->leave();
    };
    {
      py::gil_scoped_release nogil;
      rt_ = std::make_shared<runtime>(std::move(options));
    }
    live_runtimes().insert(this);
  }

  py_runtime(const py_runtime&) = delete;
  py_runtime& operator=(const py_runtime&) = delete;

  // Python drops the object (GIL held): stop everything first.
  ~py_runtime() {
    close();
  }

  std::string start(py::handle config, std::optional<std::string> name, int priority) {
    auto cfg = config_from(config);
    auto rt = get();
    expected<std::string> id;
    {
      py::gil_scoped_release nogil;
      id = rt->start(cfg.tournament, name.value_or(std::string()), priority);
    }
    if (!id) {
      const auto& text = id.error().message;
      raise(text == "the runtime is shut down" ? exceptions().error : exceptions().config_error, text);
    }
    return *id;
  }

  std::string resume_from(py::handle folder, int priority) {
    auto path = fspath(folder);
    auto rt = get();
    expected<std::string> id;
    {
      py::gil_scoped_release nogil;
      id = rt->resume_from(path, priority);
    }
    if (!id) {
      raise(exceptions().error, id.error().message);
    }
    return *id;
  }

  stats::gate_decision verdict(const std::string& id, const std::vector<std::string>& require) {
    auto conditions = stats::parse_conditions(require);
    if (!conditions) {
      throw py::value_error(conditions.error().message);
    }
    auto rt = get();
    std::optional<expected<stats::gate_decision>> decided;
    {
      py::gil_scoped_release nogil;  // reads the tournament's folder
      decided = rt->verdict(id, *conditions);
    }
    if (!*decided) {
      throw py::value_error((*decided).error().message);
    }
    return **decided;
  }

  std::optional<progress_snapshot> progress(const std::string& id) {
    auto rt = get();
    py::gil_scoped_release nogil;
    return rt->progress(id);
  }
  std::vector<progress_snapshot> list_active() {
    auto rt = get();
    py::gil_scoped_release nogil;
    return rt->list_active();
  }
  std::vector<progress_snapshot> list_all() {
    auto rt = get();
    py::gil_scoped_release nogil;
    return rt->list_all();
  }
  control_result pause(const std::string& id) {
    auto rt = get();
    py::gil_scoped_release nogil;
    return rt->pause(id);
  }
  control_result resume(const std::string& id) {
    auto rt = get();
    py::gil_scoped_release nogil;
    return rt->resume(id);
  }
  control_result cancel(const std::string& id) {
    auto rt = get();
    py::gil_scoped_release nogil;
    return rt->cancel(id);
  }

  progress_snapshot wait(const std::string& id, std::optional<double> timeout_s) {
    auto rt = get();
    const auto start = steady::now();
    const auto deadline = timeout_s ? start + std::chrono::duration_cast<steady::duration>(
                                                  std::chrono::duration<double>(std::max(0.0, *timeout_s)))
                                    : steady::time_point::max();
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now());
      // At least 1 ms: a finished tournament still answers a zero timeout.
      const auto slice = std::max(1ms, std::min<std::chrono::milliseconds>(left, signal_slice));
      std::optional<wait_result> r;
      {
        py::gil_scoped_release nogil;
        r.emplace(rt->wait(id, slice));
      }
      switch (r->status()) {
        case wait_status::finished:
          return **r;
        case wait_status::unknown_id:
          throw py::key_error("no tournament " + id + " in this runtime");
        case wait_status::shut_down:
          raise(exceptions().error, "the runtime is shut down");
        case wait_status::timed_out:
          break;
      }
      if (PyErr_CheckSignals() != 0) {
        throw py::error_already_set();
      }
      if (steady::now() >= deadline) {
        raise(PyExc_TimeoutError, "tournament " + id + " not finished after " +
                                      std::to_string(timeout_s.value_or(0)) + " s");
      }
    }
  }

  py_subscription subscribe(py::function callback) {
    auto rt = get();
    keep_.append(callback);
    policy_target target{gate_, callback, "subscription", storage_dir_};
    auto box = std::make_shared<subscription_box>();
    {
      py::gil_scoped_release nogil;
      box->sub = rt->subscribe([target](const tournament_event& e) {
        python_call call(target.gate);
        try {
          py::reinterpret_borrow<py::object>(target.fn)(py::cast(e));
        } catch (py::error_already_set& err) {
          auto failure = describe(err);
          log_error("event callback raised:\n" + failure.full);
          throw std::runtime_error(failure.last_line);
        }
      });
    }
    subscriptions_.push_back(box);
    return py_subscription{box};
  }

  py_poller make_poller(std::size_t capacity) {
    auto rt = get();
    py::gil_scoped_release nogil;
    return py_poller{std::make_shared<event_poller>(rt->make_poller(std::max<std::size_t>(1, capacity)))};
  }

  void register_policy(const std::string& name, py::function fn, int max_concurrent_games) {
    auto rt = get();
    keep_.append(fn);
    policy_options options;
    options.max_concurrent_games = max_concurrent_games;
    options.blocking = true;  // Python takes the GIL: never on a scheduler thread
    expected<void> ok;
    {
      py::gil_scoped_release nogil;
      ok = rt->register_policy(name, make_policy_factory(policy_target{gate_, fn, name, storage_dir_}), options);
    }
    if (!ok) {
      throw py::value_error(ok.error().message);
    }
  }

  void register_batched_policy(const std::string& name, py::function fn, std::size_t max_batch, std::size_t max_games,
                               std::optional<double> max_wait_s, std::optional<std::string> layout,
                               std::size_t max_calls_in_flight) {
    auto rt = get();
    std::optional<encoding::layout> l;
    if (layout) {
      l = encoding::parse_layout(*layout);
      if (!l) {
        throw py::value_error("register_batched_policy '" + name + "': layout must be 'dlshogi', 'alphazero' or None, got '" +
                              *layout + "'");
      }
    }
    batched_policy_options options;
    options.max_batch = max_batch;
    options.max_games = max_games;
    options.max_calls_in_flight = max_calls_in_flight;
    if (max_wait_s) {
      if (!(*max_wait_s >= 0) || *max_wait_s > 3600) {
        throw py::value_error("register_batched_policy '" + name + "': max_wait must be between 0 and 3600 seconds");
      }
      options.max_wait = std::chrono::microseconds(static_cast<long long>(*max_wait_s * 1e6));
    }
    keep_.append(fn);
    expected<void> ok;
    {
      py::gil_scoped_release nogil;
      ok = rt->register_batched_policy(name, make_batch_evaluate(policy_target{gate_, fn, name, storage_dir_}, l), options);
    }
    if (!ok) {
      throw py::value_error(ok.error().message);
    }
  }

  void shutdown(const std::string& mode_name) {
    const auto mode = mode_from(mode_name);
    auto rt = rt_;
    if (!rt) {
      return;  // closed: already stopped
    }
    // A graceful shutdown lets running tournaments finish; Ctrl-C meanwhile
    // cancels them so it ends promptly, then raises KeyboardInterrupt.
    run_interruptible([rt, mode] { rt->shutdown(mode); },
                      [rt] {
                        for (const auto& s : rt->list_active()) {
                          (void)rt->cancel(s.tournament_id);
                        }
                        rt->shutdown(shutdown_mode::immediate);
                      });
  }

  bool closed() const {
    return !rt_;
  }

  /// Stops the runtime for good (at exit, or when the object goes away):
  /// closes the gate (no runtime thread enters Python from now on), stops
  /// every tournament, joins the runtime's threads and releases the
  /// callables. Idempotent. GIL held.
  void close() {
    if (!rt_) {
      return;
    }
    live_runtimes().erase(this);
    gate_->close();
    auto rt = std::move(rt_);
    auto subscriptions = std::move(subscriptions_);
    bool idle = false;
    {
      py::gil_scoped_release nogil;
      for (auto& s : subscriptions) {
        s->cancel();
      }
      rt->shutdown(shutdown_mode::immediate);
      rt.reset();  // joins the actors, players in a host call included
      // A batched call still inside Python past the grace time was left
      // running by the runtime: give it the grace time again.
      idle = gate_->wait_idle(grace_ + 1s);
    }
    if (idle) {
      keep_ = py::list();
    } else {
      // A thread is still inside a callable: never free it under its feet.
      keep_.inc_ref();
    }
  }

 private:
  std::shared_ptr<runtime> get() const {
    if (!rt_) {
      raise(exceptions().error, "the runtime is closed");
    }
    return rt_;
  }

  std::shared_ptr<host_gate> gate_ = std::make_shared<host_gate>();
  std::shared_ptr<runtime> rt_;
  std::chrono::milliseconds grace_{5000};
  std::string storage_dir_;
  py::list keep_;  // every callable handed to the runtime, alive while it may call them
  std::vector<std::shared_ptr<subscription_box>> subscriptions_;
};

/// The exit hook: closes every live runtime while the interpreter is whole.
void close_all() {
  auto live = live_runtimes();
  for (auto* r : live) {
    r->close();
  }
}

}  // namespace

void bind_runtime(py::module_& m) {
  py::class_<control_result>(m, "ControlResult",
                             "Whether pause, resume or cancel took effect (truthy), and if not, why.")
      .def_readonly("done", &control_result::done, "Whether it took effect.")
      .def_readonly("reason", &control_result::reason, "Why not ('' when done).")
      .def("__bool__", [](const control_result& r) { return r.done; })
      .def("__repr__", [](const control_result& r) {
        return r.done ? std::string("<ControlResult done>") : "<ControlResult not done: " + r.reason + ">";
      });

  py::class_<py_subscription>(m, "Subscription",
                              "A callback subscription (Runtime.subscribe). Callbacks run on the\n"
                              "subscription's own thread, holding the GIL; cancel() stops delivery.")
      .def("cancel", &py_subscription::cancel, "Stops delivery now (idempotent); waits for a callback in progress.")
      .def_property_readonly("failures", &py_subscription::failures, "Callback calls that raised.")
      .def_property_readonly("last_failure", &py_subscription::last_failure, "The last exception's last line.")
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](py_subscription& s, py::args) { s.cancel(); });

  py::class_<py_poller>(m, "Poller",
                        "A pollable subscriber for event loops: fileno() is readable while events\n"
                        "are queued (an eventfd); poll() takes them without blocking. At most about\n"
                        "`capacity` progress events are kept (older ones coalesce); status and terminal\n"
                        "events are always kept.")
      .def("fileno", &py_poller::fd, "The readable file descriptor (for select or loop.add_reader).")
      .def("poll", &py_poller::poll, "Every queued tourney.Event, without blocking (may be empty).")
      .def("next", &py_poller::next, py::arg("timeout") = py::none(),
           "The next tourney.Event, waiting at most timeout seconds (None: no limit) without the GIL;\n"
           "None on timeout. Ctrl-C raises KeyboardInterrupt.")
      .def("close", &py_poller::close, "Unsubscribes (idempotent).")
      .def("__enter__", [](py::object self) { return self; })
      .def("__exit__", [](py_poller& p, py::args) { p.close(); });

  py::class_<py_runtime>(m, "Runtime",
                         "The tourney runtime: tournaments in the background of this process.\n\n"
                         "Runtime(**options), options as tourney's runtime_options:\n"
                         "  storage_dir (str or path, default './tournament_results'),\n"
                         "  game_slots (games at once across tournaments; 0 = hardware threads),\n"
                         "  max_concurrent_tournaments (2), history_limit (1000 finished kept in memory),\n"
                         "  scheduler_threads (0 = per hardware thread), keep_tournaments / keep_days\n"
                         "  (prune old result folders; 0 = keep), policy_call_grace_s (5.0: at shutdown, how\n"
                         "  long a batched policy call in progress may still take), slot_wait_limit_s,\n"
                         "  workers (['HOST:PORT', ...]), local_games, tls_certificate, tls_key, tls_ca,\n"
                         "  live_report (False: keep <folder>/report.html rewritten while a tournament runs),\n"
                         "  live_report_every_games (1), live_report_interval_s (1.0).\n\n"
                         "Every call that can block releases the GIL. Policies and event callbacks run on\n"
                         "the runtime's own threads and take the GIL only for the Python call. At\n"
                         "interpreter exit every live runtime is shut down (immediate) before Python\n"
                         "finalizes; after that no runtime thread calls into Python.")
      .def(py::init<const py::kwargs&>())
      .def("start", &py_runtime::start, py::arg("config"), py::arg("name") = py::none(), py::arg("priority") = 0,
           "Validates and queues a tournament; returns its id.\n\n"
           "config: a dict, a JSON string (comments allowed) or a path to a config file, as\n"
           "`tourney run` reads it (README 'Configs'). Its run keys (storage, slots, workers,\n"
           "...) are checked but this Runtime's options apply. A bad config raises\n"
           "tourney.ConfigError naming the field path ('players[1].usi.command: ...') or, for\n"
           "JSON syntax, the line and column. name: saved under it (default: the config's\n"
           "name). Higher priority runs first; FIFO within a priority.")
      .def("resume_from", &py_runtime::resume_from, py::arg("folder"), py::arg("priority") = 0,
           "Continues the tournament saved in folder (same id, schedule, openings and colours;\n"
           "finished games are kept, never replayed); returns its id. TourneyError if it cannot\n"
           "(a folder in use by another run, a newer format, ...).")
      .def("progress", &py_runtime::progress, py::arg("tournament_id"),
           "A tourney.Progress copy (queued, running or in history), or None for an unknown id.")
      .def("list_active", &py_runtime::list_active, "Running, paused and queued tournaments (queued: queue_position).")
      .def("list_all", &py_runtime::list_all, "Active ones and the bounded history of finished ones.")
      .def("pause", &py_runtime::pause, py::arg("tournament_id"),
           "Pauses a running tournament (games in flight finish). Returns a tourney.ControlResult:\n"
           "truthy if it took effect, else .reason says why not.")
      .def("resume", &py_runtime::resume, py::arg("tournament_id"), "Resumes a paused tournament (ControlResult).")
      .def("cancel", &py_runtime::cancel, py::arg("tournament_id"),
           "Cancels a queued, running or paused tournament; games in flight are stopped\n"
           "(ControlResult; not done for a finished or unknown one, with the reason).")
      .def("wait", &py_runtime::wait, py::arg("tournament_id"), py::arg("timeout") = py::none(),
           "Waits (without the GIL) until the tournament is finished and returns its final\n"
           "tourney.Progress. timeout in seconds (None: no limit) raises TimeoutError when it\n"
           "runs out; an unknown id raises KeyError. Ctrl-C raises KeyboardInterrupt at once.")
      .def("verdict", &py_runtime::verdict, py::arg("tournament_id"), py::arg("require") = std::vector<std::string>{},
           "The verdict of a completed tournament (a tourney.Verdict), decided as `tourney run\n"
           "--gate` decides it: the config's SPRT and the conditions in require ('elo(A vs B) >\n"
           "0', 'los(A) > 95%'). Reads the folder without the GIL. ValueError names a bad\n"
           "condition or an unknown player, or says the tournament is not completed.")
      .def("subscribe", &py_runtime::subscribe, py::arg("callback"),
           "Calls callback(event) for every tourney.Event on the subscription's own thread\n"
           "(holding the GIL; never on the runtime's scheduler threads). Returns a\n"
           "tourney.Subscription; events stop when it is cancelled or the runtime closes. An\n"
           "exception in the callback is logged ('tourney' logger) and counted.")
      .def("make_poller", &py_runtime::make_poller, py::arg("capacity") = 1024,
           "A tourney.Poller for event loops (Runtime.events() and wait_async() use one).")
      .def("register_policy", &py_runtime::register_policy, py::arg("name"), py::arg("policy"), py::kw_only(),
           py::arg("max_concurrent_games") = 0,
           "Registers (or replaces) a per-position policy for players {'host': name}.\n\n"
           "policy(request: tourney.Request) -> str: a USI move ('7g7f', 'P*5e', '8h2b+'),\n"
           "'resign' or 'win' (declare an entering-king win). It runs on the game's own\n"
           "thread, holding the GIL. An exception loses that game by `error` with the\n"
           "exception's last line in the record (the traceback goes to the 'tourney' logger);\n"
           "the tournament goes on. An illegal move loses by illegal_move. Tournaments\n"
           "already started keep the policy they started with. max_concurrent_games: games\n"
           "using it at once (0 = no limit).")
      .def("register_batched_policy", &py_runtime::register_batched_policy, py::arg("name"), py::arg("policy"),
           py::kw_only(), py::arg("max_batch") = 256, py::arg("max_games") = 256, py::arg("max_wait") = py::none(),
           py::arg("layout") = "dlshogi", py::arg("max_calls_in_flight") = 1,
           "Registers (or replaces) a batched policy for players {'host': name}: one call\n"
           "decides the moves of many games at once, across games, tournaments and both sides.\n\n"
           "policy(batch: tourney.Batch) -> answers: one per request, in order: a numpy integer\n"
           "array (or list) of action indices in `layout`, USI strings, 'resign' or 'win'.\n"
           "batch.inputs (float32 [n, planes, 9, 9]) and batch.legal_mask (bool [n, actions])\n"
           "are encoded in C++ before the GIL is taken and handed over without a copy.\n"
           "A call starts once every game in flight that waits on this policy has asked, or\n"
           "max_batch requests wait, or (only if set) the oldest waited max_wait seconds.\n"
           "max_games: games using it at once; max_calls_in_flight: calls at once, each on its\n"
           "own thread. layout: 'dlshogi' (119 planes, 2187 actions), 'alphazero' (44, 11259)\n"
           "or None (no arrays: answer USI strings). An exception or a bad answer (wrong\n"
           "length, an action that is not legal there) ends every game of that batch with the\n"
           "policy's side losing by `error`, the message in the record (the traceback in full on\n"
           "the 'tourney' logger and in host-policy-errors.log in the storage folder); the\n"
           "tournaments go on.")
      .def("shutdown", &py_runtime::shutdown, py::arg("mode") = "graceful",
           "Stops the runtime; idempotent. 'graceful': running tournaments finish, queued and\n"
           "paused ones are cancelled; 'immediate': running ones are cancelled too. Returns\n"
           "once every tournament has its terminal event. Ctrl-C during a graceful shutdown\n"
           "cancels the running tournaments, then raises KeyboardInterrupt.")
      .def("close", &py_runtime::close,
           "Shuts down immediately and releases the runtime's threads and callables for good\n"
           "(done at interpreter exit and when the object is collected). Later calls raise\n"
           "tourney.TourneyError.")
      .def_property_readonly("closed", &py_runtime::closed, "Whether close() ran.");

  m.def("_close_all_runtimes", &close_all,
        "Closes every live Runtime (registered with atexit at import: runs before Python finalizes).");
  py::module_::import("atexit").attr("register")(m.attr("_close_all_runtimes"));
}

}  // namespace tourney::python
