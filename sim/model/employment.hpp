#pragma once
// Employment at the year end. Pupil numbers change, and schools establish or drop posts to
// match; then new QTS holders are matched to vacancies of their phase and subject. Trainees
// on school-led and employment-based routes look first in their own and their partnership's
// schools; everyone then takes the nearest post within employment.job_search_km of home, and
// some of those with none move for one, within their region first. Returners and other
// entrants fill part of what is left.

#include "sim/core/random_stream.hpp"
#include "sim/model/indicators.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

namespace ittsim {

struct JobMarket {
  RegionPhaseCounts new_teachers;
  std::int64_t other_entrants = 0;
  std::int64_t qts_unemployed = 0;
  RegionPhaseCounts vacancies_unfilled;
  RegionPhaseCounts teachers_in_post;
  LocalAuthorityCounts new_teachers_by_authority{};
  LocalAuthorityCounts vacancies_unfilled_by_authority{};
};

// Applies a year's pupil trend to every school and establishes or drops posts to match.
void adjust_posts_to_pupils(World& world, const Parameters& parameters);

JobMarket run_job_market(World& world, const Parameters& parameters, const RandomStreams& streams, const Clock& clock);

// Whether a trainee on this route looks for a post among its partnership's schools first.
bool prefers_partnership_schools(Route route) noexcept;

}  // namespace ittsim
