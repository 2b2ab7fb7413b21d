#pragma once
// What Python passes to tourney.Runtime(...) and Runtime.start(config, ...),
// as the C++ API takes it.
#include <pybind11/pybind11.h>

#include <string>

#include "tourney/runtime.hpp"
#include "tourney/spec/config.hpp"

namespace tourney::python {

namespace py = pybind11;

/// os.fspath(h): a str or a path-like object as a path.
std::string fspath(py::handle h);

/// Runtime(**kw): unknown options and bad values raise TypeError or
/// ValueError naming the option.
runtime_options options_from(const py::kwargs& kw);

/// A config given as a dict, a JSON string or a path, read as `tourney
/// validate` reads a file; errors raise ConfigError naming the field path.
spec::run_config config_from(py::handle config);

}  // namespace tourney::python
