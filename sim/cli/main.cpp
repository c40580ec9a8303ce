// The `ittsim` command: run, resume, validate, params, summary, sweep and merge. Every failure ends
// here, as a one-line message and an exit code: 2 for bad input, 3 for output failures, 4 when
// a sweep's points failed, 5 when memory ran out during the work, 130 when interrupted;
// nothing deeper in the program exits.

#include "sim/core/errors.hpp"
#include "sim/driver/run.hpp"
#include "sim/io/command_line.hpp"
#include "sim/io/measure.hpp"
#include "sim/io/output_file.hpp"
#include "sim/io/summary.hpp"
#include "sim/params/ini_file.hpp"
#include "sim/params/parameter_docs.hpp"
#include "sim/params/scenario.hpp"
#include "sim/sweep/definition.hpp"
#include "sim/sweep/directory.hpp"
#include "sim/sweep/merge.hpp"
#include "sim/sweep/mpi_farm.hpp"  // declarations only; defined in MPI builds (ITTSIM_WITH_MPI)
#include "sim/sweep/run_sweep.hpp"
#include "sim/sweep/status.hpp"

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <ittsim/build_info.hpp>
#include <malloc.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <filesystem>
#include <algorithm>
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

// The options `run` and `resume` share: how to run, and checkpointing.
void add_run_options(po::options_description& options) {
  options.add_options()
      ("threads,t", po::value<std::string>()->default_value("1")->value_name("N"), "worker threads (results do not depend on it)")
      ("quiet,q", "print no progress line and no summary")
      ("checkpoint-every", po::value<std::string>()->value_name("Y"), "save the run's whole state every Y simulated years")
      ("checkpoint-dir", po::value<std::string>()->value_name("DIR"), "folder for the checkpoints (created if missing)");
}

// RunOptions from those options; every_fallback when --checkpoint-every is not given.
RunOptions run_options_from(const po::variables_map& values, const std::string& command_line, const fs::path& output,
                            int every_fallback) {
  RunOptions run_options;
  run_options.output = output;
  run_options.threads = static_cast<int>(whole_number_option("--threads", values["threads"].as<std::string>(), 1, max_threads));
  run_options.command_line = command_line;
  run_options.checkpoint_every =
      values.count("checkpoint-every")
          ? static_cast<int>(whole_number_option("--checkpoint-every", values["checkpoint-every"].as<std::string>(), 0))
          : every_fallback;
  if (values.count("checkpoint-dir")) run_options.checkpoint_dir = values["checkpoint-dir"].as<std::string>();
  return run_options;
}

// The files a scenario was read from, which an output must not replace.
std::vector<NamedPath> scenario_inputs(const Scenario& scenario) {
  std::vector<NamedPath> inputs;
  for (std::size_t i = 0; i < scenario.files().size(); ++i) {
    inputs.push_back({scenario.files()[i], i == 0 ? "the scenario file" : "a file the scenario extends"});
  }
  return inputs;
}

// The folder whose checkpoints a run writes and removes, when the options name one.
std::vector<NamedPath> checkpoint_folder(const RunOptions& options) {
  if (options.checkpoint_dir.empty()) return {};
  return {{options.checkpoint_dir, "the checkpoint folder of --checkpoint-dir"}};
}

// Runs or resumes with a progress line on a terminal, then prints the output's summary.
int execute_run(RunOptions run_options, bool quiet, const std::function<void(const RunOptions&)>& execute) {
  const bool terminal = isatty(STDERR_FILENO) != 0 && !quiet;
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
    execute(run_options);
  } catch (...) {
    if (terminal) fmt::print(stderr, "\n");
    throw;
  }
  if (terminal) fmt::print(stderr, "\n");
  if (!quiet) std::cout << format_summary(read_summary(run_options.output));
  return exit_code::success;
}

int run_command(const std::vector<std::string>& arguments, const std::string& command_line) {
  po::options_description options("Options");
  options.add_options()
      ("help,h", "show this help")
      ("scenario", po::value<std::string>()->value_name("SCENARIO"), "scenario file (INI)")
      ("output,o", po::value<std::string>()->value_name("OUT.h5"), "output file (default: SCENARIO's name with .h5, here)");
  add_run_options(options);
  add_scenario_options(options);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const auto parsed = parse(arguments, options, positional);
  const std::string synopsis =
      "ittsim run SCENARIO [-o OUT.h5] [--threads N] [--checkpoint-every Y --checkpoint-dir DIR] [--seed S] "
      "[--replicates R] [--set group.name=value]...";
  if (parsed.help) {
    std::cout << usage(synopsis, options)
              << "\nRuns every replicate and writes OUT.h5 (see docs/OUTPUT.md); the file appears only when\n"
                 "the run is complete. Prints a progress line on a terminal and a summary at the end.\n"
                 "With --checkpoint-every Y, the whole state is saved to DIR every Y simulated years (counted\n"
                 "over all replicates); DIR keeps the newest checkpoint only, and a completed run removes it.\n"
                 "A stopped or killed run continues with 'ittsim resume DIR -o OUT.h5'.\n";
    return exit_code::success;
  }
  const auto& values = parsed.values;
  if (!values.count("scenario")) throw InputError("run: expected a scenario file, e.g. ittsim run scenarios/baseline.ini");
  const fs::path scenario_path = values["scenario"].as<std::string>();
  const Scenario scenario = Scenario::load(scenario_path, overrides_from(values));
  const fs::path output = values.count("output") ? fs::path(values["output"].as<std::string>()) : default_output(scenario_path);
  const auto run_options = run_options_from(values, command_line, output, 0);
  check_output_path(output, scenario_inputs(scenario), checkpoint_folder(run_options));
  return execute_run(run_options, values.count("quiet") > 0,
                     [&](const RunOptions& prepared) { run_scenario(scenario, prepared); });
}

int resume_command(const std::vector<std::string>& arguments, const std::string& command_line) {
  po::options_description options("Options");
  options.add_options()
      ("help,h", "show this help")
      ("checkpoint", po::value<std::string>()->value_name("CHECKPOINT"), "checkpoint file, or a folder of checkpoints (its newest)")
      ("output,o", po::value<std::string>()->value_name("OUT.h5"), "output file (required)")
      ("scenario", po::value<std::string>()->value_name("SCENARIO"),
       "refuse the checkpoint unless it is of this scenario (with any --set, --seed, --replicates)");
  add_run_options(options);
  add_scenario_options(options);
  po::positional_options_description positional;
  positional.add("checkpoint", 1);
  const auto parsed = parse(arguments, options, positional);
  if (parsed.help) {
    std::cout << usage("ittsim resume CHECKPOINT -o OUT.h5 [--threads N] [--scenario SCENARIO] [--checkpoint-every Y] "
                       "[--checkpoint-dir DIR]",
                       options)
              << "\nContinues the run saved in CHECKPOINT to OUT.h5, which then holds the same data as the\n"
                 "uninterrupted run's output (outside /provenance). Only the ittsim build that wrote a\n"
                 "checkpoint resumes it. Checkpointing goes on as the run set it, in the checkpoint's folder,\n"
                 "unless --checkpoint-every (0: none) or --checkpoint-dir say otherwise.\n";
    return exit_code::success;
  }
  const auto& values = parsed.values;
  if (!values.count("checkpoint")) throw InputError("resume: expected a checkpoint file or folder, e.g. ittsim resume checkpoints -o out.h5");
  if (!values.count("output")) throw InputError("resume: expected -o OUT.h5, the output file");
  const fs::path output = values["output"].as<std::string>();
  std::optional<Scenario> expected;
  if (values.count("scenario")) {
    expected = Scenario::load(values["scenario"].as<std::string>(), overrides_from(values));
  } else if (values.count("set") || values.count("seed") || values.count("replicates")) {
    throw InputError("--set, --seed and --replicates: a resumed run keeps its scenario; they only qualify --scenario");
  }
  const auto run_options = run_options_from(values, command_line, output, -1);  // -1: as the checkpoint says
  const fs::path checkpoint = values["checkpoint"].as<std::string>();
  auto inputs = expected ? scenario_inputs(*expected) : std::vector<NamedPath>{};
  inputs.push_back({checkpoint_to_resume(checkpoint), "the checkpoint resumed"});
  check_output_path(output, inputs, checkpoint_folder(run_options));
  return execute_run(run_options, values.count("quiet") > 0, [&](const RunOptions& prepared) {
    resume_run(checkpoint, prepared, expected ? &*expected : nullptr);
  });
}

int validate_command(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("scenario", po::value<std::string>()->value_name("SCENARIO"),
                                                     "scenario file (INI)")(
      "resolved", "print the resolved scenario instead: every parameter with its value and origin");
  add_scenario_options(options);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const auto parsed = parse(arguments, options, positional);
  if (parsed.help) {
    std::cout << usage("ittsim validate SCENARIO [--set group.name=value]... [--resolved]", options)
              << "\nReads SCENARIO and every file it extends, applies the overrides and checks every value.\n"
                 "Prints the files read on success, and with population.schools_file what it kept and left\n"
                 "out and which parameters it replaces; exits 2 with the first problem otherwise.\n";
    return exit_code::success;
  }
  if (!parsed.values.count("scenario")) throw InputError("validate: expected a scenario file");
  const Scenario scenario = Scenario::load(parsed.values["scenario"].as<std::string>(), overrides_from(parsed.values));
  if (parsed.values.count("resolved")) {
    std::cout << scenario.resolved_text();
    return exit_code::success;
  }
  std::cout << fmt::format("{}: valid", scenario.files().front().string());
  if (scenario.files().size() > 1) {
    std::cout << " (extends";
    for (std::size_t i = 1; i < scenario.files().size(); ++i) std::cout << " " << scenario.files()[i].string();
    std::cout << ")";
  }
  std::cout << "\n";
  for (const auto& note : scenario.notes()) std::cout << "note: " << note << "\n";
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

int measure_command(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("file", po::value<std::string>()->value_name("FILE"), "output file")(
      "targets", po::value<std::string>()->value_name("TARGETS"),
      "targets file (e.g. calibration/england.ini): each target's figure, band and implausibility")(
      "format", po::value<std::string>()->default_value("table")->value_name("F"), "table, csv, json or markdown");
  po::positional_options_description positional;
  positional.add("file", 1);
  const auto parsed = parse(arguments, options, positional);
  if (parsed.help) {
    std::cout << usage("ittsim measure FILE [--targets TARGETS] [--format table|csv|json|markdown]", options)
              << "\nPrints the calibration measures of a run output over its replicates (mean, sd, 90% interval),\n"
                 "the first two academic years left out as warm-up. With a targets file, each target's measure\n"
                 "over its years, its observed figure and band, and its implausibility |mean - observed| /\n"
                 "sqrt(observation_sd^2 + discrepancy_sd^2 + sd^2 / replicates). See docs/CALIBRATION.md.\n";
    return exit_code::success;
  }
  if (!parsed.values.count("file")) throw InputError("measure: expected an output file, e.g. ittsim measure baseline.h5");
  const auto format = measure_format(parsed.values["format"].as<std::string>());
  const auto targets = parsed.values.count("targets") ? load_calibration_targets(parsed.values["targets"].as<std::string>())
                                                      : every_measure();
  const auto summary = read_summary(parsed.values["file"].as<std::string>());
  const auto results = evaluate_calibration(targets, replicate_years(summary), simulated_england_fraction(summary));
  std::cout << format_measures(results, summary, targets, format);
  return exit_code::success;
}

// Prints the message of the exception being handled and returns its exit code.
int report_current_exception(const std::string& command) {
  try {
    throw;
  } catch (const InputError& error) {
    std::cerr << "ittsim: error: " << error.what() << "\n";
    return exit_code::bad_input;
  } catch (const po::error& error) {
    std::cerr << "ittsim: error: " << error.what() << " (see ittsim " << command << " --help)\n";
    return exit_code::bad_input;
  } catch (const OutputError& error) {
    std::cerr << "ittsim: output error: " << error.what() << "\n";
    return exit_code::output_error;
  } catch (const Interrupted& error) {
    std::cerr << "ittsim: " << error.what() << "\n";
    return exit_code::interrupted;
  } catch (const std::bad_alloc&) {
    std::cerr << "ittsim: out of memory: an allocation failed during the work, though the memory estimate let it "
                 "start; nothing complete was written. Run with more memory, or reduce population.scale or "
                 "population.regions\n";
    return exit_code::out_of_memory;
  } catch (const std::exception& error) {
    std::cerr << "ittsim: internal error: " << error.what() << "\n";
    return exit_code::internal_error;
  }
}

std::string format_duration(double seconds) {
  const auto whole = static_cast<long long>(seconds + 0.5);
  if (whole < 60) return fmt::format("{} s", whole);
  if (whole < 3600) return fmt::format("{} min {:02} s", whole / 60, whole % 60);
  return fmt::format("{} h {:02} min", whole / 3600, (whole % 3600) / 60);
}

std::string describe_point(const SweepDefinition& sweep, std::size_t index) {
  std::string text;
  for (std::size_t k = 0; k < sweep.varied().size(); ++k) {
    text += fmt::format("{}{} = {}", k == 0 ? "" : ", ", sweep.varied()[k].key, sweep.points()[index].values[k]);
  }
  return text;
}

// What `sweep --dry-run` prints: the points, without running or writing anything.
void print_sweep_plan(const SweepDefinition& sweep) {
  const auto& run = sweep.base().parameters().run;
  std::cout << fmt::format("{}: valid; {} points × {} replicates = {} runs of {} years ({} design, base scenario {}, "
                           "sweep seed {})\n\n",
                           sweep.path().string(), sweep.points().size(), sweep.replicates(),
                           sweep.points().size() * static_cast<std::size_t>(sweep.replicates()), run.years,
                           design_name(sweep.design()),
                           sweep.base_scenario().string(), sweep.seed());
  std::cout << sweep.point_table_csv();
}

struct SweepJob {
  const SweepDefinition& sweep;
  std::filesystem::path folder;
  Shard shard;
  int threads = 1;
  bool quiet = false;
  std::string command_line;
  int rank = 0;   // under MPI
  int ranks = 1;
};

std::size_t complete_points(const SweepDirectory& directory) {
  const auto states = directory.scan();
  return static_cast<std::size_t>(std::count_if(
      states.begin(), states.end(), [](const PointState& state) { return state.status == PointStatus::complete; }));
}

// What a stopped sweep says instead of a run's message: how far the folder got, and the
// command that resumes it (the point that was running is pending, and runs again).
std::string sweep_interrupted(const SweepJob& job, const SweepDirectory& directory) {
  return fmt::format("interrupted: {} of {} points are complete in {}, and the point that was running will run "
                     "again; resume with `ittsim sweep {} -o {}{}`",
                     complete_points(directory), job.sweep.points().size(), job.folder.string(),
                     job.sweep.path().string(), job.folder.string(),
                     job.shard.count > 1 ? fmt::format(" --shard {} --shards {}", job.shard.index, job.shard.count)
                                         : std::string{});
}

// mpi is null in a build without MPI.
int execute_sweep(const SweepJob& job, [[maybe_unused]] const MpiSession* mpi) {
  install_signal_handlers();  // after MPI_Init, which may install handlers of its own
  const bool coordinator = job.rank == 0;
  std::optional<SweepDirectory> directory;
  if (coordinator) directory = SweepDirectory::prepare(job.folder, job.sweep);
#if ITTSIM_WITH_MPI
  if (job.ranks > 1) mpi->barrier();  // the folder exists before any worker writes into it
#endif
  if (!coordinator) directory = SweepDirectory::open(job.folder);

  std::vector<std::size_t> points;
  std::size_t assigned = 0;
  if (coordinator) {
    points = points_to_run(directory->scan(), job.shard);
    for (std::size_t point = 0; point < job.sweep.points().size(); ++point) assigned += job.shard.owns(point) ? 1 : 0;
  }
  std::unique_ptr<PointSource> source;
#if ITTSIM_WITH_MPI
  if (job.ranks > 1) source = make_mpi_source(*mpi, std::move(points), assigned);
#endif
  if (!source) source = std::make_unique<ListSource>(std::move(points), assigned);

  const bool terminal = coordinator && !job.quiet && isatty(STDERR_FILENO) != 0;
  bool line_shown = false;
  auto last_shown = std::chrono::steady_clock::time_point{};
  SweepOptions options;
  options.threads = job.threads;
  options.command_line = job.command_line;
  options.stop_requested = &stop_requested;
  if (terminal) {
    options.progress = [&](const SweepProgress& progress) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_shown < std::chrono::milliseconds(200)) return;
      last_shown = now;
      const auto& run = progress.run;
      const double within = (static_cast<double>(run.replicate) * run.total_weeks + run.weeks_done) /
                            (static_cast<double>(run.replicates) * run.total_weeks);
      const double finished = static_cast<double>(progress.counts.done + progress.counts.failed) + within;
      const double remaining = static_cast<double>(progress.counts.to_run) - finished;
      const std::string eta = finished > 0.05 ? format_duration(progress.elapsed_seconds / finished * remaining) : "…";
      fmt::print(stderr, "\r\033[Ksweep: {}/{} points done · {} failed · point {} replicate {}/{} · {} · ETA {}",
                 progress.counts.done, progress.counts.to_run, progress.counts.failed, progress.point, run.replicate + 1,
                 run.replicates, format_duration(progress.elapsed_seconds), eta);
      std::fflush(stderr);
      line_shown = true;
    };
  }
  options.point_finished = [&](const PointOutcome& outcome) {
    if (outcome.complete) return;
    if (line_shown) fmt::print(stderr, "\r\033[K");
    if (outcome.elsewhere) {
      fmt::print(stderr, "ittsim: point {} ({}) is another process's (running or complete); skipped\n", outcome.point,
                 describe_point(job.sweep, outcome.point));
      return;
    }
    fmt::print(stderr, "ittsim: point {} ({}) failed: {}\n", outcome.point, describe_point(job.sweep, outcome.point),
               outcome.error);
  };
  const auto started = std::chrono::steady_clock::now();
  SweepCounts counts;
  try {
    counts = run_sweep(job.sweep, *directory, *source, options);
  } catch (const Interrupted&) {
    if (line_shown) fmt::print(stderr, "\n");
    throw Interrupted(sweep_interrupted(job, *directory));
  } catch (...) {
    if (line_shown) fmt::print(stderr, "\n");
    throw;
  }
  if (line_shown) fmt::print(stderr, "\r\033[K");
  if (!coordinator) return exit_code::success;
  if (!job.quiet) {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    std::cout << fmt::format("sweep {}: {} points × {} replicates; shard {} of {} has {}: {} already complete, {} run, "
                             "{} failed, {}in {}{}\n",
                             job.sweep.name(), job.sweep.points().size(), job.sweep.replicates(), job.shard.index,
                             job.shard.count, counts.assigned, counts.already_complete, counts.done, counts.failed,
                             counts.elsewhere > 0 ? fmt::format("{} left to other processes, ", counts.elsewhere)
                                                  : std::string{},
                             format_duration(elapsed.count()),
                             job.ranks > 1 ? fmt::format(" on {} MPI ranks", job.ranks) : std::string{});
    const auto complete = complete_points(*directory);
    if (complete == job.sweep.points().size()) {
      std::cout << fmt::format("all {} points complete: ittsim merge {} -o {}.h5\n", complete, job.folder.string(),
                               job.sweep.name());
    } else {
      std::cout << fmt::format("{} of {} points complete in {}; see {}\n", complete, job.sweep.points().size(), job.folder.string(),
                               directory->manifest_path().string());
    }
  }
  return counts.failed > 0 ? exit_code::points_failed : exit_code::success;
}

int sweep_command(const std::vector<std::string>& arguments, const std::string& command_line) {
  po::options_description options("Options");
  options.add_options()
      ("help,h", "show this help")
      ("sweep", po::value<std::string>()->value_name("SWEEP"), "sweep file (INI)")
      ("output,o", po::value<std::string>()->value_name("DIR"), "folder for the sweep's files: created when new, resumed when not")
      ("shard", po::value<std::string>()->value_name("I"), "run shard I (0 ... N-1): the points p with p mod N = I "
       "(default: SLURM_ARRAY_TASK_ID in a Slurm job array)")
      ("shards", po::value<std::string>()->value_name("N"), "number of shards (default 1; needed in a Slurm job array)")
      ("threads,t", po::value<std::string>()->default_value("1")->value_name("T"), "worker threads per point (results do not depend on it)")
      ("dry-run", "check the sweep and list its points; run and write nothing")
      ("quiet,q", "print no progress line and no summary");
  po::positional_options_description positional;
  positional.add("sweep", 1);
  const auto parsed = parse(arguments, options, positional);
  if (parsed.help) {
    std::cout << usage("ittsim sweep SWEEP -o DIR [--shard I --shards N] [--threads T] [--dry-run]", options)
              << "\nRuns the sweep's points that belong to this shard and are not complete in DIR, one\n"
                 "DIR/points/point_NNNNNN.h5 each, keeping DIR/manifest.csv up to date. Run it again to\n"
                 "resume: complete points are skipped, failed ones retried. In a Slurm job array, give --shards N:\n"
                 "array task I runs shard I, so any subset of the tasks can be resubmitted. Built with -DITTSIM_MPI=ON,\n"
                 "`mpirun -np K ittsim sweep ...` shares the points among K ranks. Exit code 4 when points\n"
                 "failed (their errors are in the manifest). See docs/HPC.md.\n";
    return exit_code::success;
  }
  const auto& values = parsed.values;
  if (!values.count("sweep")) throw InputError("sweep: expected a sweep file, e.g. ittsim sweep scenarios/sweeps/example.ini -o sweep-out");
  const auto threads = whole_number_option("--threads", values["threads"].as<std::string>(), 1, max_threads);
  const auto text_of = [&](const char* name) { return values.count(name) ? values[name].as<std::string>() : std::string{}; };
  const Shard shard = choose_shard(text_of("shard"), text_of("shards"), [](const char* name) { return std::getenv(name); });
  const auto sweep = SweepDefinition::load(values["sweep"].as<std::string>());
  if (values.count("dry-run")) {
    print_sweep_plan(sweep);
    return exit_code::success;
  }
  if (!values.count("output")) throw InputError("sweep: expected -o DIR, the folder for the sweep's files");
  SweepJob job{sweep, values["output"].as<std::string>(), shard, static_cast<int>(threads), values.count("quiet") > 0,
               command_line};
#if ITTSIM_WITH_MPI
  if (launched_by_mpi()) {
    const MpiSession mpi;
    job.rank = mpi.rank();
    job.ranks = mpi.size();
    try {
      return execute_sweep(job, &mpi);
    } catch (...) {
      // One rank's failure must end the others, which may be waiting on it.
      if (mpi.size() > 1) mpi.abort(report_current_exception("sweep"));
      throw;
    }
  }
#endif
  return execute_sweep(job, nullptr);
}

int merge_command(const std::vector<std::string>& arguments, const std::string& command_line) {
  po::options_description options("Options");
  options.add_options()
      ("help,h", "show this help")
      ("folder", po::value<std::string>()->value_name("DIR"), "a sweep's output folder")
      ("output,o", po::value<std::string>()->value_name("OUT.h5"), "merged file (default: DIR's name with .h5, beside DIR)")
      ("allow-partial", "merge even if some points are not complete (their series are left missing)")
      ("quiet,q", "print nothing on success");
  po::positional_options_description positional;
  positional.add("folder", 1);
  const auto parsed = parse(arguments, options, positional);
  if (parsed.help) {
    std::cout << usage("ittsim merge DIR [-o OUT.h5] [--allow-partial]", options)
              << "\nWrites one file with the point table and every series stacked by point and replicate\n"
                 "(docs/OUTPUT.md, \"Sweep files\"). Refuses a folder whose points are not all complete unless\n"
                 "--allow-partial; the file appears only when it is complete.\n";
    return exit_code::success;
  }
  const auto& values = parsed.values;
  if (!values.count("folder")) throw InputError("merge: expected a sweep's output folder, e.g. ittsim merge sweep-out -o sweep.h5");
  std::filesystem::path folder = values["folder"].as<std::string>();
  const auto trimmed = folder.has_filename() ? folder : folder.parent_path();
  MergeOptions merge;
  merge.output = values.count("output") ? std::filesystem::path(values["output"].as<std::string>())
                                        : std::filesystem::path(trimmed.string() + ".h5");
  merge.allow_partial = values.count("allow-partial") > 0;
  merge.command_line = command_line;
  const auto result = merge_sweep(folder, merge);
  if (result.complete < result.points) {
    std::cerr << fmt::format("ittsim: warning: {} of {} points are not complete; their rows are missing (NaN, or the "
                             "int64 minimum) and /points/status says which\n",
                             result.points - result.complete, result.points);
  }
  if (!values.count("quiet")) {
    std::cout << fmt::format("merged {} of {} points into {}\n", result.complete, result.points, merge.output.string());
  }
  return exit_code::success;
}

int sweep_status_command(const std::vector<std::string>& arguments, const std::string&) {
  po::options_description options("Options");
  options.add_options()
      ("help,h", "show this help")
      ("folder", po::value<std::string>()->value_name("DIR"), "a sweep's output folder")
      ("shards", po::value<std::string>()->value_name("N"),
       "count points by shard, N as given to ittsim sweep --shards (and SHARDS in the Slurm template)")
      ("format", po::value<std::string>()->value_name("text|json")->default_value("text"), "output format");
  po::positional_options_description positional;
  positional.add("folder", 1);
  const auto parsed = parse(arguments, options, positional);
  if (parsed.help) {
    std::cout << usage("ittsim sweep-status DIR [--shards N] [--format text|json]", options)
              << "\nCounts the sweep's points that are complete, failed (with each error) and pending, by shard\n"
                 "with --shards, and prints the commands that run what is left: the Slurm array tasks to\n"
                 "resubmit, or the sweep to run again here. Reads the folder only; exit 0 whatever the\n"
                 "points' state, 2 when DIR is not a sweep's folder.\n";
    return exit_code::success;
  }
  const auto& values = parsed.values;
  if (!values.count("folder")) throw InputError("sweep-status: expected a sweep's output folder, e.g. ittsim sweep-status sweep-out");
  const auto shards = values.count("shards")
                          ? static_cast<std::size_t>(whole_number_option("--shards", values["shards"].as<std::string>(), 1,
                                                                         1000000))
                          : std::size_t{0};
  const auto format_text = values["format"].as<std::string>();
  if (format_text != "text" && format_text != "json") {
    throw InputError(fmt::format("--format '{}': expected text or json", format_text));
  }
  const auto directory = SweepDirectory::open(values["folder"].as<std::string>());
  std::cout << format_sweep_status(sweep_status(directory, shards),
                                   format_text == "json" ? StatusFormat::json : StatusFormat::text);
  return exit_code::success;
}

struct Command {
  const char* name;
  const char* arguments;  // as the overview shows them
  const char* summary;
  std::function<int(const std::vector<std::string>&, const std::string& command_line)> execute;
};

// Every command: the overview, the dispatch and the unknown-command message all come from here.
const std::vector<Command>& commands() {
  using Arguments = const std::vector<std::string>&;
  static const std::vector<Command> table{
      {"run", "SCENARIO", "run a scenario and write its time series to HDF5", run_command},
      {"resume", "CHECKPOINT", "continue a run from its checkpoint (a file, or a folder's newest)", resume_command},
      {"validate", "SCENARIO", "check a scenario file and everything it extends, without running it",
       [](Arguments arguments, const std::string&) { return validate_command(arguments); }},
      {"params", "", "list every parameter with its default, unit, range and meaning",
       [](Arguments arguments, const std::string&) { return params_command(arguments); }},
      {"summary", "FILE", "print the end-of-run summary of an output file",
       [](Arguments arguments, const std::string&) { return summary_command(arguments); }},
      {"measure", "FILE", "print a run's calibration measures, with their implausibility against a targets file",
       [](Arguments arguments, const std::string&) { return measure_command(arguments); }},
      {"sweep", "SWEEP", "run a parameter sweep's points (or this shard's), one HDF5 file each", sweep_command},
      {"merge", "DIR", "merge a sweep's folder into one HDF5 file", merge_command},
      {"sweep-status", "DIR", "a sweep's points done, failed and pending, by shard, and how to retry", sweep_status_command},
  };
  return table;
}

std::string overview() {
  std::string text =
      "ittsim: agent-based simulation of initial teacher training networks in England\n\nUsage: ittsim COMMAND "
      "[options]\n\nCommands:\n";
  for (const auto& command : commands()) {
    text += fmt::format("  {:<19}{}\n", fmt::format("{} {}", command.name, command.arguments), command.summary);
  }
  return text + "\nRun 'ittsim COMMAND --help' for a command's options; 'ittsim --version' for the version.\n";
}

int dispatch(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << overview();
    return exit_code::bad_input;
  }
  const std::string command = argv[1];
  const std::vector<std::string> arguments(argv + 2, argv + argc);
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << overview();
    return exit_code::success;
  }
  if (command == "--version") {
    std::cout << fmt::format("ittsim {} ({})\n", build_info::version, build_info::git_commit);
    return exit_code::success;
  }
  std::string names;
  for (const auto& known : commands()) {
    if (command == known.name) return known.execute(arguments, joined(argc, argv));
    names += names.empty() ? known.name : fmt::format(", {}", known.name);
  }
  throw InputError(fmt::format("unknown command '{}'; expected one of {} (see ittsim --help)", excerpt(command), names));
}

}  // namespace

int main(int argc, char** argv) {
  // Agent stores are large vectors freed at each replicate's (and sweep point's) end. With
  // glibc's adaptive threshold they come to live in the heap, which fragments, and a run's
  // peak memory grew by about 5 MiB a replicate; mapped separately, they go back to the
  // system when freed and the peak stays that of one replicate (run time within 3% on three
  // England replicates, measured).
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  try {
    return dispatch(argc, argv);
  } catch (...) {
    return report_current_exception(argc > 1 ? argv[1] : "");
  }
}
