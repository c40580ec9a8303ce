#pragma once
// Runs a validated scenario: every replicate in turn, each stepped week by week inside a
// oneTBB arena of the requested size, writing each completed year to the output file.

#include "sim/model/phase_times.hpp"
#include "sim/params/scenario.hpp"

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>

namespace ittsim {

class Simulation;

struct RunProgress {
  std::uint64_t replicate = 0;
  std::uint64_t replicates = 0;
  int weeks_done = 0;
  int total_weeks = 0;
  double elapsed_seconds = 0;
};

struct RunOptions {
  std::filesystem::path output;
  int threads = 1;
  std::string command_line;                          // recorded under /provenance
  std::function<void(const RunProgress&)> progress;  // called after every week, if set
  const std::atomic<bool>* stop_requested = nullptr; // checked every week; throws Interrupted
  // Every this many academic years (over all replicates; 0: never), the run's whole state goes
  // to a checkpoint in checkpoint_dir, which keeps only the newest. A run that completes
  // removes its checkpoint; one that fails or is stopped leaves it for `ittsim resume`.
  int checkpoint_every = 0;
  std::filesystem::path checkpoint_dir;
  PhaseTimes* phase_times = nullptr;  // if set, the run adds each phase's seconds to it (benchmark)
  // Called after every week with the replicate just stepped, if set, outside every timed phase:
  // the benchmark counts the agents with it, which run_scenario does not otherwise expose.
  std::function<void(const Simulation&)> after_step;
};

// Writes options.output (through a .part file) or throws, leaving no output behind.
// Refuses (InputError) a checkpoint folder that already holds checkpoints.
void run_scenario(const Scenario& scenario, const RunOptions& options);

// Continues the run saved in a checkpoint (a file, or a folder: its newest checkpoint) to
// options.output, which then equals the uninterrupted run's output outside /provenance.
// With expected, refuses a checkpoint of a scenario whose values differ. Checkpointing goes
// on as the run set it, in the checkpoint's folder, unless options set it
// (checkpoint_every < 0: as saved).
void resume_run(const std::filesystem::path& checkpoint, const RunOptions& options, const Scenario* expected = nullptr);

// The checkpoint that `resume` continues from path: path itself, or a folder's newest.
std::filesystem::path checkpoint_to_resume(const std::filesystem::path& path);

}  // namespace ittsim
