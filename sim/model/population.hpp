#pragma once
// Population synthesis: schools and their teacher posts, providers and the initial
// partnership graph, all at the size the scenario sets.

#include "sim/core/random_stream.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"
#include "sim/params/regions.hpp"

#include <array>
#include <vector>

namespace ittsim {


World synthesise_population(const Parameters& parameters, const RandomStreams& streams);

// A region drawn with the shares of the simulated regions.
Region draw_simulated_region(RandomStream& rng, const PopulationParameters& population);

// The key of a synthesis stream: the entity within the world of the simulated regions, so
// that worlds of different regions differ even where their ids coincide.
inline StreamKey synthesis_key(const PopulationParameters& population, std::uint64_t entity) {
  return StreamKey::member(static_cast<std::uint32_t>(population.regions), entity);
}

// Whole years of experience of a teacher already in post: exponential with the scenario's
// mean, truncated below retirement. Also used for returners filling vacancies.
std::int32_t draw_experience(RandomStream& rng, const Parameters& parameters);

// A new mentor's style, 0 judgemental ... 1 developmental.
double draw_mentoring_style(RandomStream& rng, const Parameters& parameters);

// The scenario's pupil-teacher ratio for a phase.
double pupils_per_teacher(const PopulationParameters& population, Phase phase);

// Teacher posts a school of this many pupils needs.
std::int32_t posts_needed(std::int32_t pupils, double pupils_per_teacher_ratio);

// The number of teacher post slots synthesis will create, expected over school sizes: each
// phase's schools × mean pupils / pupils per teacher × (1 + post headroom). Memory grows
// with it, so runs are sized by it before anything is built.
double expected_teacher_posts(const PopulationParameters& population);
// The same for the scenario's schools: with a school list, the post slots its schools get.
double expected_teacher_posts(const Parameters& parameters);

// The regions' weights in the schools: the simulated regions' shares of England's schools, or
// with a school list the count of its schools in each region.
std::array<double, region_count> school_region_shares(const Parameters& parameters);

// The fraction of England the scenario's schools stand for, by which every national count
// (providers, recruitment, hubs, funded networks) is multiplied: england_fraction of the
// population parameters, or with a school list its schools over England's
// (population.primary_schools + secondary_schools + special_schools), so that a list of part
// of England gets that part's trainees and providers.
double england_fraction(const Parameters& parameters);

// Regions for count agents of one kind, in proportion to the regions' weights in the schools
// (school_region_shares; largest remainders), in region order.
std::vector<Region> regional_quotas(std::int64_t count, const Parameters& parameters);

// Distance-learning HEIs and Teach First work with schools in every region.
bool is_national(ProviderType type) noexcept;

}  // namespace ittsim
