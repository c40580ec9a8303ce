#pragma once
// The placement market. Each September schools decide whether to host, weighing benefits
// against costs; each week, before the weekly updates, trainees who have finished a block
// leave their school and those who need a placement are matched to a mentor of their phase
// and subject with a free place: an employed trainee's own school first, then the
// provider's partners (home schools first), then beyond them, which forms a new
// partnership. Under competition, providers are served in order of reputation and search
// at random; under collaboration, a regional clearing-house serves trainees by need.
// A trainee left without a placement for too long withdraws.

#include "sim/core/random_stream.hpp"
#include "sim/model/indicators.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

#include <array>

namespace ittsim {

struct PlacementWeek {
  std::int64_t places_offered = 0;  // places of willing schools' mentors, taken or free
  // Trainees on placement and trainees waiting for one after the market, by region and phase.
  RegionPhaseCounts on_placement;
  RegionPhaseCounts unplaced;
  std::int64_t first_time_unplaced = 0;
  std::int64_t new_partnerships = 0;
};

enum class Regime : std::int64_t { competition = 0, collaboration = 1 };

// What a school's posts add up to for the hosting decision.
struct SchoolStaffing {
  std::int32_t established_posts = 0;
  std::int32_t mentors = 0;  // in post
  double mentor_capacity = 0;
  double ect_load = 0;  // mentoring load of the early-career teachers its mentors induct
};
SchoolStaffing staffing_of(const World& world, const Parameters& parameters, SchoolId school);

// The utility a school sees in hosting trainees this year; a school with a mentor hosts
// with probability logistic(utility). Public so that tests can check each term on its own.
double hosting_utility(const World& world, const Parameters& parameters, SchoolId school, const SchoolStaffing& staffing);
double hosting_utility(const World& world, const Parameters& parameters, SchoolId school);

// The coordination cost of a school's providers: each beyond the first adds its prescriptiveness.
double coordination_cost(const World& world, const Parameters& parameters, SchoolId school);

// Week 0: each school's hosting decision for the year (no mentor, no hosting); clears last
// year's hosting records.
void decide_hosting(World& world, const Parameters& parameters, const RandomStreams& streams, const Clock& clock);

PlacementWeek run_placement_market(World& world, const Parameters& parameters, const RandomStreams& streams,
                                   const Clock& clock);

// Year end: HEIs drop some satellite partnerships that hosted none of their trainees.
struct PartnershipChanges {
  std::int64_t dropped = 0;
  std::int64_t recruited = 0;
};
PartnershipChanges review_partnerships(World& world, const Parameters& parameters, const RandomStreams& streams,
                                       const Clock& clock);

// Placement weeks a trainee must complete in block 0 or 1, and the earliest week it may start.
std::int64_t block_weeks(const PlacementParameters& placement, std::int32_t block);
std::int64_t block_start_week(const PlacementParameters& placement, std::int32_t block);

}  // namespace ittsim
