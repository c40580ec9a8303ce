// ittsim_bench: how fast the engine steps and how much memory it needs, at several population
// scales and thread counts. Each configuration is measured twice, each time in a child process
// of its own, so that its peak resident memory is its alone and oneTBB starts afresh with the
// requested thread count: once through the driver (run_scenario), timing every phase apart,
// and once as the whole `ittsim run` program, as a user runs it. Both write their output file
// to a temporary folder that is removed at the end. The parent never touches oneTBB: forking a
// process whose oneTBB has started worker threads is unsafe.
//
// Exit codes: 0 done, 1 a configuration failed, 2 bad input, 3 the JSON or a temporary file could
// not be written.

#include "sim/calibration/calibration.hpp"
#include "sim/core/errors.hpp"
#include "sim/driver/run.hpp"
#include "sim/io/command_line.hpp"
#include "sim/model/phase_times.hpp"
#include "sim/model/population.hpp"
#include "sim/model/simulation.hpp"
#include "sim/params/regions.hpp"
#include "sim/params/scenario.hpp"

#include <boost/program_options.hpp>
#include <fcntl.h>
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
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

using ittsim::InputError;
using ittsim::OutputError;
using ittsim::PhaseTimes;
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
  ittsim::CalibrationTargets calibration_targets;  // read before anything runs
  bool require_calibration = false;
};

// One configuration's runs. Scale and years are the validated values, read back from the Scenario.
struct Configuration {
  std::string scale_text;
  double scale = 0;
  int threads = 1;
  int repeat = 1;  // counted from 1
};

// What the driver's child sends its parent through the pipe, as raw bytes: parent and child
// are the same program, so the layout is the same on both ends.
struct Measurement {
  std::uint64_t schools = 0;
  std::uint64_t teacher_posts = 0;
  double trainees_mean = 0;  // sampled once per simulated week
  std::int32_t weeks = 0;
  PhaseTimes phases;
};
static_assert(std::is_trivially_copyable_v<Measurement>, "a Measurement crosses the pipe as raw bytes");

// The whole `ittsim run` program, as its parent saw it.
struct ProcessMeasurement {
  double seconds = 0;
  double peak_rss_mib = 0;
};

struct Result {
  Configuration configuration;
  Measurement measurement;
  double peak_rss_mib = 0;
  ProcessMeasurement process;
};

// The phases in the order the JSON lists them.
constexpr std::array<std::pair<std::string_view, double PhaseTimes::*>, 9> reported_phases{{
    {"synthesis", &PhaseTimes::synthesis},
    {"year_start", &PhaseTimes::year_start},
    {"placement_market", &PhaseTimes::placement_market},
    {"assessment", &PhaseTimes::assessment},
    {"trainee_progress", &PhaseTimes::trainee_progress},
    {"teacher_wellbeing", &PhaseTimes::teacher_wellbeing},
    {"collection", &PhaseTimes::collection},
    {"year_end", &PhaseTimes::year_end},
    {"output", &PhaseTimes::output},
}};

// Stepping is everything a run does except building the population and writing the output.
double stepping_seconds(const Measurement& measurement) {
  const auto& phases = measurement.phases;
  return phases.year_start + phases.weekly() + phases.year_end;
}

std::string describe(const Configuration& configuration) {
  return fmt::format("scale {} · {} thread{} · repeat {}", configuration.scale_text, configuration.threads,
                     configuration.threads == 1 ? "" : "s", configuration.repeat);
}

// One replicate whatever the scenario says: a configuration's run is one replicate's.
std::vector<ittsim::Override> overrides_for(const std::string& scale, const std::string& years) {
  return {{"population.scale", scale, "--scales"}, {"run.years", years, "--years"}, {"run.replicates", "1", "ittsim_bench"}};
}

// A folder of the benchmark's own under the system's temporary folder, removed with everything
// in it however the benchmark ends.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (fs::temp_directory_path() / "ittsim_bench.XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw OutputError(fmt::format("cannot create a temporary folder {}: {}", pattern, std::strerror(errno)));
    }
    path_ = pattern;
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  ~TemporaryFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const noexcept { return path_; }

 private:
  fs::path path_;
};

// The output of a finished run goes before the next, whose output path must not exist.
void remove_output(const fs::path& output) {
  std::error_code error;
  fs::remove(output, error);
  if (error) throw OutputError(fmt::format("cannot remove {}: {}", output.string(), error.message()));
}

// The `ittsim` program, built beside this one.
fs::path ittsim_program() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error) throw std::runtime_error(fmt::format("cannot find this program's folder: {}", error.message()));
  const fs::path program = self.parent_path() / "ittsim";
  if (access(program.c_str(), X_OK) != 0) {
    throw std::runtime_error(fmt::format("cannot run {}: ittsim_bench runs the ittsim program built beside it (build "
                                         "the ittsim target)",
                                         program.string()));
  }
  return program;
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
  const std::string default_targets = (fs::path(ITTSIM_SOURCE_DIR) / "calibration" / "england.ini").string();
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
       "also run R replicates of the full scenario and check the targets file's targets (0: skip)")
      ("calibration-scale", po::value<std::string>()->default_value("1")->value_name("S"), "population scale of the calibration runs")
      ("targets", po::value<std::string>()->default_value(default_targets)->value_name("FILE"),
       "calibration targets file (docs/CALIBRATION.md)")
      ("require-calibration", "exit 1 unless every calibration target is met");
  po::variables_map values;
  po::store(po::parse_command_line(argc, argv, described), values);
  po::notify(values);
  if (values.count("help")) {
    std::cout << "Usage: " << synopsis << "\n\n"
              << described
              << "\nRuns one replicate of the scenario per scale, thread count and repeat, twice, each time in\n"
                 "a process of its own: through the driver, timing each phase, and as the `ittsim run`\n"
                 "program built beside ittsim_bench, timing the whole program. Reports as JSON population\n"
                 "synthesis and stepping time, each phase's time, agent-steps per second, peak resident\n"
                 "memory, the program's wall time and peak memory, and the speed-ups over thread counts\n"
                 "and the time ratios over scales. A table of the main numbers goes to standard error.\n";
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
  if (options.calibration_replicates > 0) {
    options.calibration_targets = ittsim::load_calibration_targets(values["targets"].as<std::string>());
  }
  options.require_calibration = values.count("require-calibration") > 0;
  if (values.count("output")) {
    options.output = values["output"].as<std::string>();
    ittsim::check_output_path(options.output);
  }
  return true;
}

// ---- Child process -------------------------------------------------------------------------

// Runs in the child: the real driver, timing each phase and counting the agents every week.
Measurement measure(const ittsim::Scenario& scenario, int threads, const fs::path& output) {
  Measurement measurement;
  double trainee_weeks = 0;
  ittsim::RunOptions run_options;
  run_options.output = output;
  run_options.threads = threads;
  run_options.phase_times = &measurement.phases;
  run_options.after_step = [&](const ittsim::Simulation& simulation) {
    trainee_weeks += static_cast<double>(simulation.world().trainees.size());
    measurement.schools = simulation.world().schools.size();
    measurement.teacher_posts = simulation.world().teachers.size();
    measurement.weeks = simulation.weeks_done();
  };
  ittsim::run_scenario(scenario, run_options);
  measurement.trainees_mean = trainee_weeks / measurement.weeks;
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
int child_main(const BenchmarkOptions& options, const Configuration& configuration, const fs::path& output,
               int result_pipe) {
  try {
    const auto scenario = ittsim::Scenario::load(options.scenario, overrides_for(configuration.scale_text, options.years));
    const Measurement measurement = measure(scenario, configuration.threads, output);
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

bool succeeded(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

// Waits for child; returns its status and fills usage.
int wait_for(pid_t child, rusage& usage) {
  int status = 0;
  while (wait4(child, &status, 0, &usage) < 0) {
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "wait4");
  }
  return status;
}

// ru_maxrss is in KiB on Linux.
double peak_rss_mib(const rusage& usage) { return static_cast<double>(usage.ru_maxrss) / 1024.0; }

// The configuration through the driver, in a forked child that writes output.
std::pair<Measurement, double> run_driver(const BenchmarkOptions& options, const Configuration& configuration,
                                          const fs::path& output) {
  std::array<int, 2> result_pipe{};  // [0] read end, [1] write end
  if (pipe(result_pipe.data()) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  const pid_t child = fork();
  if (child < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (child == 0) {
    close(result_pipe[0]);
    // _exit, not exit: the child must not flush stdio buffers or run destructors it
    // inherited from the parent.
    _exit(child_main(options, configuration, output, result_pipe[1]));
  }
  close(result_pipe[1]);
  Measurement measurement;
  const bool reported = read_fully(result_pipe[0], &measurement, sizeof measurement);
  close(result_pipe[0]);
  rusage usage{};
  const int status = wait_for(child, usage);
  if (!reported || !succeeded(status)) {
    throw std::runtime_error(fmt::format("{}: the benchmark process {}", describe(configuration), describe_status(status)));
  }
  return {measurement, peak_rss_mib(usage)};
}

// The configuration as `ittsim run`, timed from fork to the end of wait4. Its peak memory
// includes the forked copy of this parent, which is small beside any run's.
ProcessMeasurement run_program(const BenchmarkOptions& options, const Configuration& configuration,
                               const fs::path& program, const fs::path& output) {
  std::vector<std::string> arguments{program.string(), "run", options.scenario.string()};
  for (const auto& setting : overrides_for(configuration.scale_text, options.years)) {
    arguments.insert(arguments.end(), {"--set", setting.key + "=" + setting.value});
  }
  arguments.insert(arguments.end(), {"--threads", std::to_string(configuration.threads), "--quiet", "-o", output.string()});
  // Built before the fork: between fork and exec the child may only make async-signal-safe calls.
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);

  const auto started = SteadyClock::now();
  const pid_t child = fork();
  if (child < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (child == 0) {
    const int null_device = open("/dev/null", O_WRONLY);
    if (null_device < 0 || dup2(null_device, STDOUT_FILENO) < 0 || dup2(null_device, STDERR_FILENO) < 0) _exit(127);
    execv(argv[0], argv.data());
    _exit(127);  // as a shell reports a command it could not run
  }
  rusage usage{};
  const int status = wait_for(child, usage);
  const std::chrono::duration<double> elapsed = SteadyClock::now() - started;
  if (!succeeded(status)) {
    throw std::runtime_error(fmt::format("{}: `ittsim run` {}", describe(configuration), describe_status(status)));
  }
  return {elapsed.count(), peak_rss_mib(usage)};
}

Result run_configuration(const BenchmarkOptions& options, const Configuration& configuration, const fs::path& program,
                         const fs::path& output) {
  Result result{configuration, {}, 0, {}};
  std::tie(result.measurement, result.peak_rss_mib) = run_driver(options, configuration, output);
  remove_output(output);
  result.process = run_program(options, configuration, program, output);
  remove_output(output);
  return result;
}

double agent_steps_per_second(const Measurement& measurement) {
  const double agents = static_cast<double>(measurement.schools + measurement.teacher_posts) + measurement.trainees_mean;
  return agents * measurement.weeks / stepping_seconds(measurement);
}

void print_table_header() {
  fmt::print(stderr, "{:>7} {:>7} {:>6} {:>8} {:>8} {:>9} {:>5} {:>8} {:>8} {:>14} {:>9} {:>9} {:>11}\n", "scale",
             "threads", "repeat", "schools", "posts", "trainees", "weeks", "setup s", "step s", "agent-steps/s",
             "peak MiB", "process s", "process MiB");
}

void print_table_row(const Result& result) {
  const auto& measurement = result.measurement;
  fmt::print(stderr, "{:>7} {:>7} {:>6} {:>8} {:>8} {:>9.0f} {:>5} {:>8.3f} {:>8.3f} {:>14.0f} {:>9.1f} {:>9.3f} {:>11.1f}\n",
             result.configuration.scale_text, result.configuration.threads, result.configuration.repeat,
             measurement.schools, measurement.teacher_posts, measurement.trainees_mean, measurement.weeks,
             measurement.phases.synthesis, stepping_seconds(measurement), agent_steps_per_second(measurement),
             result.peak_rss_mib, result.process.seconds, result.process.peak_rss_mib);
}

// ---- Summary -------------------------------------------------------------------------------

// One ratio of mean times between two sets of configurations, of the whole program and of stepping.
struct Ratio {
  double scale = 0;
  int threads = 0;
  double process = 0;
  double stepping = 0;
};

struct MeanSeconds {
  double process = 0;
  double stepping = 0;
};

// Means over the repeats of one scale and thread count; none if it was not run.
std::optional<MeanSeconds> mean_seconds(const std::vector<Result>& results, double scale, int threads) {
  MeanSeconds sum;
  int count = 0;
  for (const auto& result : results) {
    if (result.configuration.scale != scale || result.configuration.threads != threads) continue;
    sum.process += result.process.seconds;
    sum.stepping += stepping_seconds(result.measurement);
    ++count;
  }
  if (count == 0) return std::nullopt;
  return MeanSeconds{sum.process / count, sum.stepping / count};
}

Ratio ratio(double scale, int threads, const MeanSeconds& numerator, const MeanSeconds& denominator) {
  return {scale, threads, numerator.process / denominator.process, numerator.stepping / denominator.stepping};
}

template <typename Value>
std::vector<Value> distinct(std::vector<Value> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

// For each scale run on 1 thread, how many times faster each other thread count ran it.
std::vector<Ratio> speedups(const std::vector<Result>& results, const std::vector<double>& scales,
                            const std::vector<int>& thread_counts) {
  std::vector<Ratio> ratios;
  for (const double scale : scales) {
    const auto serial = mean_seconds(results, scale, 1);
    if (!serial) continue;
    for (const int threads : thread_counts) {
      if (threads != 1) ratios.push_back(ratio(scale, threads, *serial, *mean_seconds(results, scale, threads)));
    }
  }
  return ratios;
}

// For each thread count run at scale 1, how many times longer each other scale took.
std::vector<Ratio> size_ratios(const std::vector<Result>& results, const std::vector<double>& scales,
                               const std::vector<int>& thread_counts) {
  std::vector<Ratio> ratios;
  for (const int threads : thread_counts) {
    const auto full = mean_seconds(results, 1.0, threads);
    if (!full) continue;
    for (const double scale : scales) {
      if (scale != 1.0) ratios.push_back(ratio(scale, threads, *mean_seconds(results, scale, threads), *full));
    }
  }
  return ratios;
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

// The first "model name" in /proc/cpuinfo, or "unknown" where there is none (some
// architectures name the processor otherwise).
std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (!line.starts_with("model name")) continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) break;
    const auto value = line.find_first_not_of(" \t", colon + 1);
    return value == std::string::npos ? "unknown" : line.substr(value);
  }
  return "unknown";
}

std::string phases_json(const PhaseTimes& phases) {
  std::string json = "{";
  for (const auto& [name, member] : reported_phases) {
    fmt::format_to(std::back_inserter(json), "{}\"{}\": {:.6f}", json.size() == 1 ? "" : ", ", name, phases.*member);
  }
  return json + "}";
}

std::string ratios_json(const std::vector<Ratio>& ratios) {
  std::string json = "[";
  for (const auto& ratio : ratios) {
    fmt::format_to(std::back_inserter(json), "{}\n    {{\"scale\": {}, \"threads\": {}, \"process\": {:.3f}, \"stepping\": {:.3f}}}",
                   json.size() == 1 ? "" : ",", ratio.scale, ratio.threads, ratio.process, ratio.stepping);
  }
  return json + (ratios.empty() ? "]" : "\n  ]");
}

// ---- Calibration ---------------------------------------------------------------------------

// Runs the scenario's replicates at the calibration scale for its full length, in this
// process: it comes after every child has been forked, so oneTBB may start here.
std::string run_calibration(const BenchmarkOptions& options, bool& all_met) {
  const auto& targets = options.calibration_targets;
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
  const auto results = ittsim::evaluate_calibration(targets, replicates, ittsim::england_fraction(parameters));
  all_met = std::all_of(results.begin(), results.end(), [](const auto& result) { return result.met; });
  std::cerr << fmt::format("\ncalibration: {} replicates at scale {} in {:.1f} s on {} threads\n", replicates.size(),
                           parameters.population.scale, elapsed.count(), threads);
  for (const auto& result : results) {
    std::cerr << fmt::format("  {:<40} {:>10.4g}  [{:.4g}, {:.4g}]  band {:.4g}-{:.4g}  implausibility {:.2f}  {}\n",
                             result.target->name, result.mean, result.p05, result.p95, result.target->low,
                             result.target->high, result.implausibility, result.met ? "met" : "NOT MET");
  }
  return ittsim::calibration_json(results, replicates.size(), parameters.population.scale);
}

std::string report_json(const BenchmarkOptions& options, std::int64_t years, const std::vector<Result>& results,
                        const std::vector<double>& scales, const std::string& calibration) {
  const auto thread_counts = distinct(options.thread_counts);
  std::string json;
  auto out = std::back_inserter(json);
  fmt::format_to(out, "{{\n");
  fmt::format_to(out, "  \"benchmark\": \"ittsim_bench\",\n");
  fmt::format_to(out, "  \"ittsim_version\": {},\n", json_string(ittsim::build_info::version));
  fmt::format_to(out, "  \"git_commit\": {},\n", json_string(ittsim::build_info::git_commit));
  fmt::format_to(out, "  \"machine\": {{\"cpu_model\": {}, \"hardware_threads\": {}, \"host\": {}}},\n",
                 json_string(cpu_model()), std::thread::hardware_concurrency(), json_string(host_name()));
  fmt::format_to(out, "  \"scenario\": {},\n", json_string(options.scenario.string()));
  fmt::format_to(out, "  \"years\": {},\n", years);
  fmt::format_to(out, "  \"results\": [");
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& [configuration, measurement, peak_rss_mib, process] = results[i];
    fmt::format_to(out,
                   "{}\n    {{\"scale\": {}, \"threads\": {}, \"repeat\": {}, \"schools\": {}, \"teacher_posts\": {}, "
                   "\"trainees_mean\": {:.2f}, \"weeks\": {}, \"setup_seconds\": {:.6f}, \"wall_seconds\": {:.6f}, "
                   "\"phases\": {}, \"agent_steps_per_second\": {:.0f}, \"peak_rss_mib\": {:.1f}, "
                   "\"process_seconds\": {:.6f}, \"process_peak_rss_mib\": {:.1f}}}",
                   i == 0 ? "" : ",", configuration.scale, configuration.threads, configuration.repeat,
                   measurement.schools, measurement.teacher_posts, measurement.trainees_mean, measurement.weeks,
                   measurement.phases.synthesis, stepping_seconds(measurement), phases_json(measurement.phases),
                   agent_steps_per_second(measurement), peak_rss_mib, process.seconds, process.peak_rss_mib);
  }
  fmt::format_to(out, "\n  ],\n");
  fmt::format_to(out, "  \"speedup\": {},\n", ratios_json(speedups(results, scales, thread_counts)));
  fmt::format_to(out, "  \"size_ratio\": {}", ratios_json(size_ratios(results, scales, thread_counts)));
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
  const fs::path program = ittsim_program();
  const TemporaryFolder folder;
  const fs::path output = folder.path() / "out.h5";

  print_table_header();
  std::vector<Result> results;
  for (std::size_t i = 0; i < options.scales.size(); ++i) {
    for (const int threads : options.thread_counts) {
      for (int repeat = 1; repeat <= options.repeats; ++repeat) {
        results.push_back(run_configuration(options, {options.scales[i], scales[i], threads, repeat}, program, output));
        print_table_row(results.back());
      }
    }
  }
  bool calibrated = true;
  const std::string calibration = options.calibration_replicates > 0 ? run_calibration(options, calibrated) : "";
  write_report(options.output, report_json(options, years, results, distinct(scales), calibration));
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
