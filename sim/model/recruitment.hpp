#pragma once
// Recruitment: at the start of each academic year every provider recruits a new cohort.

#include "sim/core/random_stream.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

namespace ittsim {

// Replaces last year's trainees with this year's cohort; returns the number recruited.
std::int64_t recruit_cohort(World& world, const Parameters& parameters, const RandomStreams& streams,
                            const Clock& clock);

}  // namespace ittsim
