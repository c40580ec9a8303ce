#pragma once
// Recruitment: at the start of each academic year every provider recruits a new cohort, by
// route, phase and subject, towards its share of the national targets.

#include "sim/core/random_stream.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

namespace ittsim {

// Expected national intake of one route, phase and subject, after scaling and fill rates.
double expected_intake(const Parameters& parameters, const PolicyInForce& policy, Route route, Phase phase, Subject subject);

// Whether a provider of this type trains on this route.
bool offers_route(ProviderType type, Route route) noexcept;

// Replaces last year's trainees with this year's cohort; returns the number recruited.
std::int64_t recruit_cohort(World& world, const Parameters& parameters, const RandomStreams& streams,
                            const Clock& clock);

}  // namespace ittsim
