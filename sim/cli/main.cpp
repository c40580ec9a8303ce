// The `ittsim` command: run, validate, params and summary. Every failure ends here, as a
// one-line message and an exit code: 2 for bad input, 3 for output failures, 130 when
// interrupted; nothing deeper in the program exits.

#include "sim/core/errors.hpp"
#include "sim/driver/run.hpp"
#include "sim/io/command_line.hpp"
#include "sim/io/output_file.hpp"
#include "sim/io/summary.hpp"
#include "sim/params/parameter_docs.hpp"
#include "sim/params/scenario.hpp"

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <ittsim/build_info.hpp>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

using namespace ittsim;

// Set by SIGINT or SIGTERM; the run checks it every simulated week.
std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int) { stop_requested.store(true); }

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

constexpr const char* overview =
    "ittsim: agent-based simulation of initial teacher training networks in England\n"
    "\n"
    "Usage: ittsim COMMAND [options]\n"
    "\n"
    "Commands:\n"
    "  run SCENARIO       run a scenario and write its time series to HDF5\n"
    "  validate SCENARIO  check a scenario file and everything it extends, without running it\n"
    "  params             list every parameter with its default, unit, range and meaning\n"
    "  summary FILE       print the end-of-run summary of an output file\n"
    "\n"
    "Run 'ittsim COMMAND --help' for a command's options; 'ittsim --version' for the version.\n";

struct Parsed {
  po::variables_map values;
  bool help = false;
};

Parsed parse(const std::vector<std::string>& arguments, const po::options_description& options,
             const po::positional_options_description& positional) {
  Parsed parsed;
  po::store(po::command_line_parser(arguments).options(options).positional(positional).run(), parsed.values);
  po::notify(parsed.values);
  parsed.help = parsed.values.count("help") > 0;
  return parsed;
}

std::string usage(const std::string& synopsis, const po::options_description& options) {
  std::ostringstream text;
  text << "Usage: " << synopsis << "\n\n" << options;
  return text.str();
}

std::vector<Override> overrides_from(const po::variables_map& values) {
  std::vector<Override> overrides;
  if (values.count("set")) {
    for (const auto& assignment : values["set"].as<std::vector<std::string>>()) {
      const auto equals = assignment.find('=');
      if (equals == std::string::npos || equals == 0) {
        throw InputError(fmt::format("--set '{}': expected group.name=value, e.g. --set run.years=5", assignment));
      }
      overrides.push_back({assignment.substr(0, equals), assignment.substr(equals + 1), "--set"});
    }
  }
  // --seed and --replicates are shorthands for run.seed and run.replicates, and win over --set.
  if (values.count("seed")) overrides.push_back({"run.seed", values["seed"].as<std::string>(), "--seed"});
  if (values.count("replicates")) {
    const auto text = values["replicates"].as<std::string>();
    whole_number_option("--replicates", text, 1);
    overrides.push_back({"run.replicates", text, "--replicates"});
  }
  return overrides;
}

void add_scenario_options(po::options_description& options) {
  options.add_options()
      ("set", po::value<std::vector<std::string>>()->composing()->value_name("group.name=value"),
       "override one parameter; may be repeated")
      ("seed", po::value<std::string>()->value_name("S"), "shorthand for --set run.seed=S")
      ("replicates", po::value<std::string>()->value_name("R"), "shorthand for --set run.replicates=R");
}

fs::path default_output(const fs::path& scenario) { return fs::path(scenario.stem().string() + ".h5"); }

std::string joined(int argc, char** argv) {
  std::string text;
  for (int i = 0; i < argc; ++i) {
    if (i > 0) text += ' ';
    text += argv[i];
  }
  return text;
}

int run_command(const std::vector<std::string>& arguments, const std::string& command_line) {
  po::options_description options("Options");
  options.add_options()
      ("help,h", "show this help")
      ("scenario", po::value<std::string>()->value_name("SCENARIO"), "scenario file (INI)")
      ("output,o", po::value<std::string>()->value_name("OUT.h5"), "output file (default: SCENARIO's name with .h5, here)")
      ("threads,t", po::value<std::string>()->default_value("1")->value_name("N"), "worker threads (results do not depend on it)")
      ("quiet,q", "print no progress line and no summary");
  add_scenario_options(options);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const auto parsed = parse(arguments, options, positional);
  const std::string synopsis =
      "ittsim run SCENARIO [-o OUT.h5] [--threads N] [--seed S] [--replicates R] [--set group.name=value]...";
  if (parsed.help) {
    std::cout << usage(synopsis, options)
              << "\nRuns every replicate and writes OUT.h5 (see docs/OUTPUT.md); the file appears only when\n"
                 "the run is complete. Prints a progress line on a terminal and a summary at the end.\n";
    return exit_code::success;
  }
  const auto& values = parsed.values;
  if (!values.count("scenario")) throw InputError("run: expected a scenario file, e.g. ittsim run scenarios/baseline.ini");
  const fs::path scenario_path = values["scenario"].as<std::string>();
  const auto threads = whole_number_option("--threads", values["threads"].as<std::string>(), 1);
  const Scenario scenario = Scenario::load(scenario_path, overrides_from(values));
  const fs::path output = values.count("output") ? fs::path(values["output"].as<std::string>()) : default_output(scenario_path);
  check_output_path(output);

  const bool quiet = values.count("quiet") > 0;
  const bool terminal = isatty(STDERR_FILENO) != 0 && !quiet;
  RunOptions run_options;
  run_options.output = output;
  run_options.threads = static_cast<int>(threads);
  run_options.command_line = command_line;
  run_options.stop_requested = &stop_requested;
  int last_percent = -1;
  if (terminal) {
    run_options.progress = [&](const RunProgress& progress) {
      const double done = (static_cast<double>(progress.replicate) * progress.total_weeks + progress.weeks_done) /
                          (static_cast<double>(progress.replicates) * progress.total_weeks);
      const int percent = static_cast<int>(done * 100);
      if (percent == last_percent) return;
      last_percent = percent;
      fmt::print(stderr, "\rreplicate {}/{} · week {}/{} · {:3d}% · {:.1f} s ", progress.replicate + 1,
                 progress.replicates, progress.weeks_done, progress.total_weeks, percent, progress.elapsed_seconds);
      std::fflush(stderr);
    };
  }
  install_signal_handlers();
  try {
    run_scenario(scenario, run_options);
  } catch (...) {
    if (terminal) fmt::print(stderr, "\n");
    throw;
  }
  if (terminal) fmt::print(stderr, "\n");
  if (!quiet) std::cout << format_summary(read_summary(output));
  return exit_code::success;
}

int validate_command(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("scenario", po::value<std::string>()->value_name("SCENARIO"),
                                                     "scenario file (INI)");
  add_scenario_options(options);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const auto parsed = parse(arguments, options, positional);
  if (parsed.help) {
    std::cout << usage("ittsim validate SCENARIO [--set group.name=value]...", options)
              << "\nReads SCENARIO and every file it extends, applies the overrides and checks every value.\n"
                 "Prints the files read on success; exits 2 with the first problem otherwise.\n";
    return exit_code::success;
  }
  if (!parsed.values.count("scenario")) throw InputError("validate: expected a scenario file");
  const Scenario scenario = Scenario::load(parsed.values["scenario"].as<std::string>(), overrides_from(parsed.values));
  std::cout << fmt::format("{}: valid", scenario.files().front().string());
  if (scenario.files().size() > 1) {
    std::cout << " (extends";
    for (std::size_t i = 1; i < scenario.files().size(); ++i) std::cout << " " << scenario.files()[i].string();
    std::cout << ")";
  }
  std::cout << "\n";
  return exit_code::success;
}

int params_command(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("markdown", "print docs/PARAMETERS.md instead of plain text");
  const auto parsed = parse(arguments, options, {});
  if (parsed.help) {
    std::cout << usage("ittsim params [--markdown]", options)
              << "\nLists every parameter by scenario section: name = default (type, unit, range) and meaning.\n";
    return exit_code::success;
  }
  std::cout << (parsed.values.count("markdown") ? parameters_as_markdown() : parameters_as_text());
  return exit_code::success;
}

int summary_command(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("file", po::value<std::string>()->value_name("FILE"), "output file");
  po::positional_options_description positional;
  positional.add("file", 1);
  const auto parsed = parse(arguments, options, positional);
  if (parsed.help) {
    std::cout << usage("ittsim summary FILE", options)
              << "\nPrints the key indicators of an output file, as `ittsim run` does at the end.\n";
    return exit_code::success;
  }
  if (!parsed.values.count("file")) throw InputError("summary: expected an output file, e.g. ittsim summary baseline.h5");
  std::cout << format_summary(read_summary(parsed.values["file"].as<std::string>()));
  return exit_code::success;
}

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << overview;
    return exit_code::bad_input;
  }
  const std::string command = argv[1];
  const std::vector<std::string> arguments(argv + 2, argv + argc);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << overview;
    return exit_code::success;
  }
  if (command == "--version") {
    std::cout << fmt::format("ittsim {} ({})\n", build_info::version, build_info::git_commit);
    return exit_code::success;
  }
  if (command == "run") return run_command(arguments, joined(argc, argv));
  if (command == "validate") return validate_command(arguments);
  if (command == "params") return params_command(arguments);
  if (command == "summary") return summary_command(arguments);
  throw InputError(fmt::format("unknown command '{}'; expected run, validate, params or summary (see ittsim --help)", command));
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const InputError& error) {
    std::cerr << "ittsim: error: " << error.what() << "\n";
    return exit_code::bad_input;
  } catch (const po::error& error) {
    std::cerr << "ittsim: error: " << error.what() << " (see ittsim " << (argc > 1 ? argv[1] : "") << " --help)\n";
    return exit_code::bad_input;
  } catch (const OutputError& error) {
    std::cerr << "ittsim: output error: " << error.what() << "\n";
    return exit_code::output_error;
  } catch (const Interrupted& error) {
    std::cerr << "ittsim: " << error.what() << "\n";
    return exit_code::interrupted;
  } catch (const std::exception& error) {
    std::cerr << "ittsim: internal error: " << error.what() << "\n";
    return exit_code::internal_error;
  }
}
