#include "sim/sweep/run_sweep.hpp"

#include "sim/core/errors.hpp"
#include "sim/io/command_line.hpp"

#include <fmt/format.h>

#include <chrono>

namespace ittsim {
namespace {

PointOutcome run_point(const SweepDefinition& sweep, SweepDirectory& directory, PointSource& source,
                       std::size_t point, const SweepOptions& options,
                       std::chrono::steady_clock::time_point started) {
  PointOutcome outcome{point, false, {}};
  const auto lock = directory.lock_point(point);
  if (!lock || directory.complete(point)) {
    outcome.elsewhere = true;
    return outcome;
  }
  directory.remove_stale_files(point, *lock);
  RunOptions run;
  run.output = directory.point_path(point);
  run.threads = options.threads;
  run.command_line = options.command_line;
  run.stop_requested = options.stop_requested;
  run.progress = [&](const RunProgress& progress) {
    source.serve();
    // Other shards' and ranks' points show in the manifest while a long point runs.
    if (source.coordinator()) directory.refresh_manifest();
    if (options.progress) {
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
      options.progress({source.counts(), point, progress, elapsed.count()});
    }
  };
  try {
    run_scenario(sweep.scenario(sweep.points().at(point)), run);
    directory.clear_failure(point);
    outcome.complete = true;
  } catch (const Interrupted&) {
    throw;
  } catch (const std::exception& error) {
    outcome.error = error.what();
    directory.record_failure(point, outcome.error);
  }
  return outcome;
}

}  // namespace

Shard choose_shard(const std::string& shard_option, const std::string& shards_option,
                   const std::function<const char*(const char*)>& get_environment) {
  const char* task_id = get_environment("SLURM_ARRAY_TASK_ID");
  if (shards_option.empty()) {
    if (!shard_option.empty()) {
      throw InputError("--shard and --shards go together: --shard I --shards N runs shard I (0 ... N-1) of N");
    }
    if (task_id != nullptr) {
      throw InputError(fmt::format("SLURM_ARRAY_TASK_ID = {}: in a Slurm job array give --shards N, the number of "
                                   "shards, and array task I runs shard I (e.g. --array=0-9 with --shards 10; "
                                   "scripts/slurm/sweep.sbatch passes SHARDS)", task_id));
    }
    return Shard{};
  }
  Shard shard;
  shard.count = static_cast<std::size_t>(whole_number_option("--shards", shards_option, 1));
  std::string source = "--shard";
  if (!shard_option.empty()) {
    shard.index = static_cast<std::size_t>(whole_number_option("--shard", shard_option, 0));
  } else if (task_id != nullptr) {
    source = "SLURM_ARRAY_TASK_ID";
    shard.index = static_cast<std::size_t>(whole_number_option(source, task_id, 0));
  } else {
    throw InputError("--shard and --shards go together: --shard I --shards N runs shard I (0 ... N-1) of N (in a "
                     "Slurm job array, I comes from SLURM_ARRAY_TASK_ID)");
  }
  if (shard.index >= shard.count) {
    throw InputError(fmt::format("{} = {}: expected 0 ... {} for --shards {}", source, shard.index, shard.count - 1,
                                 shard.count));
  }
  return shard;
}

std::vector<std::size_t> points_to_run(const std::vector<PointState>& states, const Shard& shard) {
  std::vector<std::size_t> points;
  for (std::size_t point = 0; point < states.size(); ++point) {
    if (shard.owns(point) && states[point].status != PointStatus::complete) points.push_back(point);
  }
  return points;
}

ListSource::ListSource(std::vector<std::size_t> points, std::size_t assigned) : points_(std::move(points)) {
  counts_.assigned = assigned;
  counts_.to_run = points_.size();
  counts_.already_complete = assigned - points_.size();
}

std::optional<std::size_t> ListSource::next(const std::optional<PointOutcome>& finished) {
  if (finished) counts_.add(*finished);
  if (next_ == points_.size()) return std::nullopt;
  return points_[next_++];
}

SweepCounts run_sweep(const SweepDefinition& sweep, SweepDirectory& directory, PointSource& source,
                      const SweepOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  std::optional<PointOutcome> finished;
  try {
    while (const auto point = source.next(finished)) {
      finished = run_point(sweep, directory, source, *point, options, started);
      if (source.coordinator()) directory.refresh_manifest();
      if (options.point_finished) options.point_finished(*finished);
    }
  } catch (const Interrupted&) {
    if (source.coordinator()) directory.refresh_manifest(true);
    throw;
  }
  if (source.coordinator()) directory.refresh_manifest(true);
  return source.counts();
}

}  // namespace ittsim
