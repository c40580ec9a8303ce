#pragma once
// The end-of-run summary, read back from an output file, so that `ittsim run` and
// `ittsim summary` print the same thing from the same place.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ittsim {

struct RunSummary {
  std::filesystem::path file;
  std::string scenario_name;
  std::string ittsim_version;
  std::string git_commit;
  std::int64_t seed = 0;
  std::string scenario_text;  // the resolved scenario the file was written with
  std::vector<std::int64_t> academic_years;
  // Yearly series by name: one row per replicate, one column per academic year.
  std::map<std::string, std::vector<std::vector<double>>> yearly;
  double wall_seconds = 0;
  std::int64_t threads = 0;
};

// Throws InputError, naming the file, if it is missing, not a regular file, not an ittsim
// output or damaged (series of another shape or type than docs/OUTPUT.md gives).
RunSummary read_summary(const std::filesystem::path& file);

std::string format_summary(const RunSummary& summary);

}  // namespace ittsim
