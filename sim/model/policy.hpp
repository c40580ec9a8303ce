#pragma once
// The policy in force in one academic year: what the scenario's levers, with their start
// years, add up to. Computed each September from the immutable parameters, so submodels ask
// "what applies now" in one place rather than each comparing start years.

#include "sim/params/parameters.hpp"

#include <cstdint>

namespace ittsim {

struct PolicyInForce {
  std::int64_t academic_year = 0;  // the year this applies to
  // The ITT Market Review (MODEL.md §6).
  bool market_review = false;
  double mentor_initial_training_hours = 0;
  double mentor_refresher_training_hours = 0;
  bool lead_mentor_required = false;
  double lead_mentor_training_hours = 0;
  double mentoring_hours_per_trainee = 0;  // the norm, raised by a minimum
  std::int64_t first_block_weeks = 0;
  std::int64_t second_block_weeks = 0;
  std::int64_t itap_weeks = 0;
  bool reaccreditation_this_year = false;
  bool mentor_funding = false;
  double funded_training_hours = 0;
  // Accountability: 0 each school alone ... 1 groups together, and its strength.
  double group_accountability = 0;
  double accountability_strength = 1;
  // Collaboration in the placement market.
  bool clearing_house = false;
  bool common_paperwork = false;
  // A funded network programme starts this September.
  bool network_programme_starts = false;
  // Mentoring culture.
  bool developmental_training = false;
  double protected_hours = 0;
  // Recruitment.
  double primary_target_factor = 1;
  double secondary_target_factor = 1;
  double bursary_uplift = 0;
  double bursary_gbp = 0;
};

// True when a lever with this start year (0: off) applies in the academic year.
constexpr bool lever_applies(std::int64_t start_year, std::int64_t academic_year) noexcept {
  return start_year != 0 && academic_year >= start_year;
}

// The academic year in which a lever's one-off event happens (re-accreditation, a funded
// network programme, training mentors in developmental mentoring): its start year, or the
// first simulated year for a lever that started before the run.
constexpr bool lever_starts(std::int64_t start_year, std::int64_t run_start_year, std::int64_t academic_year) noexcept {
  return start_year != 0 && academic_year == (start_year > run_start_year ? start_year : run_start_year);
}

PolicyInForce policy_in_force(const Parameters& parameters, std::int64_t academic_year);

// Share of a mentor's weekly mentoring time that protected time covers (0 ... 1).
double protected_time_relief(const PolicyInForce& policy);

}  // namespace ittsim
