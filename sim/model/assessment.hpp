#pragma once
// Assessment for QTS in the programme's assessment week: a trainee who has completed both
// placement blocks with competence at the threshold gains QTS; any other active trainee fails.

#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

namespace ittsim {

void assess_trainees(World& world, const Parameters& parameters, const Clock& clock);

}  // namespace ittsim
