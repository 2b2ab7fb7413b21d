// The extension module tourney._tourney: exceptions, rules and encoding
// helpers on the C++ rules core, and the bindings of the other files. The
// package tourney (tourney/__init__.py) re-exports it and adds asyncio.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common.hpp"
#include "tourney/encoding/batch_encoding.hpp"
#include "tourney/encoding/encoding.hpp"
#include "tourney/encoding/layout.hpp"
#include "tourney/players/batch.hpp"
#include "tourney/results/league_fit.hpp"
#include "tourney/shogi/notation.hpp"
#include "tourney/shogi/position.hpp"

namespace tourney::python {

namespace {

exception_classes classes;

/// "startpos", "sfen <text>", "position sfen <text>" or the bare SFEN.
shogi::position position_from(std::string_view text, const char* what) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') {
      s.remove_prefix(1);
    }
    while (!s.empty() && s.back() == ' ') {
      s.remove_suffix(1);
    }
    return s;
  };
  text = trim(text);
  for (std::string_view prefix : {"position ", "sfen "}) {
    if (text.substr(0, prefix.size()) == prefix) {
      text = trim(text.substr(prefix.size()));
    }
  }
  if (text == "startpos") {
    return shogi::position::startpos();
  }
  auto pos = shogi::position::from_sfen(text);
  if (!pos) {
    throw py::value_error(std::string(what) + ": " + pos.error().message);
  }
  return *pos;
}

encoding::layout layout_from(const std::string& name) {
  auto l = encoding::parse_layout(name);
  if (!l) {
    throw py::value_error("layout: '" + name + "' is not a layout ('dlshogi' or 'alphazero')");
  }
  return *l;
}

/// Why the game is not legal (the first bad move), or nothing.
std::optional<std::string> game_error(const std::string& start_sfen,
                                      const std::vector<std::string>& moves) {
  auto pos = position_from(start_sfen, "start_sfen");
  for (std::size_t i = 0; i < moves.size(); ++i) {
    auto m = shogi::parse_legal_usi_move(pos, moves[i]);
    if (!m) {
      return "move " + std::to_string(i + 1) + " (" + moves[i].substr(0, 16) +
             "): " + m.error().message;
    }
    pos.play(*m);
  }
  return std::nullopt;
}

}  // namespace

const exception_classes& exceptions() {
  return classes;
}

void raise(py::handle cls, const std::string& message) {
  PyErr_SetString(cls.ptr(), message.c_str());
  throw py::error_already_set();
}

python_failure describe(py::error_already_set& e) {
  python_failure out;
  try {
    auto lines =
        py::module_::import("traceback").attr("format_exception")(e.type(), e.value(), e.trace());
    for (auto line : lines) {
      out.full += line.cast<std::string>();
    }
    auto only = py::module_::import("traceback").attr("format_exception_only")(e.type(), e.value());
    std::string last;
    for (auto line : only) {
      last = line.cast<std::string>();
    }
    while (!last.empty() && (last.back() == '\n' || last.back() == ' ')) {
      last.pop_back();
    }
    out.last_line = last;
  } catch (py::error_already_set&) {
    out.last_line = e.what();
    out.full = e.what();
  }
  if (out.last_line.empty()) {
    out.last_line = "a Python exception";
  }
  return out;
}

void log_error(const std::string& text) {
  try {
    py::module_::import("logging").attr("getLogger")("tourney").attr("error")("%s", text);
  } catch (py::error_already_set&) {
    // Logging itself failed (a broken handler): the record keeps the last line.
  }
}

}  // namespace tourney::python

PYBIND11_MODULE(_tourney, m) {
  namespace py = pybind11;
  using namespace tourney::python;
  m.doc() =
      "The C++ core of the tourney package (use `import tourney`): the runtime, its\n"
      "snapshots and events, host policies, and rules and encoding helpers.";

  // TourneyError(RuntimeError) and ConfigError(TourneyError, ValueError):
  // a bad config is also a ValueError for callers that catch that.
  classes.error = PyErr_NewExceptionWithDoc("tourney.TourneyError",
                                            "A runtime call failed (the message says why).",
                                            PyExc_RuntimeError, nullptr);
  py::tuple bases = py::make_tuple(classes.error, py::handle(PyExc_ValueError));
  // PyErr_NewException takes one base or a tuple of bases.
  classes.config_error = PyErr_NewExceptionWithDoc("tourney.ConfigError",
                                                   "A config or spec is invalid; the message names "
                                                   "the field path (players[1].usi.command: ...).",
                                                   bases.ptr(), nullptr);
  if (!classes.error || !classes.config_error) {
    throw py::error_already_set();
  }
  m.attr("TourneyError") = classes.error;
  m.attr("ConfigError") = classes.config_error;

  m.attr("__version__") = TOURNEY_VERSION;

  bind_snapshots(m);
  bind_policies(m);
  bind_runtime(m);
  bind_verdict(m);

  m.def(
      "ratings",
      [](const std::vector<std::string>& directories, const std::vector<std::string>& anchors,
         double sequential_prior) {
        std::optional<tourney::expected<tourney::results::league_fit>> fitted;
        {
          py::gil_scoped_release nogil;  // reads every journal: may take a while
          fitted = tourney::results::fit_folders(directories, anchors, sequential_prior);
        }
        if (!*fitted) {
          throw py::value_error((*fitted).error().message);
        }
        const auto& f = **fitted;
        auto optional_number = [](const std::optional<double>& x) -> py::object {
          return x ? py::object(py::float_(*x)) : py::object(py::none());
        };
        py::list players;
        for (int index : f.ratings.order) {
          const auto& p = f.ratings.players[static_cast<std::size_t>(index)];
          py::dict d;
          d["name"] = p.name;
          d["elo"] = optional_number(p.elo);
          d["error95"] = optional_number(p.error95);
          d["bound"] = std::string(tourney::stats::to_string(p.bound));
          d["bound_elo"] = optional_number(p.bound_elo);
          d["games"] = p.games;
          d["points"] = p.points;
          d["draws"] = p.draws;
          d["los_next"] = optional_number(p.los_next);
          d["anchored"] = p.anchored;
          d["group"] = p.group;
          players.append(d);
        }
        py::dict out;
        out["players"] = players;
        out["first_move_elo"] = f.ratings.first_move_elo;
        out["first_move_error95"] = f.ratings.first_move_error95;
        out["draw_elo"] = f.ratings.draw_elo;
        out["draw_error95"] = f.ratings.draw_error95;
        out["complete"] = f.ratings.complete;
        out["folders"] = f.league.folders;
        out["games"] = f.league.game_count;
        out["warnings"] = f.ratings.warnings;
        out["journal_warnings"] = f.league.warnings;
        return out;
      },
      py::arg("directories"), py::arg("anchors") = std::vector<std::string>{},
      py::arg("sequential_prior") = 0.0,
      "One rating list over every finished game in the tournament folders under\n"
      "`directories` (a storage root or tournament folders), as `tourney ratings` fits it:\n"
      "maximum likelihood with a draw and a first-move term. anchors: 'NAME=ELO' (fixed)\n"
      "or 'NAME=ELO+-SD' (a prior); sequential_prior: SD between consecutive checkpoints\n"
      "(ordered by the number in their names), 0 for none. Returns a dict: players\n"
      "(strongest first: name, elo, error95 (half the 95% interval), bound ('finite',\n"
      "'above', 'below', 'unbounded'), bound_elo, games, points, draws, los_next, ...),\n"
      "first_move_elo, draw_elo, warnings. ValueError says what is wrong.");
  m.def(
      "check_game",
      [](const std::string& start_sfen, const std::vector<std::string>& moves) {
        return game_error(start_sfen, moves);
      },
      py::arg("start_sfen"), py::arg("moves"),
      "Replays USI moves from start_sfen on the rules core: None when every move is\n"
      "legal, else why the first illegal one is not ('move 12 (8h2b+): ...').\n"
      "start_sfen: an SFEN, 'sfen <SFEN>' or 'startpos'.");
  m.def(
      "is_legal_game",
      [](const std::string& start_sfen, const std::vector<std::string>& moves) {
        return !game_error(start_sfen, moves).has_value();
      },
      py::arg("start_sfen"), py::arg("moves"), "Whether every move is legal (see check_game).");
  m.def(
      "legal_moves",
      [](const std::string& sfen) {
        auto pos = position_from(sfen, "sfen");
        std::vector<std::string> out;
        for (auto mv : pos.legal_moves()) {
          out.push_back(tourney::shogi::to_usi(mv));
        }
        return out;
      },
      py::arg("sfen"), "Every legal move of the position, in USI.");
  m.def(
      "apply_moves",
      [](const std::string& sfen, const std::vector<std::string>& moves) {
        auto pos = position_from(sfen, "sfen");
        for (std::size_t i = 0; i < moves.size(); ++i) {
          auto mv = tourney::shogi::parse_legal_usi_move(pos, moves[i]);
          if (!mv) {
            throw py::value_error("move " + std::to_string(i + 1) + ": " + mv.error().message);
          }
          pos.play(*mv);
        }
        return pos.to_sfen();
      },
      py::arg("sfen"), py::arg("moves"),
      "The SFEN after playing the USI moves (ValueError on an illegal one).");
  m.def(
      "layout_shape",
      [](const std::string& layout) {
        auto s = tourney::encoding::shape(layout_from(layout));
        return py::make_tuple(s.planes, s.actions);
      },
      py::arg("layout"), "(planes, actions) of 'dlshogi' (119, 2187) or 'alphazero' (44, 11259).");
  m.def(
      "move_to_action",
      [](const std::string& sfen, const std::string& usi, const std::string& layout) {
        auto pos = position_from(sfen, "sfen");
        auto mv = tourney::shogi::parse_legal_usi_move(pos, usi);
        if (!mv) {
          throw py::value_error(mv.error().message);
        }
        auto a = tourney::encoding::action_index(layout_from(layout), pos, *mv);
        if (!a) {
          throw py::value_error(usi + ": no action in layout " + layout);
        }
        return *a;
      },
      py::arg("sfen"), py::arg("usi"), py::arg("layout") = "dlshogi",
      "The action index of a legal USI move in the position (docs/encodings.md).");
  m.def(
      "action_to_move",
      [](const std::string& sfen, std::uint32_t action, const std::string& layout) {
        auto pos = position_from(sfen, "sfen");
        auto mv = tourney::encoding::move_from_action(layout_from(layout), pos, action);
        if (!mv) {
          throw py::value_error(mv.error().message);
        }
        return tourney::shogi::to_usi(*mv);
      },
      py::arg("sfen"), py::arg("action"), py::arg("layout") = "dlshogi",
      "The legal USI move of an action index in the position (ValueError if none).");
  m.def(
      "encode_positions",
      [](const std::vector<std::string>& sfens, const std::string& layout) {
        const auto l = layout_from(layout);
        tourney::move_batch batch;
        for (std::size_t i = 0; i < sfens.size(); ++i) {
          tourney::batch_request r;
          r.position = position_from(sfens[i], "sfens");
          r.start = r.position;
          r.game_id = std::to_string(i);
          batch.requests.push_back(std::move(r));
        }
        std::shared_ptr<tourney::encoding::encoded_batch> enc;
        {
          py::gil_scoped_release nogil;
          auto e = tourney::encoding::encode_batch(batch, l);
          if (e) {
            enc = std::make_shared<tourney::encoding::encoded_batch>(std::move(*e));
          }
        }
        if (!enc) {
          throw py::value_error("encode_positions: a position could not be encoded");
        }
        const auto s = tourney::encoding::shape(l);
        const auto n = static_cast<py::ssize_t>(sfens.size());
        auto* keep = new std::shared_ptr<tourney::encoding::encoded_batch>(enc);
        py::capsule owner(keep, [](void* p) {
          delete static_cast<std::shared_ptr<tourney::encoding::encoded_batch>*>(p);
        });
        const py::ssize_t f = sizeof(float);
        const py::ssize_t planes = s.planes;
        const py::ssize_t actions = s.actions;
        py::array inputs =
            py::array_t<float>({n, planes, py::ssize_t{9}, py::ssize_t{9}},
                               {planes * 81 * f, 81 * f, 9 * f, f}, enc->inputs.data(), owner);
        py::array legal = py::array(py::dtype("bool"), {n, actions}, {actions, py::ssize_t{1}},
                                    enc->legal.data(), owner);
        return py::make_tuple(inputs, legal);
      },
      py::arg("sfens"), py::arg("layout") = "dlshogi",
      "(inputs float32 [n, planes, 9, 9], legal_mask bool [n, actions]) of the positions,\n"
      "as a batched policy receives them (each position seen from its side to move;\n"
      "alphazero's repetition plane is 0: no history).");
}
