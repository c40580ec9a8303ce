#pragma once
// Checkpoints: a run's whole state at the end of an academic year, in one HDF5 file, from
// which `ittsim resume` continues to the output an uninterrupted run writes (bitwise, outside
// /provenance). A checkpoint holds the scenario, where the run stands, every agent store and
// the output written so far. Layout in docs/OUTPUT.md, "Checkpoints".

#include "sim/io/hdf5_file.hpp"
#include "sim/io/output_file.hpp"
#include "sim/model/simulation.hpp"
#include "sim/params/scenario.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ittsim {

inline constexpr std::int64_t checkpoint_format_version = 2;

// Where a run stands at a checkpoint.
struct RunPosition {
  std::uint64_t replicate = 0;  // the replicate to continue, or to start when there is no state
  std::int64_t years_done = 0;  // academic years completed in the whole run, over all replicates
  std::int64_t checkpoint_every = 0;  // the run's setting, which a resumed run keeps by default
};

// Writes path atomically (path.part, renamed when complete). simulation is the replicate in
// progress, or null at the end of a replicate, when the next one starts afresh.
void write_checkpoint(const std::filesystem::path& path, const Scenario& scenario, const RunPosition& position,
                      const Simulation* simulation, const OutputFile& output);

struct Checkpoint {
  std::filesystem::path path;
  Scenario scenario;
  RunPosition position;
  bool has_state = false;  // false when position.replicate starts afresh
  h5::File file;           // kept open while the state and the output are read
  h5::Group output;        // the output written before the checkpoint

  // The agent stores, clock and cohorts, read only now, so that a run can check that they
  // fit in memory first. Throws InputError, naming the file, if they are damaged.
  std::optional<YearBoundaryState> read_state() const;
};

// Whether a checkpoint must come from this build: any_build is for the fuzz target, whose
// stored inputs outlive the commit that wrote them; resuming always needs the same build.
enum class CheckpointBuild { same, any };

// Reads a checkpoint's description: build, scenario, run position. Throws InputError, naming
// the file, when it is not an ittsim checkpoint, was written by another version or build of
// ittsim, or is damaged.
Checkpoint read_checkpoint(const std::filesystem::path& path, CheckpointBuild build = CheckpointBuild::same);

// "checkpoint_000012.h5" after 12 years: names sort in the order the run wrote them.
std::string checkpoint_file_name(std::int64_t years_done);
// The checkpoint files in folder, oldest first; none if the folder does not exist.
std::vector<std::filesystem::path> checkpoints_in(const std::filesystem::path& folder);

}  // namespace ittsim
