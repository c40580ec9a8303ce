#include "support.hpp"

#include <fmt/format.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bit>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace ittsim::test {

TemporaryFolder::TemporaryFolder() {
  std::string pattern = (std::filesystem::temp_directory_path() / "ittsim-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder");
  path_ = pattern;
}

TemporaryFolder::~TemporaryFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TemporaryFolder::write(const std::string& name, const std::string& text) const {
  const auto file = path_ / name;
  std::ofstream(file) << text;
  return file;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Scenario small_scenario(std::vector<Override> overrides) {
  overrides.insert(overrides.begin(), {{"population.regions", "1", "test"}, {"run.years", "2", "test"}});
  return Scenario::load(baseline, overrides);
}

RunRecord run_in_memory(const Parameters& parameters, std::uint64_t replicate, int threads) {
  tbb::global_control allowed(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  RunRecord record;
  arena.execute([&] {
    Simulation simulation(parameters, replicate);
    while (!simulation.finished()) {
      simulation.step();
      if (simulation.year_completed()) {
        record.years.push_back(simulation.last_year());
        record.weeks.insert(record.weeks.end(), simulation.last_year_weeks().begin(), simulation.last_year_weeks().end());
      }
    }
  });
  return record;
}

namespace {

template <typename Row, typename Visit>
bool rows_equal(const std::vector<Row>& a, const std::vector<Row>& b, Visit visit) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    // Bit patterns, not values: reproducibility is bitwise, and NaN (a series not yet
    // defined) must equal itself.
    std::vector<std::uint64_t> left;
    std::vector<std::uint64_t> right;
    visit(a[i], [&](const auto& member, const SeriesInfo&) { left.push_back(std::bit_cast<std::uint64_t>(static_cast<double>(member))); });
    visit(b[i], [&](const auto& member, const SeriesInfo&) { right.push_back(std::bit_cast<std::uint64_t>(static_cast<double>(member))); });
    if (left != right) return false;
  }
  return true;
}

}  // namespace

bool same_rows(const RunRecord& a, const RunRecord& b) {
  return rows_equal(a.years, b.years, [](const auto& row, auto&& f) { visit_yearly(row, f); }) &&
         rows_equal(a.weeks, b.weeks, [](const auto& row, auto&& f) { visit_weekly(row, f); });
}

CommandResult run_ittsim(const std::string& arguments) {
  const std::string command = fmt::format("{} {} 2>&1", ITTSIM_BINARY, arguments);
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot start " + command);
  char buffer[4096];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, read);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

int start_ittsim(const std::vector<std::string>& arguments, const std::filesystem::path& output) {
  std::vector<std::string> words{ITTSIM_BINARY};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("cannot fork");
  if (child == 0) {
    const int log = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    execv(ITTSIM_BINARY, argv.data());
    _exit(127);
  }
  return child;
}

int wait_for_exit(int pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) throw std::runtime_error("waitpid failed");
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool same_outside_provenance(const std::filesystem::path& a, const std::filesystem::path& b) {
  const std::string command = fmt::format("h5diff --exclude-path /provenance '{}' '{}' > /dev/null 2>&1", a.string(), b.string());
  return std::system(command.c_str()) == 0;
}

}  // namespace ittsim::test
