#pragma once
// Weekly trainee progress, wellbeing and withdrawal, in parallel over trainees. Each update
// reads the trainee's own state and last week's placement, and writes only that trainee.

#include "sim/core/random_stream.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

namespace ittsim {

void update_trainee_progress(World& world, const Parameters& parameters, const RandomStreams& streams,
                             const Clock& clock);

// Weekly hazard of withdrawal at a given wellbeing: log-linear around the resting wellbeing 0.7.
double withdrawal_hazard(const ProgressParameters& progress, double wellbeing);

}  // namespace ittsim
