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
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

#include <array>

namespace ittsim {

struct PlacementWeek {
  std::int64_t places_offered = 0;  // places of willing schools' mentors, taken or free
  std::int64_t on_placement = 0;
  std::int64_t unplaced = 0;
  std::int64_t first_time_unplaced = 0;
  std::int64_t new_partnerships = 0;
  // Placement weeks demanded (placed or not) and filled, by the trainee's region and phase.
  std::array<std::int64_t, region_count> demanded_by_region{};
  std::array<std::int64_t, region_count> filled_by_region{};
  std::array<std::int64_t, 3> demanded_by_phase{};
  std::array<std::int64_t, 3> filled_by_phase{};
};

enum class Regime : std::int64_t { competition = 0, collaboration = 1 };

// The utility a school sees in hosting trainees this year; it hosts with probability
// logistic(utility). Public so that tests can check each term on its own.
double hosting_utility(const World& world, const Parameters& parameters, SchoolId school);

// The coordination cost of a school's providers: each beyond the first adds its prescriptiveness.
double coordination_cost(const World& world, const Parameters& parameters, SchoolId school);

// Week 0: each school's hosting decision for the year; clears last year's hosting records.
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
