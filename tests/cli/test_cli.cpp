// The command as a user meets it: exit codes, messages, and files created or not.

#include "sim/io/output_file.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <sstream>
#include <thread>

using namespace ittsim;
using Catch::Matchers::Contains;

namespace {

struct BadInput {
  std::string arguments;     // after `run` or another command; OUT is replaced by the output path
  std::string message_part;  // what the message must say
};

}  // namespace

TEST_CASE("bad input exits 2 with a message and creates or overwrites no output", "[cli][errors]") {
  test::TemporaryFolder folder;
  folder.write("typo.ini", "[run]\nyeers = 3\n");
  folder.write("type.ini", "[run]\nyears = three\n");
  folder.write("range.ini", "[population]\nscale = 20\n");
  folder.write("cycle_a.ini", "extends = cycle_b.ini\n");
  folder.write("cycle_b.ini", "extends = cycle_a.ini\n");
  folder.write("syntax.ini", "[run\n");
  const std::string base = test::baseline.string();
  const std::string dir = folder.path().string();
  const std::vector<BadInput> cases{
      {"run " + dir + "/absent.ini -o OUT", "scenario file not found"},
      {"run " + dir + "/typo.ini -o OUT", "did you mean 'run.years'"},
      {"run " + dir + "/type.ini -o OUT", "type.ini:2: run.years = 'three'"},
      {"run " + dir + "/range.ini -o OUT", "range.ini:2: population.scale = 20 is out of range"},
      {"run " + dir + "/cycle_a.ini -o OUT", "cyclic 'extends'"},
      {"run " + dir + "/syntax.ini -o OUT", "syntax.ini:1: cannot parse '[run'"},
      {"run " + base + " -o OUT --replicates 0", "--replicates = 0: expected a whole number of at least 1"},
      {"run " + base + " -o OUT --threads 0", "--threads = 0: expected a whole number of at least 1"},
      {"run " + base + " -o OUT --threads many", "--threads = 'many'"},
      {"run " + base + " -o OUT --set run.yeers=3", "did you mean 'run.years'"},
      {"run " + base + " -o OUT --set run.years", "expected group.name=value"},
      {"run " + base + " -o OUT --seed minus", "--seed: run.seed = 'minus'"},
      {"run " + base + " -o OUT --frobnicate", "unrecognised option '--frobnicate'"},
      {"run " + base + " -o " + dir + "/absent/out.h5", "does not exist"},
      {"run -o OUT", "expected a scenario file"},
      {"validate " + dir + "/typo.ini", "did you mean 'run.years'"},
      {"summary " + dir + "/absent.h5", "file not found"},
      {"summary " + dir + "/typo.ini", "not a readable ittsim output file"},
      {"measure " + dir + "/absent.h5", "file not found"},
      {"measure " + dir + "/absent.h5 --targets " + dir + "/typo.ini", "typo.ini:2: unknown key 'yeers' in [run]"},
      {"measure " + dir + "/absent.h5 --format xml", "--format 'xml': expected table, csv, json or markdown"},
      {"simulate " + base, "unknown command 'simulate'"},
  };
  for (const auto& bad : cases) {
    const auto output = folder / "out.h5";
    std::string arguments = bad.arguments;
    if (const auto at = arguments.find("OUT"); at != std::string::npos) arguments.replace(at, 3, output.string());
    INFO("ittsim " << arguments);
    const auto result = test::run_ittsim(arguments);
    INFO(result.output);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Contains("ittsim: error: ") && Contains(bad.message_part));
    CHECK_FALSE(std::filesystem::exists(output));
    CHECK_FALSE(std::filesystem::exists(partial_path(output)));
  }

  SECTION("an existing file is left as it was") {
    const auto existing = folder.write("keep.h5", "earlier results");
    const auto result = test::run_ittsim(fmt::format("run {}/typo.ini -o {}", dir, existing.string()));
    CHECK(result.exit_code == 2);
    CHECK(test::read_file(existing) == "earlier results");
  }
}

TEST_CASE("every command has --help", "[cli]") {
  for (const std::string command : {"run", "resume", "validate", "params", "summary", "measure", "sweep", "merge"}) {
    const auto result = test::run_ittsim(command + " --help");
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, Contains("Usage: ittsim " + command));
  }
  const auto overview = test::run_ittsim("--help");
  CHECK(overview.exit_code == 0);
  CHECK_THAT(overview.output, Contains("validate SCENARIO"));
  CHECK_THAT(overview.output, Contains("resume CHECKPOINT"));
}

TEST_CASE("params lists every parameter and validate accepts the shipped scenarios", "[cli]") {
  const auto params = test::run_ittsim("params");
  CHECK(params.exit_code == 0);
  CHECK_THAT(params.output, Contains("[placement]") && Contains("unplaced_withdrawal_weeks = 8"));
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir / "scenarios")) {
    if (entry.path().extension() != ".ini") continue;
    const auto result = test::run_ittsim("validate " + entry.path().string());
    INFO(result.output);
    CHECK(result.exit_code == 0);
  }
  // --resolved prints every parameter with its value and where it came from, overrides included.
  const auto resolved =
      test::run_ittsim("validate " + (test::source_dir / "scenarios" / "baseline.ini").string() + " --set run.years=3 --resolved");
  CHECK(resolved.exit_code == 0);
  CHECK_THAT(resolved.output, Contains("years = 3  # --set") && Contains("seed = 20220901  # baseline.ini:") &&
                                  Contains("unplaced_withdrawal_weeks = 8  # default") && !Contains("valid"));
}

TEST_CASE("every scenario of the library runs with its levers on, identically on 1 and 3 threads", "[cli][threads][policy]") {
  test::TemporaryFolder folder;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir / "scenarios")) {
    if (entry.path().extension() != ".ini") continue;
    const std::string name = entry.path().stem().string();
    // Four years from 2022/23 reach the levers' start in 2024/25 and the review's second year.
    const std::string common = fmt::format("run {} --set population.regions=1 --set run.years=4 -q", entry.path().string());
    for (const int threads : {1, 3}) {
      const auto result = test::run_ittsim(fmt::format("{} --threads {} -o {}/{}_{}.h5", common, threads, folder.path().string(), name, threads));
      INFO(name << ": " << result.output);
      REQUIRE(result.exit_code == 0);
    }
    const std::string diff = fmt::format("h5diff --exclude-path /provenance {0}/{1}_1.h5 {0}/{1}_3.h5", folder.path().string(), name);
    INFO(diff);
    CHECK(std::system(diff.c_str()) == 0);
  }
}

TEST_CASE("a small baseline runs end to end and its summary reads back", "[cli]") {
  test::TemporaryFolder folder;
  const auto result = test::run_ittsim(fmt::format("run {} --set population.regions=1 --set run.years=2 --replicates 2 -o {}/out.h5",
                                                   test::baseline.string(), folder.path().string()));
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Contains("qts_awarded") && Contains("teachers_in_post"));
  const auto summary = test::run_ittsim(fmt::format("summary {}/out.h5", folder.path().string()));
  CHECK(summary.exit_code == 0);
  CHECK_THAT(summary.output, Contains("2 replicates") && Contains("2023/24"));
}

TEST_CASE("measure prints every target's value over replicates and its implausibility", "[cli][calibration]") {
  test::TemporaryFolder folder;
  const auto out = (folder / "out.h5").string();
  REQUIRE(test::run_ittsim(fmt::format("run {} --set population.regions=1 --set run.years=4 --replicates 3 -o {} -q",
                                       test::baseline.string(), out)).exit_code == 0);
  const auto targets = (test::source_dir / "calibration" / "england.ini").string();
  const auto table = test::run_ittsim(fmt::format("measure {} --targets {}", out, targets));
  INFO(table.output);
  CHECK(table.exit_code == 0);
  CHECK_THAT(table.output, Contains("3 replicates") && Contains("retention_1y") && Contains("observed") && Contains("band"));
  const auto csv = test::run_ittsim(fmt::format("measure {} --targets {} --format csv", out, targets));
  REQUIRE(csv.exit_code == 0);
  // Each row's implausibility is |mean - observed| / sqrt(obs_sd² + disc_sd² + sd² / replicates).
  std::istringstream lines(csv.output);
  std::string line;
  std::getline(lines, line);
  CHECK(line == "name,measure,observed,observation_sd,discrepancy_sd,low,high,replicates,mean,sd,p05,p95,implausibility,met");
  int rows = 0;
  while (std::getline(lines, line)) {
    INFO(line);
    std::vector<std::string> fields;
    std::istringstream row(line);
    for (std::string field; std::getline(row, field, ',');) fields.push_back(field);
    REQUIRE(fields.size() == 14);
    ++rows;
    if (fields[8].empty()) continue;  // not defined in four years (retention after five)
    const double observed = std::stod(fields[2]), observation = std::stod(fields[3]), discrepancy = std::stod(fields[4]);
    const double mean = std::stod(fields[8]), sd = std::stod(fields[9]), replicates = std::stod(fields[7]);
    const double expected = std::abs(mean - observed) / std::sqrt(observation * observation + discrepancy * discrepancy + sd * sd / replicates);
    CHECK(std::stod(fields[12]) == Approx(expected).epsilon(1e-3).margin(1e-3));  // fields have 6 digits
    CHECK(fields[13] == ((mean >= std::stod(fields[5]) && mean <= std::stod(fields[6])) ? "true" : "false"));
  }
  CHECK(rows == 15);
}

TEST_CASE("SIGINT stops a run with exit 130 and no output file", "[cli]") {
  test::TemporaryFolder folder;
  const auto output = folder / "long.h5";
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const std::string out = output.string();
    const std::string scenario = test::baseline.string();
    // A long run: 50 years of England takes several seconds.
    execl(ITTSIM_BINARY, ITTSIM_BINARY, "run", scenario.c_str(), "-o", out.c_str(), "--set", "run.years=50", "--quiet",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the run is writing its temporary file, then interrupt it.
  for (int i = 0; i < 200 && temporary_files(output).empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  CHECK(temporary_files(output).size() == 1);
  kill(child, SIGINT);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK_FALSE(std::filesystem::exists(output));
  CHECK(temporary_files(output).empty());
}

TEST_CASE("two runs given the same output at once both finish, the last to finish leaving its whole file", "[cli]") {
  test::TemporaryFolder folder;
  const auto output = folder / "shared.h5";
  const std::vector<std::string> run = {"run", test::baseline.string(), "-o", output.string(), "--set",
                                        "population.regions=1", "--set", "run.years=20", "--quiet"};
  const int first = test::start_ittsim(run);
  // The second starts while the first is writing: it must neither truncate nor share its file.
  for (int i = 0; i < 400 && temporary_files(output).empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE_FALSE(temporary_files(output).empty());
  const int second = test::start_ittsim(run);
  CHECK(test::wait_for_exit(first) == 0);
  CHECK(test::wait_for_exit(second) == 0);
  CHECK(temporary_files(output).empty());
  const auto alone = folder / "alone.h5";
  auto reference = run;
  reference[3] = alone.string();
  REQUIRE(test::wait_for_exit(test::start_ittsim(reference)) == 0);
  CHECK(test::same_outside_provenance(alone, output));
}
