#pragma once
// One replicate of a scenario, advanced one school week at a time. step() is the whole
// schedule: read it to know the order in which things happen (docs/ODD.md §3 explains why).

#include "sim/core/random_stream.hpp"
#include "sim/model/indicators.hpp"
#include "sim/model/phase_times.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

#include <vector>

namespace ittsim {

// What a replicate carries from one academic year into the next, and so what a checkpoint
// saves: the rest of a Simulation is reset each September or is the closed year's output.
struct YearBoundaryState {
  World world;
  Clock clock;
  // Newly qualified teachers who started in each academic year of the run, for retention.
  std::vector<std::int64_t> cohort_sizes;
  // For each such cohort (by row), how many were in service 1 ... retention_curve_years years
  // on (cohort_sizes.size() × retention_curve_years).
  std::vector<std::int64_t> cohort_retained;
};

class Simulation {
 public:
  Simulation(const Parameters& parameters, std::uint64_t replicate);
  // Continues a replicate from the state it had at the end of an academic year. Throws
  // InputError if the state is not at a year's end within the run, or does not fit parameters.
  Simulation(const Parameters& parameters, std::uint64_t replicate, YearBoundaryState state);

  // Runs the next week. Parallel phases use the calling thread's oneTBB arena.
  void step();

  bool finished() const noexcept { return clock_.absolute_week >= total_weeks(); }
  // True right after the step that closed an academic year.
  bool year_completed() const noexcept { return clock_.absolute_week > 0 && clock_.week_of_year == 0; }
  int total_weeks() const noexcept { return static_cast<int>(parameters_.run.years) * weeks_per_year; }
  int weeks_done() const noexcept { return clock_.absolute_week; }

  // The rows of the academic year just completed (valid when year_completed()).
  const YearlyIndicators& last_year() const noexcept { return last_year_; }
  const std::vector<WeeklyIndicators>& last_year_weeks() const noexcept { return last_year_weeks_; }
  const YearlyBreakdowns& last_year_breakdowns() const noexcept { return last_breakdowns_; }
  const YearlyDistributions& last_year_distributions() const noexcept { return last_distributions_; }
  const YearlyByLocalAuthority& last_year_by_authority() const noexcept { return last_by_authority_; }
  const std::vector<WeeklyBreakdowns>& last_year_weekly_breakdowns() const noexcept { return last_weekly_breakdowns_; }

  const World& world() const noexcept { return world_; }
  const Clock& clock() const noexcept { return clock_; }
  const std::vector<std::int64_t>& cohort_sizes() const noexcept { return cohort_sizes_; }
  const std::vector<std::int64_t>& cohort_retained() const noexcept { return cohort_retained_; }
  // Every cohort that started during the run, with its retention so far.
  CohortRetention cohort_retention() const;
  const Parameters& parameters() const noexcept { return parameters_; }

  // From now on, step() adds the time of each of its phases to times (nullptr: no timing).
  void time_phases(PhaseTimes* times) noexcept { phase_times_ = times; }

 private:
  void start_academic_year();
  void collect_week(const PlacementWeek& placement);
  void close_academic_year();
  void count_trainee_outcomes();
  void measure_retention();
  void describe_networks_and_schools();

  Parameters parameters_;
  RandomStreams streams_;
  World world_;
  Clock clock_;
  YearlyIndicators year_;
  YearlyBreakdowns breakdowns_;
  YearlyDistributions distributions_;
  YearlyByLocalAuthority by_authority_;
  std::vector<WeeklyIndicators> weeks_;
  std::vector<WeeklyBreakdowns> weekly_breakdowns_;
  // Reused each week for the trainees' quantiles.
  std::vector<double> competence_scratch_;
  std::vector<double> wellbeing_scratch_;
  double mentor_load_sum_ = 0;  // over placement weeks with any mentor load
  int mentor_load_weeks_ = 0;
  double primary_hosting_sum_ = 0;  // trainees per hosting primary school, summed over placement weeks
  int primary_hosting_weeks_ = 0;
  double public_cost_gbp_ = 0;  // this year's spending on the levers
  std::vector<std::int64_t> cohort_sizes_;     // as YearBoundaryState::cohort_sizes
  std::vector<std::int64_t> cohort_retained_;  // as YearBoundaryState::cohort_retained
  YearlyIndicators last_year_;
  YearlyBreakdowns last_breakdowns_;
  YearlyDistributions last_distributions_;
  YearlyByLocalAuthority last_by_authority_;
  std::vector<WeeklyBreakdowns> last_weekly_breakdowns_;
  std::vector<WeeklyIndicators> last_year_weeks_;
  PhaseTimes* phase_times_ = nullptr;
};

}  // namespace ittsim
