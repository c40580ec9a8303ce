#pragma once
// The running state of one replicate: every agent store and the indexes built over them.
// Submodels receive the World, the validated Parameters and the replicate's random streams.

#include "sim/core/agents.hpp"
#include "sim/core/mentor_posts.hpp"
#include "sim/core/types.hpp"
#include "sim/model/policy.hpp"

#include <array>
#include <vector>

namespace ittsim {

// Filled posts outside the mentor index carry no mentoring load all year, so their wellbeing
// follows the weekly relaxation w' = w + r (R - w) in closed form, w_n = R + (1 - r)^n (w_0 - R),
// and teachers.wellbeing is brought up to date only when read, at the year end
// (settle_teacher_wellbeing). Their weekly sum is resting_sum + (1 - r)^n gap_sum.
struct UnloadedWellbeing {
  int weeks_pending = 0;   // n: weeks of relaxation not yet applied to teachers.wellbeing
  std::int64_t posts = 0;  // filled posts outside the mentor index
  double resting_sum = 0;  // their resting values R summed
  double gap_sum = 0;      // their w_0 - R summed, w_0 as of weeks_pending = 0
};

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
  // The mentors in post this academic year (rebuilt each September).
  MentorPosts mentor_posts;
  // Wellbeing of the posts outside mentor_posts, which relaxes in closed form (sim/model/careers.hpp).
  UnloadedWellbeing unloaded_wellbeing;
};

// Where the simulation stands: the week within the academic year and the absolute week
// since the start of the run, which keys every weekly random stream.
struct Clock {
  int week_of_year = 0;
  int absolute_week = 0;
  std::int64_t academic_year = 0;
};

}  // namespace ittsim
