// ittsim_bench: how fast the engine steps and how much memory it needs, at several population
// scales and thread counts. Each configuration runs in a child process of its own, so that
// its peak resident memory is its alone and oneTBB starts afresh with the requested thread
// count. The parent never touches oneTBB: forking a process whose oneTBB has started worker
// threads is unsafe. Nothing is written to HDF5; only the engine is measured.
//
// Exit codes: 0 done, 1 a configuration failed, 2 bad input, 3 the JSON could not be written.

#include "sim/calibration/calibration.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/command_line.hpp"
#include "sim/params/regions.hpp"
#include "sim/model/simulation.hpp"
#include "sim/params/scenario.hpp"

#include <boost/program_options.hpp>
#include <fmt/format.h>
#include <ittsim/build_info.hpp>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

using ittsim::InputError;
using ittsim::OutputError;
using SteadyClock = std::chrono::steady_clock;

struct BenchmarkOptions {
  fs::path scenario;
  std::vector<std::string> scales;  // as typed, so that Scenario::load validates them
  std::vector<int> thread_counts;
  std::string years;                // as typed, likewise
  int repeats = 1;
  std::string output;               // empty: standard output
  int calibration_replicates = 0;   // 0: no calibration check
  std::string calibration_scale;
  bool require_calibration = false;
};

// One child's run. Scale and years are the validated values, read back from the Scenario.
struct Configuration {
  std::string scale_text;
  double scale = 0;
  int threads = 1;
  int repeat = 1;  // counted from 1
};

// What a child sends its parent through the pipe, as raw bytes: parent and child are the same
// program, so the layout is the same on both ends.
struct Measurement {
  std::uint64_t schools = 0;
  std::uint64_t teacher_posts = 0;
  double trainees_mean = 0;  // sampled once per simulated week
  std::int32_t weeks = 0;
  double setup_seconds = 0;  // population synthesis
  double wall_seconds = 0;   // stepping
};

struct Result {
  Configuration configuration;
  Measurement measurement;
  double peak_rss_mib = 0;
};

std::string describe(const Configuration& configuration) {
  return fmt::format("scale {} · {} thread{} · repeat {}", configuration.scale_text, configuration.threads,
                     configuration.threads == 1 ? "" : "s", configuration.repeat);
}

std::vector<ittsim::Override> overrides_for(const std::string& scale, const std::string& years) {
  return {{"population.scale", scale, "--scales"}, {"run.years", years, "--years"}};
}

// ---- Command line ------------------------------------------------------------------------

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    items.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) return items;
    start = comma + 1;
  }
}

constexpr const char* synopsis =
    "ittsim_bench [--scenario PATH] [--scales 0.1,0.5,1] [--threads 1,2] [--years N] [--repeats K] [-o FILE.json]";

// Returns false when --help was asked for and answered.
bool parse_command_line(int argc, char** argv, BenchmarkOptions& options) {
  const std::string default_scenario = (fs::path(ITTSIM_SOURCE_DIR) / "scenarios" / "baseline.ini").string();
  po::options_description described("Options");
  described.add_options()
      ("help,h", "show this help")
      ("scenario", po::value<std::string>()->default_value(default_scenario)->value_name("PATH"), "scenario file (INI)")
      ("scales", po::value<std::string>()->default_value("0.1,0.5,1")->value_name("S,..."), "population scales")
      ("threads", po::value<std::string>()->default_value("1,2")->value_name("N,..."), "worker thread counts")
      ("years", po::value<std::string>()->default_value("2")->value_name("N"), "academic years simulated per run")
      ("repeats", po::value<std::string>()->default_value("1")->value_name("K"), "runs of each scale and thread count")
      ("output,o", po::value<std::string>()->value_name("FILE.json"), "where to write the JSON (default: standard output)")
      ("calibration-replicates", po::value<std::string>()->default_value("0")->value_name("R"),
       "also run R replicates of the full scenario and check docs/CALIBRATION.md's targets (0: skip)")
      ("calibration-scale", po::value<std::string>()->default_value("1")->value_name("S"), "population scale of the calibration runs")
      ("require-calibration", "exit 1 unless every calibration target is met");
  po::variables_map values;
  po::store(po::parse_command_line(argc, argv, described), values);
  po::notify(values);
  if (values.count("help")) {
    std::cout << "Usage: " << synopsis << "\n\n"
              << described
              << "\nRuns the scenario once per scale, thread count and repeat, each in a process of its own,\n"
                 "and reports population synthesis time, stepping time, agent-steps per second and peak\n"
                 "resident memory as JSON. A table of the same numbers goes to standard error.\n";
    return false;
  }
  options.scenario = values["scenario"].as<std::string>();
  options.scales = split_list(values["scales"].as<std::string>());
  for (const auto& text : split_list(values["threads"].as<std::string>())) {
    options.thread_counts.push_back(static_cast<int>(ittsim::whole_number_option("--threads", text, 1)));
  }
  options.years = values["years"].as<std::string>();
  options.repeats = static_cast<int>(ittsim::whole_number_option("--repeats", values["repeats"].as<std::string>(), 1));
  const auto calibration_text = values["calibration-replicates"].as<std::string>();
  options.calibration_replicates = static_cast<int>(ittsim::whole_number_option("--calibration-replicates", calibration_text, 0));
  options.calibration_scale = values["calibration-scale"].as<std::string>();
  options.require_calibration = values.count("require-calibration") > 0;
  if (values.count("output")) {
    options.output = values["output"].as<std::string>();
    ittsim::check_output_path(options.output);
  }
  return true;
}

// ---- Child process -------------------------------------------------------------------------

// Runs in the child: builds the population, then steps it to the end, timing the two apart.
Measurement measure(const ittsim::Parameters& parameters, int threads) {
  // As in run_scenario: global_control lifts oneTBB's default cap of one thread per core,
  // and the arena then fixes the count exactly.
  tbb::global_control allowed(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);

  const auto setup_started = SteadyClock::now();
  std::unique_ptr<ittsim::Simulation> simulation;
  arena.execute([&] { simulation = std::make_unique<ittsim::Simulation>(parameters, 0); });
  const auto stepping_started = SteadyClock::now();
  double trainee_weeks = 0;
  arena.execute([&] {
    while (!simulation->finished()) {
      simulation->step();
      trainee_weeks += static_cast<double>(simulation->world().trainees.size());
    }
  });
  const auto stepping_finished = SteadyClock::now();

  Measurement measurement;
  measurement.schools = simulation->world().schools.size();
  measurement.teacher_posts = simulation->world().teachers.size();
  measurement.weeks = simulation->weeks_done();
  measurement.trainees_mean = trainee_weeks / measurement.weeks;
  measurement.setup_seconds = std::chrono::duration<double>(stepping_started - setup_started).count();
  measurement.wall_seconds = std::chrono::duration<double>(stepping_finished - stepping_started).count();
  return measurement;
}

bool write_fully(int descriptor, const void* data, std::size_t size) {
  const auto* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t written = write(descriptor, bytes, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    bytes += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

// Returns false if the pipe closed early, i.e. the child died before reporting.
bool read_fully(int descriptor, void* data, std::size_t size) {
  auto* bytes = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t got = read(descriptor, bytes, size);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    bytes += got;
    size -= static_cast<std::size_t>(got);
  }
  return true;
}

// The child's whole life; its return value is its exit status.
int child_main(const BenchmarkOptions& options, const Configuration& configuration, int result_pipe) {
  try {
    const auto scenario = ittsim::Scenario::load(options.scenario, overrides_for(configuration.scale_text, options.years));
    const Measurement measurement = measure(scenario.parameters(), configuration.threads);
    return write_fully(result_pipe, &measurement, sizeof measurement) ? 0 : 1;
  } catch (const std::exception& error) {
    fmt::print(stderr, "ittsim_bench: {}: {}\n", describe(configuration), error.what());
    return 1;
  }
}

// ---- Parent process ------------------------------------------------------------------------

std::string describe_status(int status) {
  if (WIFSIGNALED(status)) return fmt::format("was killed by signal {} ({})", WTERMSIG(status), strsignal(WTERMSIG(status)));
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0) return fmt::format("exited with status {}", WEXITSTATUS(status));
  return "exited without reporting its measurement";
}

Result run_configuration(const BenchmarkOptions& options, const Configuration& configuration) {
  std::array<int, 2> result_pipe{};  // [0] read end, [1] write end
  if (pipe(result_pipe.data()) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  const pid_t child = fork();
  if (child < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (child == 0) {
    close(result_pipe[0]);
    // _exit, not exit: the child must not flush stdio buffers or run destructors it
    // inherited from the parent.
    _exit(child_main(options, configuration, result_pipe[1]));
  }
  close(result_pipe[1]);
  Measurement measurement;
  const bool reported = read_fully(result_pipe[0], &measurement, sizeof measurement);
  close(result_pipe[0]);

  int status = 0;
  rusage usage{};
  while (wait4(child, &status, 0, &usage) < 0) {
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "wait4");
  }
  if (!reported || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(fmt::format("{}: the benchmark process {}", describe(configuration), describe_status(status)));
  }
  // ru_maxrss is in KiB on Linux.
  return {configuration, measurement, static_cast<double>(usage.ru_maxrss) / 1024.0};
}

double agent_steps_per_second(const Measurement& measurement) {
  const double agents = static_cast<double>(measurement.schools + measurement.teacher_posts) + measurement.trainees_mean;
  return agents * measurement.weeks / measurement.wall_seconds;
}

void print_table_header() {
  fmt::print(stderr, "{:>7} {:>7} {:>6} {:>8} {:>8} {:>9} {:>5} {:>8} {:>8} {:>14} {:>9}\n", "scale", "threads",
             "repeat", "schools", "posts", "trainees", "weeks", "setup s", "step s", "agent-steps/s", "peak MiB");
}

void print_table_row(const Result& result) {
  const auto& measurement = result.measurement;
  fmt::print(stderr, "{:>7} {:>7} {:>6} {:>8} {:>8} {:>9.0f} {:>5} {:>8.3f} {:>8.3f} {:>14.0f} {:>9.1f}\n",
             result.configuration.scale_text, result.configuration.threads, result.configuration.repeat,
             measurement.schools, measurement.teacher_posts, measurement.trainees_mean, measurement.weeks,
             measurement.setup_seconds, measurement.wall_seconds, agent_steps_per_second(measurement),
             result.peak_rss_mib);
}

// ---- JSON ----------------------------------------------------------------------------------

std::string json_string(std::string_view text) {
  std::string quoted = "\"";
  for (const char character : text) {
    switch (character) {
      case '"': quoted += "\\\""; break;
      case '\\': quoted += "\\\\"; break;
      default:
        if (static_cast<unsigned char>(character) < 0x20) {
          quoted += fmt::format("\\u{:04x}", static_cast<unsigned>(character));
        } else {
          quoted += character;
        }
    }
  }
  return quoted + "\"";
}

std::string host_name() {
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0) return "unknown";
  return name.data();
}

// ---- Calibration ---------------------------------------------------------------------------

// Runs the scenario's replicates at the calibration scale for its full length, in this
// process: it comes after every child has been forked, so oneTBB may start here.
std::string run_calibration(const BenchmarkOptions& options, bool& all_met) {
  const auto scenario = ittsim::Scenario::load(
      options.scenario, {{"population.scale", options.calibration_scale, "--calibration-scale"}});
  const auto& parameters = scenario.parameters();
  const int threads = *std::max_element(options.thread_counts.begin(), options.thread_counts.end());
  tbb::global_control allowed(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  std::vector<ittsim::ReplicateYears> replicates;
  const auto started = SteadyClock::now();
  for (int replicate = 0; replicate < options.calibration_replicates; ++replicate) {
    ittsim::ReplicateYears years;
    arena.execute([&] {
      ittsim::Simulation simulation(parameters, static_cast<std::uint64_t>(replicate));
      while (!simulation.finished()) {
        simulation.step();
        if (simulation.year_completed()) years.push_back(simulation.last_year());
      }
    });
    replicates.push_back(std::move(years));
  }
  const std::chrono::duration<double> elapsed = SteadyClock::now() - started;
  const auto results = ittsim::evaluate_calibration(replicates, ittsim::england_fraction(parameters.population));
  all_met = std::all_of(results.begin(), results.end(), [](const auto& result) { return result.met; });
  std::cerr << fmt::format("\ncalibration: {} replicates at scale {} in {:.1f} s on {} threads\n", replicates.size(),
                           parameters.population.scale, elapsed.count(), threads);
  for (const auto& result : results) {
    std::cerr << fmt::format("  {:<40} {:>10.4g}  [{:.4g}, {:.4g}]  band {:.4g}-{:.4g}  {}\n", result.target->name, result.mean,
                             result.p05, result.p95, result.target->low, result.target->high, result.met ? "met" : "NOT MET");
  }
  return ittsim::calibration_json(results, replicates.size(), parameters.population.scale);
}

std::string report_json(const BenchmarkOptions& options, std::int64_t years, const std::vector<Result>& results,
                        const std::string& calibration) {
  std::string json;
  auto out = std::back_inserter(json);
  fmt::format_to(out, "{{\n");
  fmt::format_to(out, "  \"benchmark\": \"ittsim_bench\",\n");
  fmt::format_to(out, "  \"ittsim_version\": {},\n", json_string(ittsim::build_info::version));
  fmt::format_to(out, "  \"git_commit\": {},\n", json_string(ittsim::build_info::git_commit));
  fmt::format_to(out, "  \"host\": {},\n", json_string(host_name()));
  fmt::format_to(out, "  \"hardware_threads\": {},\n", std::thread::hardware_concurrency());
  fmt::format_to(out, "  \"scenario\": {},\n", json_string(options.scenario.string()));
  fmt::format_to(out, "  \"years\": {},\n", years);
  fmt::format_to(out, "  \"results\": [");
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& [configuration, measurement, peak_rss_mib] = results[i];
    fmt::format_to(out,
                   "{}\n    {{\"scale\": {}, \"threads\": {}, \"repeat\": {}, \"schools\": {}, \"teacher_posts\": {}, "
                   "\"trainees_mean\": {:.2f}, \"weeks\": {}, \"setup_seconds\": {:.6f}, \"wall_seconds\": {:.6f}, "
                   "\"agent_steps_per_second\": {:.0f}, \"peak_rss_mib\": {:.1f}}}",
                   i == 0 ? "" : ",", configuration.scale, configuration.threads, configuration.repeat,
                   measurement.schools, measurement.teacher_posts, measurement.trainees_mean, measurement.weeks,
                   measurement.setup_seconds, measurement.wall_seconds, agent_steps_per_second(measurement),
                   peak_rss_mib);
  }
  fmt::format_to(out, "\n  ]");
  if (!calibration.empty()) fmt::format_to(out, ",\n  \"calibration\": {}", calibration);
  fmt::format_to(out, "\n}}\n");
  return json;
}

void write_report(const std::string& output, const std::string& json) {
  if (output.empty()) {
    std::cout << json << std::flush;
    return;
  }
  std::ofstream file(output);
  file << json;
  file.close();
  if (!file) throw OutputError(fmt::format("cannot write {}", output));
}

int run_benchmark(int argc, char** argv) {
  BenchmarkOptions options;
  if (!parse_command_line(argc, argv, options)) return ittsim::exit_code::success;

  // Every scale is loaded here first, so that a bad value stops the program before any run;
  // loading a scenario only parses, so the parent still has not touched oneTBB.
  std::vector<double> scales;
  std::int64_t years = 0;
  for (const auto& scale_text : options.scales) {
    const auto scenario = ittsim::Scenario::load(options.scenario, overrides_for(scale_text, options.years));
    scales.push_back(scenario.parameters().population.scale);
    years = scenario.parameters().run.years;
  }

  print_table_header();
  std::vector<Result> results;
  for (std::size_t i = 0; i < options.scales.size(); ++i) {
    for (const int threads : options.thread_counts) {
      for (int repeat = 1; repeat <= options.repeats; ++repeat) {
        results.push_back(run_configuration(options, {options.scales[i], scales[i], threads, repeat}));
        print_table_row(results.back());
      }
    }
  }
  bool calibrated = true;
  const std::string calibration = options.calibration_replicates > 0 ? run_calibration(options, calibrated) : "";
  write_report(options.output, report_json(options, years, results, calibration));
  if (options.require_calibration && !calibrated) {
    std::cerr << "ittsim_bench: some calibration targets are not met\n";
    return ittsim::exit_code::internal_error;
  }
  return ittsim::exit_code::success;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_benchmark(argc, argv);
  } catch (const InputError& error) {
    std::cerr << "ittsim_bench: error: " << error.what() << "\n";
    return ittsim::exit_code::bad_input;
  } catch (const po::error& error) {
    std::cerr << "ittsim_bench: error: " << error.what() << " (see ittsim_bench --help)\n";
    return ittsim::exit_code::bad_input;
  } catch (const OutputError& error) {
    std::cerr << "ittsim_bench: output error: " << error.what() << "\n";
    return ittsim::exit_code::output_error;
  } catch (const std::exception& error) {
    std::cerr << "ittsim_bench: error: " << error.what() << "\n";
    return ittsim::exit_code::internal_error;
  }
}
