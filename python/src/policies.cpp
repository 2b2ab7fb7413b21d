// Python policies: the Request and Batch objects a policy receives, the
// conversion of its answers into decisions, and the wrappers the runtime
// calls on its policy threads.
#include "policies.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "tourney/encoding/batch_encoding.hpp"
#include "tourney/players/batch.hpp"
#include "tourney/players/player.hpp"
#include "tourney/shogi/notation.hpp"

namespace tourney::python {

namespace {

using players::decision;

const char* side_name(shogi::color c) {
  return c == shogi::color::black ? "black" : "white";
}

py::object none_if_empty(const std::string& s) {
  return s.empty() ? py::object(py::none()) : py::object(py::str(s));
}

std::vector<std::string> usi_moves(const std::vector<shogi::move>& moves) {
  std::vector<std::string> out;
  out.reserve(moves.size());
  for (auto m : moves) {
    out.push_back(shogi::to_usi(m));
  }
  return out;
}

py::dict limits_dict(const players::search_limits& l) {
  py::dict d;
  d["btime_ms"] = l.black_time.count();
  d["wtime_ms"] = l.white_time.count();
  d["byoyomi_ms"] = l.byoyomi.count();
  d["binc_ms"] = l.black_increment.count();
  d["winc_ms"] = l.white_increment.count();
  d["nodes"] = l.nodes ? py::object(py::int_(*l.nodes)) : py::object(py::none());
  d["depth"] = l.depth ? py::object(py::int_(*l.depth)) : py::object(py::none());
  d["movetime_ms"] = l.movetime ? py::object(py::int_(l.movetime->count())) : py::object(py::none());
  return d;
}

/// One request of a batch (or the one request of a per-position call). The
/// batch is shared: a policy may keep requests after its call returns.
struct py_request {
  std::shared_ptr<const move_batch> batch;
  std::size_t index = 0;

  const batch_request& get() const {
    return (*batch)[index];
  }
};

/// The encoded planes and masks of one batch; numpy arrays view them without
/// a copy and keep this alive through a capsule.
using shared_encoding = std::shared_ptr<encoding::encoded_batch>;

py::capsule owner_capsule(const shared_encoding& enc) {
  auto* keep = new shared_encoding(enc);
  return py::capsule(keep, [](void* p) { delete static_cast<shared_encoding*>(p); });
}

struct py_batch {
  std::shared_ptr<const move_batch> batch;
  shared_encoding encoded;  // null: the policy asked for no layout
  py::object inputs;        // cached arrays (None until first asked for)
  py::object legal_mask;

  std::size_t size() const {
    return batch->size();
  }
  py_request at(std::ptrdiff_t i) const {
    const auto n = static_cast<std::ptrdiff_t>(size());
    if (i < 0) {
      i += n;
    }
    if (i < 0 || i >= n) {
      throw py::index_error("batch index out of range");
    }
    return py_request{batch, static_cast<std::size_t>(i)};
  }
  py::object get_inputs() {
    if (!encoded) {
      return py::none();
    }
    if (inputs.is_none() || !inputs) {
      const auto planes = static_cast<py::ssize_t>(encoding::shape(encoded->layout).planes);
      const auto n = static_cast<py::ssize_t>(encoded->size);
      const py::ssize_t f = sizeof(float);
      inputs = py::array_t<float>({n, planes, py::ssize_t{9}, py::ssize_t{9}},
                                  {planes * 81 * f, 81 * f, 9 * f, f}, encoded->inputs.data(),
                                  owner_capsule(encoded));
    }
    return inputs;
  }
  py::object get_legal_mask() {
    if (!encoded) {
      return py::none();
    }
    if (legal_mask.is_none() || !legal_mask) {
      const auto actions = static_cast<py::ssize_t>(encoding::shape(encoded->layout).actions);
      const auto n = static_cast<py::ssize_t>(encoded->size);
      // numpy's bool is one byte holding 0 or 1, exactly the mask's bytes.
      legal_mask = py::array(py::dtype("bool"), {n, actions}, {actions, py::ssize_t{1}}, encoded->legal.data(),
                             owner_capsule(encoded));
    }
    return legal_mask;
  }
};

/// A move string: "resign", "win" (declare a win) or a USI move (syntax
/// checked here; legality is the referee's: an illegal move loses that game
/// by illegal_move).
decision decision_from_text(const std::string& text, const std::string& where) {
  if (text == "resign") {
    return decision::resign();
  }
  if (text == "win") {
    return decision::declare_win();
  }
  auto m = shogi::parse_usi_move(text);
  if (!m) {
    throw std::runtime_error(where + ": '" + text.substr(0, 32) + "' is not a USI move, 'resign' or 'win' (" +
                             m.error().message + ")");
  }
  return decision::play(*m);
}

decision decision_from_action(const batch_request& r, std::optional<encoding::layout> layout, long long action,
                              const std::string& where) {
  if (!layout) {
    throw std::runtime_error(where + ": an action index (" + std::to_string(action) +
                             ") needs a layout; this policy was registered with layout=None, answer USI strings");
  }
  if (action < 0 || action > static_cast<long long>(UINT32_MAX)) {
    throw std::runtime_error(where + ": action " + std::to_string(action) + " is out of range (0.." +
                             std::to_string(encoding::shape(*layout).actions - 1) + ")");
  }
  auto d = encoding::decision_for_action(r, *layout, static_cast<std::uint32_t>(action));
  if (!d) {
    throw std::runtime_error(where + ": " + d.error().message);
  }
  return *d;
}

std::string answer_place(const std::string& policy, std::size_t i, const batch_request& r) {
  return "policy '" + policy + "' answer " + std::to_string(i) + (r.game_id.empty() ? "" : " (game " + r.game_id + ")");
}

/// One decision per request from a batched policy's answer: a numpy integer
/// array (or any sequence) of action indices, USI strings, "resign" or "win",
/// mixed freely. Anything else throws, naming the entry.
std::vector<decision> decisions_from_answer(py::handle answer, const move_batch& batch,
                                            std::optional<encoding::layout> layout, const std::string& policy) {
  const std::size_t n = batch.size();
  std::vector<decision> out;
  out.reserve(n);
  py::object converted;
  if (!py::isinstance<py::array>(answer) && !py::isinstance<py::str>(answer) && py::hasattr(answer, "__array__")) {
    // A torch tensor (or another array-like): read through numpy.
    converted = py::module_::import("numpy").attr("asarray")(answer);
    answer = converted;
  }
  if (py::isinstance<py::array>(answer)) {
    auto a = py::reinterpret_borrow<py::array>(answer);
    const char kind = a.dtype().kind();
    if (kind == 'i' || kind == 'u') {
      if (a.ndim() != 1 || static_cast<std::size_t>(a.size()) != n) {
        throw std::runtime_error("policy '" + policy + "' returned an array of shape " +
                                 py::str(answer.attr("shape")).cast<std::string>() + " for a batch of " +
                                 std::to_string(n) + " (one action per request)");
      }
      auto ints = py::array_t<long long, py::array::c_style | py::array::forcecast>::ensure(a);
      if (!ints) {
        throw py::error_already_set();
      }
      const long long* p = ints.data();
      for (std::size_t i = 0; i < n; ++i) {
        out.push_back(decision_from_action(batch[i], layout, p[i], answer_place(policy, i, batch[i])));
      }
      return out;
    }
    if (kind != 'O' && kind != 'U') {
      throw std::runtime_error("policy '" + policy + "' returned an array of dtype " +
                               py::str(a.dtype()).cast<std::string>() +
                               ": answer integer action indices, USI strings, 'resign' or 'win'");
    }
  }
  if (py::isinstance<py::str>(answer) || !PySequence_Check(answer.ptr())) {
    throw std::runtime_error("policy '" + policy + "' returned " + py::repr(answer).cast<std::string>().substr(0, 64) +
                             ": expected a sequence with one answer per request (" + std::to_string(n) + ")");
  }
  auto seq = py::reinterpret_borrow<py::sequence>(answer);
  const auto len = static_cast<std::size_t>(py::len(seq));
  if (len != n) {
    throw std::runtime_error("policy '" + policy + "' returned " + std::to_string(len) + " answers for a batch of " +
                             std::to_string(n));
  }
  for (std::size_t i = 0; i < n; ++i) {
    py::object item = seq[i];
    const auto where = answer_place(policy, i, batch[i]);
    if (py::isinstance<py::str>(item)) {
      out.push_back(decision_from_text(item.cast<std::string>(), where));
    } else if (!py::isinstance<py::bool_>(item) && PyIndex_Check(item.ptr())) {
      const long long action = PyLong_AsLongLong(py::reinterpret_steal<py::object>(PyNumber_Index(item.ptr())).ptr());
      if (PyErr_Occurred()) {
        throw py::error_already_set();
      }
      out.push_back(decision_from_action(batch[i], layout, action, where));
    } else {
      throw std::runtime_error(where + ": " + py::repr(item).cast<std::string>().substr(0, 64) +
                               " is neither an action index nor a string");
    }
  }
  return out;
}

/// A policy raised: what() is the traceback's last line (the runtime keeps
/// it in the game's record), `full` the whole traceback.
class policy_raised : public std::runtime_error {
 public:
  policy_raised(const std::string& last_line, std::string full)
      : std::runtime_error(last_line), full(std::move(full)) {}
  std::string full;
};

/// Calls fn(arg) with the GIL held; a Python exception is logged in full on
/// the "tourney" logger and thrown as policy_raised.
py::object call_policy(const policy_target& target, py::handle arg, const std::string& context) {
  try {
    return py::reinterpret_borrow<py::object>(target.fn)(arg);
  } catch (py::error_already_set& e) {
    auto failure = describe(e);
    log_error("policy '" + target.name + "' raised" + context + ":\n" + failure.full);
    throw policy_raised(failure.last_line, failure.full);
  }
}

/// Appends the traceback to <storage_dir>/host-policy-errors.log, naming
/// the policy, the tournaments and games of the batch. The storage folder,
/// not each tournament's: a tournament's first moves may be asked before its
/// folder exists. Best effort: a log that cannot be written loses nothing
/// else (the record keeps the last line).
void append_error_log(const policy_target& target, const move_batch& batch, const std::string& text) {
  namespace fs = std::filesystem;
  const auto now = std::time(nullptr);
  char stamp[32] = "";
  std::tm utc{};
  if (gmtime_r(&now, &utc) != nullptr) {
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  }
  const fs::path root = target.storage_dir.empty() ? fs::path(".") : fs::path(target.storage_dir);
  std::error_code ec;
  fs::create_directories(root, ec);
  std::ofstream log(root / "host-policy-errors.log", std::ios::app);
  log << stamp << " policy '" << target.name << "', batch of " << batch.size() << ":";
  std::set<std::string> tournaments;
  for (const auto& r : batch.requests) {
    tournaments.insert(r.tournament_id);
  }
  for (const auto& id : tournaments) {
    log << " tournament " << id << " games";
    for (const auto& r : batch.requests) {
      if (r.tournament_id == id) {
        log << ' ' << r.game_id;
      }
    }
  }
  log << "\n" << text << '\n';
}

/// A per-position Python policy as a player: one game, one thread.
class python_player : public players::player {
 public:
  explicit python_player(policy_target target) : target_(std::move(target)) {}

  decision decide(const players::move_request& request) override {
    // The request's references live for this call only: copy into a batch
    // of one, which the Python object may outlive.
    auto batch = std::make_shared<move_batch>();
    batch_request r;
    r.side = request.position.side_to_move();
    r.start = request.start;
    r.history = request.history;
    r.position = request.position;
    r.limits = request.limits;
    for (auto m : request.position.legal_moves()) {
      r.legal_moves.push_back(m);
    }
    batch->requests.push_back(std::move(r));
    std::shared_ptr<const move_batch> shared = std::move(batch);

    python_call call(target_.gate);
    try {
      py::object req = py::cast(py_request{shared, 0});
      py::object answer = call_policy(target_, req, "");
      if (!py::isinstance<py::str>(answer)) {
        throw std::runtime_error("policy '" + target_.name + "' returned " +
                                 py::repr(answer).cast<std::string>().substr(0, 64) +
                                 ": expected a USI move string, 'resign' or 'win'");
      }
      return decision_from_text(answer.cast<std::string>(), "policy '" + target_.name + "'");
    } catch (py::error_already_set& e) {
      // A conversion failed inside Python (a broken __repr__, ...).
      throw std::runtime_error(describe(e).last_line);
    }
  }

 private:
  policy_target target_;
};

}  // namespace

policy_factory make_policy_factory(policy_target target) {
  return [target]() -> std::unique_ptr<players::player> { return std::make_unique<python_player>(target); };
}

batch_evaluate make_batch_evaluate(policy_target target, std::optional<encoding::layout> layout) {
  return [target, layout](const move_batch& batch) -> std::vector<decision> {
    // Encoded and copied before the GIL is taken: the host's other threads
    // (a training loop) keep running meanwhile.
    shared_encoding encoded;
    if (layout) {
      auto e = encoding::encode_batch(batch, *layout);
      if (!e) {
        throw std::runtime_error("policy '" + target.name + "': encoding the batch: " + e.error().message);
      }
      encoded = std::make_shared<encoding::encoded_batch>(std::move(*e));
    }
    auto shared = std::make_shared<const move_batch>(batch);

    auto in_python = [&]() -> std::vector<decision> {
      python_call call(target.gate);
      try {
        py::object b = py::cast(py_batch{shared, encoded, py::none(), py::none()});
        py::object answer = call_policy(target, b, " on a batch of " + std::to_string(batch.size()));
        return decisions_from_answer(answer, batch, layout, target.name);
      } catch (py::error_already_set& e) {
        throw std::runtime_error(describe(e).last_line);
      }
    };
    try {
      return in_python();
    } catch (const policy_raised& e) {
      // Out of Python (GIL released): the full text to the storage folder's log.
      append_error_log(target, batch, e.full);
      throw std::runtime_error(e.what());
    }
  };
}

void bind_policies(py::module_& m) {
  py::class_<py_request>(m, "Request",
                         "One move request: a game's position to move in, from the side to move's\n"
                         "policy. Valid after the call returns (it holds its own copy).")
      .def_property_readonly(
          "tournament_id", [](const py_request& r) { return none_if_empty(r.get().tournament_id); },
          "The tournament's id (None for a per-position policy).")
      .def_property_readonly(
          "game_id", [](const py_request& r) { return none_if_empty(r.get().game_id); },
          "The game's id (None for a per-position policy).")
      .def_property_readonly(
          "player", [](const py_request& r) { return none_if_empty(r.get().player); },
          "The player's name in its tournament (None for a per-position policy).")
      .def_property_readonly(
          "side", [](const py_request& r) { return side_name(r.get().side); },
          "'black' (sente) or 'white' (gote): the side to move.")
      .def_property_readonly(
          "sfen", [](const py_request& r) { return r.get().position.to_sfen(); }, "The position, as SFEN.")
      .def_property_readonly(
          "start_sfen", [](const py_request& r) { return r.get().start.to_sfen(); },
          "The game's start position, as SFEN.")
      .def_property_readonly(
          "moves", [](const py_request& r) { return usi_moves(r.get().history); },
          "The game's moves from start_sfen to sfen, in USI.")
      .def_property_readonly(
          "ply", [](const py_request& r) { return r.get().history.size(); }, "len(moves)")
      .def_property_readonly(
          "legal_moves", [](const py_request& r) { return usi_moves(r.get().legal_moves); },
          "Every legal move in USI (never empty).")
      .def_property_readonly(
          "limits", [](const py_request& r) { return limits_dict(r.get().limits); },
          "The search limits USI 'go' would carry (btime_ms, wtime_ms, byoyomi_ms, binc_ms,\n"
          "winc_ms, nodes, depth, movetime_ms); the referee keeps the real clocks.")
      .def("__repr__", [](const py_request& r) {
        return std::string("<Request ") + side_name(r.get().side) + " to move, ply " +
               std::to_string(r.get().history.size()) + ">";
      });

  py::class_<py_batch>(m, "Batch",
                       "The requests of one batched-policy call, across games and tournaments.\n"
                       "inputs and legal_mask are numpy arrays over the batch's own C++ buffers\n"
                       "(no copy; they stay valid as long as you keep them), in the layout the\n"
                       "policy was registered with (docs/encodings.md); None with layout=None.\n"
                       "Answer one entry per request, in order: action indices (a numpy integer\n"
                       "array or a list of ints), USI move strings, 'resign' or 'win'.")
      .def("__len__", &py_batch::size)
      .def("__getitem__", &py_batch::at, py::arg("index"), "The tourney.Request at index.")
      .def(
          "__iter__",
          [](const py_batch& b) {
            py::list out;
            for (std::size_t i = 0; i < b.size(); ++i) {
              out.append(py_request{b.batch, i});
            }
            return py::iter(out);
          },
          "The requests in order.")
      .def_property_readonly(
          "requests",
          [](const py_batch& b) {
            std::vector<py_request> out;
            for (std::size_t i = 0; i < b.size(); ++i) {
              out.push_back(py_request{b.batch, i});
            }
            return out;
          },
          "Every tourney.Request, in order.")
      .def_property_readonly("inputs", &py_batch::get_inputs,
                             "float32 [n, planes, 9, 9]: each request's input planes (dlshogi: 119 planes,\n"
                             "alphazero: 44), seen from the side to move; None with layout=None.")
      .def_property_readonly("legal_mask", &py_batch::get_legal_mask,
                             "bool [n, actions]: True where the action is a legal move (dlshogi: 2187\n"
                             "actions, alphazero: 11259); None with layout=None.")
      .def_property_readonly(
          "layout",
          [](const py_batch& b) {
            return b.encoded ? py::object(py::str(encoding::to_string(b.encoded->layout))) : py::object(py::none());
          },
          "'dlshogi', 'alphazero' or None.")
      .def_property_readonly(
          "sfens",
          [](const py_batch& b) {
            std::vector<std::string> out;
            for (const auto& r : b.batch->requests) {
              out.push_back(r.position.to_sfen());
            }
            return out;
          },
          "Each request's position as SFEN.")
      .def_property_readonly(
          "game_ids",
          [](const py_batch& b) {
            std::vector<std::string> out;
            for (const auto& r : b.batch->requests) {
              out.push_back(r.game_id);
            }
            return out;
          },
          "Each request's game id.")
      .def("__repr__", [](const py_batch& b) { return "<Batch of " + std::to_string(b.size()) + ">"; });
}

}  // namespace tourney::python
