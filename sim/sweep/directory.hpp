#pragma once
// The output folder of a sweep (layout in docs/HPC.md). Several processes, on several
// machines, write into it at once, so nothing in it is shared mutable state: each point has
// its own files, written whole and renamed into place, and the manifest is a snapshot that
// any process may rewrite from what the folder holds.
//
//   DIR/sweep.ini       the sweep file, as written
//   DIR/scenario.ini    the resolved base scenario (with [set], the sweep's seed and replicates)
//   DIR/points.csv      point, seed and the varied parameters' values
//   DIR/manifest.csv    points.csv with each point's status and error
//   DIR/points/point_NNNNNN.h5      a complete point (an ittsim run output)
//   DIR/points/point_NNNNNN.error   the error of a point that failed
//   DIR/points/point_NNNNNN.lock    held (flock) by the process running the point
//
// A point is complete when its .h5 exists, failed when only its .error exists, otherwise pending.
// Temporary files (point_NNNNNN.h5.part-...) are never complete; a killed run's are removed
// by the next process to hold the point.

#include "sim/io/file_lock.hpp"
#include "sim/sweep/definition.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ittsim {

enum class PointStatus { pending, complete, failed };

std::string_view status_name(PointStatus status);

struct PointState {
  PointStatus status = PointStatus::pending;
  std::string error;  // for failed points
};

// What a sweep folder records about its points, read back without the sweep file.
struct SweepTable {
  std::vector<std::string> parameters;           // varied keys, in order
  std::vector<std::uint64_t> seeds;              // by point
  std::vector<std::vector<std::string>> values;  // by point, one per parameter
  std::size_t size() const noexcept { return seeds.size(); }
};

class SweepDirectory {
 public:
  // Opens DIR for the given sweep: creates it when new (its parent must exist), or checks
  // that it holds the same sweep (same points, seeds and base scenario), else InputError.
  static SweepDirectory prepare(const std::filesystem::path& folder, const SweepDefinition& sweep);
  // Opens an existing sweep folder for reading (merge); InputError when it is not one.
  static SweepDirectory open(const std::filesystem::path& folder);

  const std::filesystem::path& folder() const noexcept { return folder_; }
  std::filesystem::path point_path(std::size_t point) const;
  std::filesystem::path error_path(std::size_t point) const;
  std::filesystem::path manifest_path() const { return folder_ / "manifest.csv"; }
  std::filesystem::path scenario_path() const { return folder_ / "scenario.ini"; }
  std::filesystem::path sweep_path() const { return folder_ / "sweep.ini"; }

  const SweepTable& table() const noexcept { return table_; }

  // Every point's state, from one listing of DIR/points.
  std::vector<PointState> scan() const;
  bool complete(std::size_t point) const;

  // Holds point for this process, or nothing while another process holds it, so that two
  // sweeps in one folder never run a point at once. Where the file system refuses locks
  // (ENOLCK, ENOSYS, EOPNOTSUPP) the point is run unheld: its file is still written whole.
  std::optional<FileLock> lock_point(std::size_t point) const;
  // Removes temporary files that killed runs left for point: only a holder of its lock may.
  void remove_stale_files(std::size_t point, const FileLock& held) const;

  // Records a failure (replacing an older one) or clears it after a success.
  void record_failure(std::size_t point, const std::string& error) const;
  void clear_failure(std::size_t point) const;

  // Rewrites manifest.csv from scan(); at most once every 5 s unless forced.
  void refresh_manifest(bool force = false);

 private:
  explicit SweepDirectory(std::filesystem::path folder) : folder_(std::move(folder)) {}
  std::filesystem::path folder_;
  SweepTable table_;
  std::chrono::steady_clock::time_point last_refresh_{};
};

// Writes text to path through a temporary file in the same folder and a rename, so that
// readers see the old file or the new one, never a part. Throws OutputError.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

// Parses points.csv text (as SweepDefinition::point_table_csv writes it). source names it in messages.
SweepTable parse_point_table(const std::string& text, const std::string& source);

}  // namespace ittsim
