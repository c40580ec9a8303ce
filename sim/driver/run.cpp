#include "sim/driver/run.hpp"

#include "sim/core/errors.hpp"
#include "sim/driver/resources.hpp"
#include "sim/io/output_file.hpp"
#include "sim/model/simulation.hpp"

#include <fmt/format.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <chrono>

namespace ittsim {

void run_scenario(const Scenario& scenario, const RunOptions& options) {
  if (options.threads < 1) throw InputError(fmt::format("--threads = {}: expected a whole number of at least 1", options.threads));
  check_memory(scenario.parameters());
  const auto started = std::chrono::steady_clock::now();
  Provenance provenance;
  provenance.started_at = utc_now();
  provenance.host = host_name();
  provenance.threads = options.threads;
  provenance.command_line = options.command_line;
  provenance.working_directory = std::filesystem::current_path().string();

  // global_control lifts oneTBB's default cap of one thread per core, so that a requested
  // count above the core count is honoured too; the arena then fixes the count exactly.
  tbb::global_control allowed(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(options.threads));
  tbb::task_arena arena(options.threads);

  const auto& parameters = scenario.parameters();
  const auto replicates = static_cast<std::uint64_t>(parameters.run.replicates);
  OutputFile output(options.output, scenario);
  for (std::uint64_t replicate = 0; replicate < replicates; ++replicate) {
    output.begin_replicate(replicate);
    std::unique_ptr<Simulation> simulation;
    arena.execute([&] { simulation = std::make_unique<Simulation>(parameters, replicate); });
    while (!simulation->finished()) {
      if (options.stop_requested != nullptr && options.stop_requested->load()) {
        throw Interrupted("interrupted; no output was written");
      }
      arena.execute([&] { simulation->step(); });
      if (simulation->year_completed()) output.append_year(replicate, {simulation->last_year(), simulation->last_year_breakdowns(),
                                                              simulation->last_year_distributions(), simulation->last_year_weeks(),
                                                              simulation->last_year_weekly_breakdowns()});
      if (options.progress) {
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
        options.progress({replicate, replicates, simulation->weeks_done(), simulation->total_weeks(), elapsed.count()});
      }
    }
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  provenance.finished_at = utc_now();
  provenance.wall_seconds = elapsed.count();
  output.commit(provenance);
}

}  // namespace ittsim
