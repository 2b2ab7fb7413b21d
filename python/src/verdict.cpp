// tourney.Verdict and tourney.verdict(folder, require): the gate's verdict
// (stats::decide_gate through results::folder_verdict, the function behind
// `tourney run --gate` and runtime::verdict), with the same keys as the
// verdict JSON line and tournament.json's `verdict`.
#include <pybind11/stl.h>

#include <optional>

#include "common.hpp"
#include "tourney/results/folder_verdict.hpp"

namespace tourney::python {

namespace {

py::object number_or_none(const std::optional<double>& v) {
  return v ? py::object(py::float_(*v)) : py::object(py::none());
}

py::object sprt_dict(const stats::gate_decision& d) {
  if (!d.sprt) {
    return py::none();
  }
  py::dict s;
  s["llr"] = d.sprt->llr;
  s["lower"] = d.sprt->lower;
  s["upper"] = d.sprt->upper;
  s["result"] = std::string(stats::to_string(d.sprt->result));
  return s;
}

py::list condition_dicts(const stats::gate_decision& d) {
  py::list out;
  for (const auto& c : d.conditions) {
    py::dict x;
    x["condition"] = c.text;
    x["verdict"] = std::string(stats::to_string(c.verdict));
    x["threshold"] = c.threshold;
    x["elo"] = number_or_none(c.elo);
    x["lower95"] = number_or_none(c.lower95);
    x["upper95"] = number_or_none(c.upper95);
    x["los"] = number_or_none(c.los);
    x["games"] = c.games;
    out.append(x);
  }
  return out;
}

std::vector<stats::gate_condition> parse_require(const std::vector<std::string>& require) {
  auto parsed = stats::parse_conditions(require);
  if (!parsed) {
    throw py::value_error(parsed.error().message);
  }
  return *parsed;
}

}  // namespace

void bind_verdict(py::module_& m) {
  py::class_<stats::gate_decision>(m, "Verdict",
                                   "The verdict of a completed tournament, as `tourney run --gate` decides it:\n"
                                   "verdict ('pass', 'fail', 'no_verdict'), decided_by ('sprt', 'conditions',\n"
                                   "'sprt_and_conditions'), sprt ({llr, lower, upper, result} or None) and\n"
                                   "conditions (one dict per condition: condition, verdict, threshold, elo,\n"
                                   "lower95, upper95, los, games). to_dict() has the keys of tournament.json's\n"
                                   "`verdict`.")
      .def_property_readonly("verdict",
                             [](const stats::gate_decision& d) { return std::string(stats::to_string(d.verdict)); })
      .def_property_readonly("decided_by",
                             [](const stats::gate_decision& d) { return std::string(stats::to_string(d.decided_by)); })
      .def_property_readonly("passed", [](const stats::gate_decision& d) { return d.verdict == stats::gate_verdict::pass; })
      .def_property_readonly("sprt", &sprt_dict)
      .def_property_readonly("conditions", &condition_dicts)
      .def("to_dict",
           [](const stats::gate_decision& d) {
             py::dict out;
             out["verdict"] = std::string(stats::to_string(d.verdict));
             out["decided_by"] = std::string(stats::to_string(d.decided_by));
             out["conditions"] = condition_dicts(d);
             if (d.sprt) {
               out["sprt"] = sprt_dict(d);
             }
             return out;
           })
      .def("__repr__", [](const stats::gate_decision& d) { return "<tourney.Verdict " + stats::describe(d) + ">"; });

  m.def(
      "verdict",
      [](py::object folder, const std::vector<std::string>& require) {
        const auto path = py::str(py::module_::import("os").attr("fspath")(folder)).cast<std::string>();
        const auto conditions = parse_require(require);
        std::optional<expected<stats::gate_decision>> decided;
        {
          py::gil_scoped_release nogil;  // reads the folder's journal
          decided = results::folder_verdict(path, conditions);
        }
        if (!*decided) {
          throw py::value_error((*decided).error().message);
        }
        return **decided;
      },
      py::arg("folder"), py::arg("require") = std::vector<std::string>{},
      "The verdict of the tournament saved in folder, as `tourney run --gate` decides it\n"
      "(a tourney.Verdict). require: conditions as `--require` takes them ('elo(A vs B) > 0',\n"
      "'los(A) > 95%'). ValueError names a bad condition, an unknown player or a bad folder.");
}

}  // namespace tourney::python
