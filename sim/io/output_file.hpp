#pragma once
// The HDF5 output of a run (layout in docs/OUTPUT.md). It is written to a temporary file of
// its own, "<path>.part-<pid>-<random>", created exclusively, and renamed to <path> only by
// commit(), so a run that fails, is interrupted or is killed never leaves a file that looks
// complete, and two runs given the same path never write into one file (the last to finish
// replaces the other's whole output). An OutputFile destroyed without commit() removes its
// temporary file.

#include "sim/core/agents.hpp"
#include "sim/io/hdf5_file.hpp"
#include "sim/model/indicators.hpp"
#include "sim/params/scenario.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ittsim {

inline constexpr std::int64_t output_format_version = 8;

// Facts about one execution that differ between identical runs; kept under /provenance.
struct Provenance {
  std::string host;
  std::string started_at;   // ISO 8601, UTC
  std::string finished_at;  // ISO 8601, UTC
  double wall_seconds = 0;
  std::int64_t threads = 0;
  std::string command_line;
  std::string working_directory;
  std::string resumed_from;  // the checkpoint a resumed run continued from, or empty
  // population.schools_file as read (absolute), the SHA-256 of its bytes and what was kept
  // and left out; empty when schools were synthesised.
  std::string schools_file;
  std::string schools_file_sha256;
  std::string schools_file_report;
};

std::filesystem::path partial_path(const std::filesystem::path& path);
// A temporary name for writing path that no other writer uses: "<path>.part-<pid>-<random>".
std::filesystem::path temporary_path(const std::filesystem::path& path);
// The temporary files of path that exist (any writer's, finished or killed; and "<path>.part").
std::vector<std::filesystem::path> temporary_files(const std::filesystem::path& path);

// For provenance records: this machine's name and the time now, ISO 8601 in UTC.
std::string host_name();
std::string utc_now();

// Everything recorded about one academic year of one replicate.
struct YearRecord {
  const YearlyIndicators& year;
  const YearlyBreakdowns& breakdowns;
  const YearlyDistributions& distributions;
  const YearlyByLocalAuthority& by_authority;
  const std::vector<WeeklyIndicators>& weeks;
  const std::vector<WeeklyBreakdowns>& weekly_breakdowns;
};

class OutputFile {
 public:
  OutputFile(std::filesystem::path path, const Scenario& scenario);
  // Continues output saved by save_to (in a checkpoint): the new temporary file holds everything
  // saved; begin_replicate reopens a saved replicate's series for appending.
  OutputFile(std::filesystem::path path, const h5::Group& saved);
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();

  // Creates the replicate's group and series, or opens them where a checkpoint saved them.
  void begin_replicate(std::uint64_t replicate);
  // Closes a finished replicate's series, writing out their cached chunks: a run's memory
  // then does not grow with its replicates.
  void end_replicate(std::uint64_t replicate);
  // Writes where the replicate's schools and providers are and who runs each school (its
  // groups "schools" and "providers"), once, after synthesis.
  void write_geography(std::uint64_t replicate, const Schools& schools, const Providers& providers);
  // Writes a finished replicate's cohorts of new teachers and their retention (its group "cohorts").
  void write_cohorts(std::uint64_t replicate, const CohortRetention& cohorts);
  // Appends one academic year: its yearly rows and its weekly rows.
  void append_year(std::uint64_t replicate, const YearRecord& record);
  void commit(const Provenance& provenance);
  // Copies everything written so far, root attributes included, into destination.
  void save_to(h5::Group& destination) const;

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  struct ReplicateSeries {
    std::vector<h5::Dataset> yearly;
    std::vector<h5::Dataset> by_region;
    std::vector<h5::Dataset> by_phase;
    std::vector<h5::Dataset> distributions;
    std::vector<h5::Dataset> by_authority;
    std::vector<h5::Dataset> weekly;
    std::vector<h5::Dataset> weekly_by_region;
    std::vector<h5::Dataset> weekly_by_phase;
  };

  static ReplicateSeries replicate_series(h5::Group& group, bool create);
  static void close_series(ReplicateSeries& series);

  std::filesystem::path path_;
  std::filesystem::path partial_;
  std::unique_ptr<h5::File> file_;
  std::map<std::uint64_t, ReplicateSeries> replicates_;  // the open ones
  bool committed_ = false;
  std::vector<std::string> scenario_files_;  // as read, for /provenance; empty when resumed
};

std::string replicate_group_name(std::uint64_t replicate);

}  // namespace ittsim
