#pragma once
// Assessment for QTS. In the assessment week a trainee who has completed both placement
// blocks with competence at the threshold gains QTS; one who has completed both and is
// within the extension margin below it gets an extension of a few school weeks and a second
// assessment; any other active trainee fails. At the end of the extension, the threshold
// decides between QTS and a fail.

#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

namespace ittsim {

void assess_trainees(World& world, const Parameters& parameters, const Clock& clock);

// The week of the second assessment, for trainees on an extension.
int extension_assessment_week(const ProgressParameters& progress);

}  // namespace ittsim
