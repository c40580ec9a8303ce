#include "sim/driver/run.hpp"

#include "sim/core/errors.hpp"
#include "sim/driver/resources.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "sim/io/command_line.hpp"
#include "sim/io/file_lock.hpp"
#include "sim/io/output_file.hpp"
#include "sim/model/simulation.hpp"
#include "sim/params/schools_file.hpp"

#include <fmt/format.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <optional>
#include <system_error>

namespace ittsim {
namespace {

namespace fs = std::filesystem;

// Where the replicate loop starts: at a replicate's beginning, or inside one from a checkpoint.
struct RunStart {
  std::uint64_t replicate = 0;
  std::int64_t years_done = 0;
  std::unique_ptr<Simulation> simulation;  // the replicate in progress, if any
  std::string resumed_from;
};

// Writes a checkpoint every `every` years into folder and keeps only the newest there. The
// newest is removed when the run completes: the output then holds everything it held. The
// folder is this run's alone while it runs.
class Checkpointer {
 public:
  Checkpointer(int every, fs::path folder, std::vector<fs::path> existing, const fs::path& output)
      : every_(every), folder_(std::move(folder)), previous_(std::move(existing)) {
    if (every_ <= 0) return;
    // The clean-up removes files in the folder: an output there could be one of them.
    check_output_path(output, {}, {{folder_, "the checkpoint folder"}});
    std::error_code error;
    fs::create_directories(folder_, error);
    if (error) throw OutputError(fmt::format("cannot create checkpoint folder {}: {}", folder_.string(), error.message()));
    if (access(folder_.c_str(), W_OK) != 0) throw OutputError(fmt::format("cannot write to checkpoint folder {}", folder_.string()));
    const fs::path lock_path = folder_ / "ittsim.lock";
    auto acquired = FileLock::try_acquire(lock_path);
    if (!acquired) {
      throw InputError(fmt::format("checkpoint folder {} is in use by another run of ittsim (which holds {}): give each "
                                   "run its own --checkpoint-dir",
                                   folder_.string(), lock_path.string()));
    }
    lock_.emplace(std::move(*acquired));
    // What a killed run was writing when it died: never complete, never resumed from.
    for (const auto& entry : fs::directory_iterator(folder_, error)) {
      const auto name = entry.path().filename().string();
      if (name.starts_with("checkpoint_") && name.ends_with(".h5.part")) fs::remove(entry.path(), error);
    }
  }

  bool due(std::int64_t years_done) const { return every_ > 0 && years_done % every_ == 0; }
  // The newest checkpoint there is to resume from, or none.
  std::optional<fs::path> latest() const {
    if (previous_.empty()) return std::nullopt;
    return previous_.back();
  }

  // simulation is the replicate in progress, or null when `replicate` starts afresh.
  void write(const Scenario& scenario, std::uint64_t replicate, std::int64_t years_done, const Simulation* simulation,
             const OutputFile& output) {
    const fs::path path = folder_ / checkpoint_file_name(years_done);
    write_checkpoint(path, scenario, {replicate, years_done, every_}, simulation, output);
    remove_previous();
    previous_ = {path};
  }

  void run_completed() { remove_previous(); }

 private:
  void remove_previous() {
    std::error_code ignored;
    for (const auto& path : previous_) fs::remove(path, ignored);
    previous_.clear();
  }

  int every_;
  fs::path folder_;
  std::vector<fs::path> previous_;  // this run's checkpoints that a newer one supersedes
  std::optional<FileLock> lock_;
};

void check_threads(const RunOptions& options) {
  if (options.threads < 1) throw InputError(fmt::format("--threads = {}: expected a whole number of at least 1", options.threads));
}

// Every replicate from start on, writing each completed year to output, then commits it.
void run_replicates(const Scenario& scenario, OutputFile& output, RunStart start, Checkpointer& checkpoints,
                    const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  Provenance provenance;
  provenance.started_at = utc_now();
  provenance.host = host_name();
  provenance.threads = options.threads;
  provenance.command_line = options.command_line;
  provenance.working_directory = fs::current_path().string();
  provenance.resumed_from = start.resumed_from;
  if (const auto& list = scenario.parameters().school_list) {
    provenance.schools_file = list->path;
    provenance.schools_file_sha256 = list->sha256;
    provenance.schools_file_report = list->report();
  }

  // global_control lifts oneTBB's default cap of one thread per core, so that a requested
  // count above the core count is honoured too; the arena then fixes the count exactly.
  tbb::global_control allowed(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(options.threads));
  tbb::task_arena arena(options.threads);

  const auto& parameters = scenario.parameters();
  const auto replicates = static_cast<std::uint64_t>(parameters.run.replicates);
  std::int64_t years_done = start.years_done;
  for (std::uint64_t replicate = start.replicate; replicate < replicates; ++replicate) {
    PhaseClock phase_clock(options.phase_times);
    output.begin_replicate(replicate);
    phase_clock.lap(&PhaseTimes::output);
    std::unique_ptr<Simulation> simulation = std::move(start.simulation);
    if (!simulation) {
      arena.execute([&] { simulation = std::make_unique<Simulation>(parameters, replicate); });
      phase_clock.lap(&PhaseTimes::synthesis);
      output.write_geography(replicate, simulation->world().schools, simulation->world().providers);
      phase_clock.lap(&PhaseTimes::output);
    }
    phase_clock.lap(&PhaseTimes::synthesis);
    simulation->time_phases(options.phase_times);
    while (!simulation->finished()) {
      if (options.stop_requested != nullptr && options.stop_requested->load()) {
        const auto latest = checkpoints.latest();
        throw Interrupted(latest ? fmt::format("interrupted; no output was written; continue from the newest checkpoint "
                                               "with `ittsim resume {} -o {}`",
                                               latest->string(), options.output.string())
                                 : "interrupted; no output was written");
      }
      arena.execute([&] { simulation->step(); });
      if (options.after_step) options.after_step(*simulation);
      if (simulation->year_completed()) {
        PhaseClock output_clock(options.phase_times);
        output.append_year(replicate, {simulation->last_year(), simulation->last_year_breakdowns(),
                                       simulation->last_year_distributions(), simulation->last_year_by_authority(),
                                       simulation->last_year_weeks(), simulation->last_year_weekly_breakdowns()});
        ++years_done;
        const bool replicate_done = simulation->finished();
        // Before any checkpoint, which saves the output as it stands.
        if (replicate_done) output.write_cohorts(replicate, simulation->cohort_retention());
        output_clock.lap(&PhaseTimes::output);
        const bool run_done = replicate_done && replicate + 1 == replicates;
        if (!run_done && checkpoints.due(years_done)) {
          checkpoints.write(scenario, replicate_done ? replicate + 1 : replicate, years_done,
                            replicate_done ? nullptr : simulation.get(), output);
        }
      }
      if (options.progress) {
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
        options.progress({replicate, replicates, simulation->weeks_done(), simulation->total_weeks(), elapsed.count()});
      }
    }
    PhaseClock output_clock(options.phase_times);
    output.end_replicate(replicate);
    output_clock.lap(&PhaseTimes::output);
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  provenance.finished_at = utc_now();
  provenance.wall_seconds = elapsed.count();
  PhaseClock output_clock(options.phase_times);
  output.commit(provenance);
  output_clock.lap(&PhaseTimes::output);
  checkpoints.run_completed();
}

}  // namespace

void run_scenario(const Scenario& scenario, const RunOptions& options) {
  check_threads(options);
  if (options.checkpoint_every < 0) {
    throw InputError(fmt::format("--checkpoint-every = {}: expected a whole number of years, 0 for none", options.checkpoint_every));
  }
  if (options.checkpoint_every > 0 && options.checkpoint_dir.empty()) {
    throw InputError("--checkpoint-every: expected --checkpoint-dir DIR too, the folder for the checkpoints");
  }
  if (options.checkpoint_every == 0 && !options.checkpoint_dir.empty()) {
    throw InputError("--checkpoint-dir: expected --checkpoint-every Y too, the years between checkpoints");
  }
  check_memory(scenario.parameters(), options.checkpoint_every > 0);
  Checkpointer checkpoints(options.checkpoint_every, options.checkpoint_dir, {}, options.output);
  if (options.checkpoint_every > 0) {
    const auto existing = checkpoints_in(options.checkpoint_dir);
    if (!existing.empty()) {
      throw InputError(fmt::format("checkpoint folder {} already holds {}: continue that run with `ittsim resume {} -o "
                                   "OUT.h5`, or choose an empty folder",
                                   options.checkpoint_dir.string(), existing.back().filename().string(),
                                   options.checkpoint_dir.string()));
    }
  }
  OutputFile output(options.output, scenario);
  run_replicates(scenario, output, RunStart{}, checkpoints, options);
}

fs::path checkpoint_to_resume(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return path;
  const auto found = checkpoints_in(path);
  if (found.empty()) throw InputError(fmt::format("{}: no checkpoint (checkpoint_*.h5) in this folder", path.string()));
  return found.back();
}

void resume_run(const fs::path& checkpoint_path, const RunOptions& options, const Scenario* expected) {
  check_threads(options);
  const fs::path path = checkpoint_to_resume(checkpoint_path);
  const fs::path saved_in = path.has_parent_path() ? path.parent_path() : fs::path(".");
  RunStart start;
  start.resumed_from = path.string();
  std::unique_ptr<OutputFile> output;
  std::optional<Scenario> scenario;
  std::optional<Checkpointer> checkpoints;
  {
    Checkpoint checkpoint = read_checkpoint(path);
    check_output_path(options.output, {}, {{saved_in, "the checkpoint folder"}});
    scenario = checkpoint.scenario;
    if (expected != nullptr && expected->values_text() != scenario->values_text()) {
      throw InputError(fmt::format("{}: a checkpoint of another scenario ('{}', whose parameters differ from those of "
                                   "'{}' given here); resume it without --scenario, or run '{}' afresh",
                                   path.string(), scenario->name(), expected->name(), expected->name()));
    }
    const int every = options.checkpoint_every < 0 ? static_cast<int>(checkpoint.position.checkpoint_every)
                                                   : options.checkpoint_every;
    const fs::path folder = options.checkpoint_dir.empty() ? saved_in : options.checkpoint_dir;
    // Checkpoints in the folder resumed from, this one among them, are this run's own: a newer
    // one supersedes them, and completing the run removes them.
    std::vector<fs::path> superseded;
    if (every > 0 && fs::weakly_canonical(folder) == fs::weakly_canonical(saved_in)) superseded = checkpoints_in(folder);
    checkpoints.emplace(every, folder, std::move(superseded), options.output);
    // Before the agent stores are read: they are the population this run would build.
    check_memory(scenario->parameters(), true);
    start.replicate = checkpoint.position.replicate;
    start.years_done = checkpoint.position.years_done;
    if (auto state = checkpoint.read_state()) {
      try {
        start.simulation = std::make_unique<Simulation>(scenario->parameters(), start.replicate, std::move(*state));
      } catch (const InputError& error) {
        throw InputError(fmt::format("{}: damaged checkpoint: {}", path.string(), error.what()));
      }
    }
    output = std::make_unique<OutputFile>(options.output, checkpoint.output);
  }
  run_replicates(*scenario, *output, std::move(start), *checkpoints, options);
}

}  // namespace ittsim
