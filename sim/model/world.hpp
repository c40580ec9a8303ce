#pragma once
// The running state of one replicate: every agent store and the indexes built over them.
// Submodels receive the World, the validated Parameters and the replicate's random streams.

#include "sim/core/agents.hpp"
#include "sim/core/types.hpp"
#include "sim/model/policy.hpp"

#include <array>
#include <vector>

namespace ittsim {

struct World {
  Schools schools;
  Teachers teachers;
  Providers providers;
  Trainees trainees;
  Networks networks;
  // What the levers add up to this academic year (set each September).
  PolicyInForce policy;
  // Schools of each region and phase in id order, for searches beyond a provider's partners.
  std::array<std::array<std::vector<SchoolId>, 3>, region_count> schools_by_region_phase;
};

// Where the simulation stands: the week within the academic year and the absolute week
// since the start of the run, which keys every weekly random stream.
struct Clock {
  int week_of_year = 0;
  int absolute_week = 0;
  std::int64_t academic_year = 0;
};

}  // namespace ittsim
