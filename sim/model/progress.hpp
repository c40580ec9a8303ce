#pragma once
// Weekly trainee progress, wellbeing and withdrawal, in parallel over trainees. Each update
// reads the trainee's own state, its mentor and school as the market left them this week,
// and writes only that trainee.

#include "sim/core/random_stream.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

namespace ittsim {

void update_trainee_progress(World& world, const Parameters& parameters, const RandomStreams& streams,
                             const Clock& clock);

// Weekly hazard of withdrawal: log-linear in wellbeing around 0.7 and in how far the trainee
// is behind the expected trajectory (threshold × week / assessment week).
double withdrawal_hazard(const ProgressParameters& progress, double wellbeing, double competence_behind);

// Competence a trainee is expected to have reached by a week of the programme.
double expected_competence(const ProgressParameters& progress, int week_of_year);

}  // namespace ittsim
