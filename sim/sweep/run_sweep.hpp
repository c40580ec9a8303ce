#pragma once
// Runs the points of a sweep that fall to this process, one after another, each with the
// run driver (so each point file appears whole or not at all). Which points fall to this
// process is a PointSource's business: a shard's list, or, under MPI, whatever rank 0 hands
// out next. A point that fails is recorded with its error and the sweep goes on; an
// interruption (SIGINT, SIGTERM) stops it.

#include "sim/driver/run.hpp"
#include "sim/sweep/definition.hpp"
#include "sim/sweep/directory.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ittsim {

struct PointOutcome {
  std::size_t point = 0;
  bool complete = false;
  std::string error;  // when it failed
  // Left to another process: it held the point, or had completed it when its turn came.
  bool elsewhere = false;
};

// Points of the job this process belongs to (a shard, or all ranks of an MPI job).
struct SweepCounts {
  std::size_t assigned = 0;          // points of the shard
  std::size_t already_complete = 0;  // found complete at the start, so skipped
  std::size_t to_run = 0;            // assigned - already_complete
  std::size_t done = 0;              // run to completion by this job
  std::size_t failed = 0;            // failed in this job
  std::size_t elsewhere = 0;         // left to another process (PointOutcome::elsewhere)
  void add(const PointOutcome& outcome) noexcept {
    ++(outcome.elsewhere ? elsewhere : outcome.complete ? done : failed);
  }
};

class PointSource {
 public:
  virtual ~PointSource() = default;
  // Reports the point just finished (if any) and returns the next one to run, or nothing.
  virtual std::optional<std::size_t> next(const std::optional<PointOutcome>& finished) = 0;
  // Called between simulated weeks, so that a coordinator can answer other processes.
  virtual void serve() {}
  // The process that keeps the manifest and shows progress.
  virtual bool coordinator() const { return true; }
  virtual SweepCounts counts() const = 0;
};

// Which shard of a sweep this process runs: point p belongs to shard p mod count.
struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
  bool owns(std::size_t point) const noexcept { return point % count == index; }
};

// Shard I of N: N from --shards, I from --shard, else from SLURM_ARRAY_TASK_ID (read through
// get_environment), so that array task I runs shard I whichever tasks were submitted (a retry
// of --array=1,4,5 runs shards 1, 4 and 5); without either, 0 of 1. Options are text, empty
// when absent.
Shard choose_shard(const std::string& shard_option, const std::string& shards_option,
                   const std::function<const char*(const char*)>& get_environment);

// The shard's points that are not complete yet, in order.
std::vector<std::size_t> points_to_run(const std::vector<PointState>& states, const Shard& shard);

// Runs a fixed list of points: one shard, or the whole sweep.
class ListSource final : public PointSource {
 public:
  ListSource(std::vector<std::size_t> points, std::size_t assigned);
  std::optional<std::size_t> next(const std::optional<PointOutcome>& finished) override;
  SweepCounts counts() const override { return counts_; }

 private:
  std::vector<std::size_t> points_;
  std::size_t next_ = 0;
  SweepCounts counts_;
};

struct SweepProgress {
  SweepCounts counts;
  std::size_t point = 0;  // the point this process is running
  RunProgress run;        // within that point
  double elapsed_seconds = 0;
};

struct SweepOptions {
  int threads = 1;
  std::string command_line;
  const std::atomic<bool>* stop_requested = nullptr;
  std::function<void(const SweepProgress&)> progress;      // after every simulated week
  std::function<void(const PointOutcome&)> point_finished;  // after every point this process ran
};

SweepCounts run_sweep(const SweepDefinition& sweep, SweepDirectory& directory, PointSource& source,
                      const SweepOptions& options);

}  // namespace ittsim
