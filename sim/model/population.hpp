#pragma once
// Population synthesis: schools and their teacher posts, providers and the initial
// partnership graph, all at the size the scenario sets.

#include "sim/core/random_stream.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

namespace ittsim {

// Shares of schools and providers by region (DfE school census 2023/24, rounded).
inline constexpr std::array<double, region_count> region_shares{0.05, 0.14, 0.10, 0.09, 0.11,
                                                                0.12, 0.12, 0.16, 0.11};

World synthesise_population(const Parameters& parameters, const RandomStreams& streams);

// Whole years of experience of a teacher already in post: exponential with the scenario's
// mean, truncated below retirement. Also used for returners filling vacancies.
std::int32_t draw_experience(RandomStream& rng, const Parameters& parameters);

}  // namespace ittsim
