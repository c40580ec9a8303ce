#pragma once
// The placement market. Each September schools decide whether to host; each week, before the
// weekly updates, trainees who have finished a block leave their school and those who need a
// placement are matched to a mentor with a free place: their provider's partners first (home
// schools first), then a bounded search of their region's schools that forms a new
// partnership. A trainee left without a placement for too long withdraws.
//
// The matching is sequential, in an order drawn afresh each week from per-trainee streams,
// because trainees compete for the same places; everything else here is parallel.

#include "sim/core/random_stream.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

namespace ittsim {

struct PlacementWeek {
  std::int64_t places_offered = 0;    // places of willing schools' mentors, taken or free
  std::int64_t on_placement = 0;
  std::int64_t unplaced = 0;
  std::int64_t first_time_unplaced = 0;
  std::int64_t new_partnerships = 0;
};

// Week 0: each school's hosting decision for the year; clears last year's hosting records.
void decide_hosting(World& world, const Parameters& parameters, const RandomStreams& streams, const Clock& clock);

PlacementWeek run_placement_market(World& world, const Parameters& parameters, const RandomStreams& streams,
                                   const Clock& clock);

// Placement weeks a trainee must complete in block 0 or 1, and the earliest week it may start.
std::int64_t block_weeks(const PlacementParameters& placement, std::int32_t block);
std::int64_t block_start_week(const PlacementParameters& placement, std::int32_t block);

}  // namespace ittsim
