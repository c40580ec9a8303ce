// The Python module `ittsim` (pybind11; cmake -DITTSIM_PYTHON=ON): scenarios loaded and
// validated as the command line does, run in the calling process with the GIL released, their
// yearly and weekly series returned as pandas DataFrames, or written to HDF5 as `ittsim run`
// writes them. Example: docs/python_example.py.

#include "sim/core/errors.hpp"
#include "sim/driver/resources.hpp"
#include "sim/driver/run.hpp"
#include "sim/model/indicators.hpp"
#include "sim/model/simulation.hpp"
#include "sim/params/parameter_docs.hpp"
#include "sim/params/scenario.hpp"

#include <Python.h>
#include <fmt/format.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <regex>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace py = pybind11;
using namespace ittsim;

namespace {

// A tidy table built a row at a time: replicate, then every series a visitor names, each
// column keeping its element type (int64 or float64, as in the output file).
class Table {
 public:
  template <typename Row, typename Visit>
  void add(std::int64_t replicate, const Row& row, Visit&& visit_row) {
    std::size_t column = 0;
    append(column++, "replicate", replicate);
    visit_row(row, [&](const auto& value, const SeriesInfo& info) { append(column++, info.name, value); });
  }

  py::object frame() const {
    py::dict columns;
    for (std::size_t k = 0; k < names_.size(); ++k) {
      std::visit(
          [&](const auto& values) {
            using Element = typename std::decay_t<decltype(values)>::value_type;
            columns[py::str(names_[k])] = py::array_t<Element>(static_cast<py::ssize_t>(values.size()), values.data());
          },
          values_[k]);
    }
    return py::module_::import("pandas").attr("DataFrame")(columns);
  }

 private:
  template <typename Value>
  void append(std::size_t column, std::string_view name, const Value& value) {
    using Stored = std::conditional_t<std::is_integral_v<Value>, std::int64_t, double>;
    if (column == names_.size()) {
      names_.emplace_back(name);
      values_.emplace_back(std::vector<Stored>{});
    }
    std::get<std::vector<Stored>>(values_[column]).push_back(static_cast<Stored>(value));
  }

  std::vector<std::string> names_;
  std::vector<std::variant<std::vector<std::int64_t>, std::vector<double>>> values_;
};

// The national yearly and weekly rows of every completed year.
struct Series {
  Table yearly;
  Table weekly;
  void observe(std::int64_t replicate, const Simulation& simulation) {
    yearly.add(replicate, simulation.last_year(), [](auto& row, auto&& visit) { visit_yearly(row, visit); });
    for (const auto& week : simulation.last_year_weeks()) {
      weekly.add(replicate, week, [](auto& row, auto&& visit) { visit_weekly(row, visit); });
    }
  }
};

std::vector<Override> overrides_from(const py::dict& settings, const std::string& origin) {
  std::vector<Override> overrides;
  for (const auto& [key, value] : settings) {
    std::string text;
    if (py::isinstance<py::bool_>(value)) {
      text = value.cast<bool>() ? "1" : "0";
    } else if (py::isinstance<py::float_>(value)) {
      text = fmt::format("{}", value.cast<double>());  // the shortest text that reads back exactly
    } else {
      text = py::str(value).cast<std::string>();
    }
    overrides.push_back({py::str(key).cast<std::string>(), text, origin});
  }
  return overrides;
}

// The scenario with the run's own settings given to run().
Scenario for_run(const Scenario& scenario, std::optional<std::int64_t> replicates, std::optional<std::uint64_t> seed) {
  std::vector<Override> overrides;
  if (replicates) overrides.push_back({"run.replicates", std::to_string(*replicates), "run(replicates=)"});
  if (seed) overrides.push_back({"run.seed", std::to_string(*seed), "run(seed=)"});
  return overrides.empty() ? scenario : scenario.with(overrides);
}

py::object run(const Scenario& base, std::optional<std::int64_t> replicates, int threads,
               std::optional<std::uint64_t> seed, std::optional<std::filesystem::path> output) {
  if (threads < 1) throw InputError(fmt::format("threads = {}: expected 1 or more", threads));
  const auto scenario = for_run(base, replicates, seed);
  if (output) {
    RunOptions options;
    options.output = *output;
    options.threads = threads;
    options.command_line = fmt::format("python: ittsim.Scenario.run(output={})", output->string());
    // Ctrl-C stops the run between weeks, as in `ittsim run`: no file is left.
    std::atomic<bool> stop{false};
    options.stop_requested = &stop;
    options.progress = [&stop](const RunProgress&) {
      py::gil_scoped_acquire held;
      if (PyErr_CheckSignals() != 0) {
        PyErr_Clear();
        stop = true;
      }
    };
    try {
      py::gil_scoped_release released;
      run_scenario(scenario, options);
    } catch (const Interrupted&) {
      PyErr_SetNone(PyExc_KeyboardInterrupt);
      throw py::error_already_set();
    }
    return py::none();
  }
  // As `ittsim run` does before any work: a run that would not fit in memory is bad input.
  check_memory(scenario.parameters());
  Series series;
  {
    py::gil_scoped_release released;
    // As run_scenario steps them: each replicate in one arena of the requested size.
    tbb::global_control allowed(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    tbb::task_arena arena(threads);
    const auto& parameters = scenario.parameters();
    for (std::uint64_t replicate = 0; replicate < static_cast<std::uint64_t>(parameters.run.replicates); ++replicate) {
      std::optional<Simulation> simulation;
      arena.execute([&] { simulation.emplace(parameters, replicate); });
      while (!simulation->finished()) {
        arena.execute([&] { simulation->step(); });
        if (simulation->year_completed()) series.observe(static_cast<std::int64_t>(replicate), *simulation);
        // Ctrl-C stops the run between weeks.
        py::gil_scoped_acquire held;
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      }
    }
  }
  py::object result = py::module_::import("types").attr("SimpleNamespace")();
  result.attr("yearly") = series.yearly.frame();
  result.attr("weekly") = series.weekly.frame();
  result.attr("scenario") = scenario.resolved_text();
  return result;
}

// Where an input error's message says it arose: "FILE:LINE: ..." names the file and line, and
// the first group.name in it the key ("unknown parameter 'population.mentor_shar'", or
// "--set: population.scale = 'x': ...").
struct Where {
  std::optional<std::string> file;
  std::optional<long> line;
  std::optional<std::string> key;
};

Where where(const std::string& message) {
  Where found;
  static const std::regex located(R"(^(.+?):(\d+): )");
  static const std::regex named(R"((?:^|[ '])([a-z_]+\.[a-z_0-9]+)(?:'| = ))");
  std::smatch match;
  if (std::regex_search(message, match, located)) {
    found.file = match[1].str();
    found.line = std::stol(match[2].str());
  }
  if (std::regex_search(message, match, named)) found.key = match[1].str();
  return found;
}

py::object params() {
  std::vector<std::string> key, group, name, default_value, unit, type, description;
  std::vector<double> minimum, maximum;
  for (const auto& row : parameter_rows()) {
    key.push_back(row.key);
    group.push_back(row.group);
    name.push_back(row.name);
    default_value.push_back(row.default_value);
    unit.push_back(row.unit);
    type.push_back(row.type);
    minimum.push_back(row.minimum);
    maximum.push_back(row.maximum);
    description.push_back(row.description);
  }
  py::dict columns;
  columns["key"] = key;
  columns["group"] = group;
  columns["name"] = name;
  columns["default"] = default_value;
  columns["unit"] = unit;
  columns["type"] = type;
  columns["minimum"] = minimum;
  columns["maximum"] = maximum;
  columns["description"] = description;
  return py::module_::import("pandas").attr("DataFrame")(columns);
}

}  // namespace

PYBIND11_MODULE(ittsim, module) {
  module.doc() = "ittsim: agent-based simulation of initial teacher training networks in England";
  // Bad input (a scenario file, a key, a value): its message names the file, line and key, and
  // the exception carries them as .file, .line and .key (None where the message has none).
  static py::exception<InputError> input_error(module, "InputError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const InputError& e) {
      py::object instance = py::reinterpret_borrow<py::object>(input_error.ptr())(e.what());
      const auto [file, line, key] = where(e.what());
      instance.attr("file") = file ? py::cast(*file) : py::none();
      instance.attr("line") = line ? py::cast(*line) : py::none();
      instance.attr("key") = key ? py::cast(*key) : py::none();
      PyErr_SetObject(input_error.ptr(), instance.ptr());
    }
  });

  py::class_<Scenario>(module, "Scenario", "A validated scenario: its files, their overrides and every parameter.")
      .def_static(
          "load",
          [](const std::filesystem::path& path, const py::dict& settings) {
            return Scenario::load(path, overrides_from(settings, "Scenario.load(set=)"));
          },
          py::arg("path"), py::kw_only(), py::arg("set") = py::dict(),
          "Reads a scenario file (and those it extends) and applies set={'group.name': value}, validating "
          "everything as `ittsim run` does; raises ittsim.InputError naming the file, line and key.")
      .def("with_settings",
           [](const Scenario& scenario, const py::dict& settings) {
             return scenario.with(overrides_from(settings, "with_settings(set=)"));
           },
           py::arg("set"), "This scenario with more settings ({'group.name': value}), validated as load() does.")
      .def_property_readonly("name", &Scenario::name)
      .def_property_readonly("resolved", &Scenario::resolved_text,
                             "Every parameter with its value and origin, as a scenario file.")
      .def("run", &run, py::kw_only(), py::arg("replicates") = py::none(), py::arg("threads") = 1,
           py::arg("seed") = py::none(), py::arg("output") = py::none(),
           "Runs every replicate here, the GIL released. Returns an object with .yearly and .weekly pandas "
           "DataFrames (one row per replicate and year, or week; a column per series, named as in the output "
           "file) and .scenario, the resolved scenario; with output=PATH writes the HDF5 file `ittsim run` "
           "would write instead and returns None. Results equal the command line's for the same scenario and "
           "seed, whatever the threads.");
  module.def("params", &params, "The parameter table: key, group, name, default, unit, type, range and description.");
}
