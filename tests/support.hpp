#pragma once
// Helpers shared by the tests: temporary folders, small scenarios and running the command.

#include "sim/model/simulation.hpp"
#include "sim/params/scenario.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace ittsim::test {

// A fresh folder removed when the object goes away.
class TemporaryFolder {
 public:
  TemporaryFolder();
  ~TemporaryFolder();
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // Writes text to a file in the folder and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);

// The baseline shrunk to a test-sized world: the North East alone (about 1,060 schools), two years.
Scenario small_scenario(std::vector<Override> overrides = {});

// Every yearly and weekly row of one replicate, run inside an arena of the given size.
struct RunRecord {
  std::vector<YearlyIndicators> years;
  std::vector<WeeklyIndicators> weeks;
};
RunRecord run_in_memory(const Parameters& parameters, std::uint64_t replicate, int threads);

bool same_rows(const RunRecord& a, const RunRecord& b);

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};
// Runs `ittsim` with the given arguments (no shell quoting needed for plain paths).
CommandResult run_ittsim(const std::string& arguments);

// Starts `ittsim` with the given arguments, its output (stdout and stderr) written to output,
// and returns its pid.
int start_ittsim(const std::vector<std::string>& arguments, const std::filesystem::path& output = "/dev/null");
// Waits for a process started by start_ittsim: its exit code, or 128 + the signal that ended it.
int wait_for_exit(int pid);

// Whether two HDF5 files hold the same data and attributes outside /provenance (h5diff).
bool same_outside_provenance(const std::filesystem::path& a, const std::filesystem::path& b);

inline const std::filesystem::path source_dir{ITTSIM_SOURCE_DIR};
inline const std::filesystem::path baseline = source_dir / "scenarios" / "baseline.ini";
// A small school list in the format of DfE's GIAS extract (tests/data/make_gias_example.py).
inline const std::filesystem::path gias_example = source_dir / "tests" / "data" / "gias_example.csv";
inline const std::filesystem::path example_sweep = source_dir / "scenarios" / "sweeps" / "example.ini";

}  // namespace ittsim::test
