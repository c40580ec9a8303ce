#pragma once
// The placement market. Each September schools decide whether to host, weighing benefits
// against costs; each week, before the weekly updates, trainees who have finished a block
// leave their school and those who need a placement are matched to a mentor of their phase
// and subject with a free place, in a school within the phase's travel distance of the
// trainee's home: an employed trainee's own school first, then the provider's partners
// (home schools first), then beyond them, which forms a new partnership. Under competition,
// providers are served in order of reputation and search at random among the schools within
// reach; with the collaboration lever's clearing-house, trainees are served by need and
// offered the school within reach with most free places.
// A trainee left without a placement for too long withdraws.

#include "sim/core/random_stream.hpp"
#include "sim/model/indicators.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

#include <array>

namespace ittsim {

struct PlacementWeek {
  // Places offered after the market, by the school's region and phase: willing schools' mentors' places,
  // taken or free, and every place taken elsewhere, so never fewer than on_placement.
  RegionPhaseCounts offered;
  // Trainees on placement and trainees waiting for one after the market, by region and phase.
  RegionPhaseCounts on_placement;
  RegionPhaseCounts unplaced;
  std::int64_t first_time_unplaced = 0;
  std::int64_t new_partnerships = 0;
  // Schools asked for a placement (within reach, of the trainee's region and phase, its own
  // employer excluded) and those that granted one, by the school's region and phase.
  RegionPhaseCounts requests;
  RegionPhaseCounts requests_granted;
  std::array<std::int64_t, travel_distance_bands> placements_by_travel_distance{};
  // Places offered and filled by the school's local authority; needed (on placement or
  // unplaced) by the authority of the trainee's home.
  LocalAuthorityCounts offered_by_authority{};
  LocalAuthorityCounts filled_by_authority{};
  LocalAuthorityCounts demanded_by_authority{};

  PlacementWeek& operator+=(const PlacementWeek& other) noexcept {
    offered += other.offered;
    on_placement += other.on_placement;
    unplaced += other.unplaced;
    first_time_unplaced += other.first_time_unplaced;
    new_partnerships += other.new_partnerships;
    requests += other.requests;
    requests_granted += other.requests_granted;
    for (std::size_t band = 0; band < travel_distance_bands; ++band)
      placements_by_travel_distance[band] += other.placements_by_travel_distance[band];
    add_counts(offered_by_authority, other.offered_by_authority);
    add_counts(filled_by_authority, other.filled_by_authority);
    add_counts(demanded_by_authority, other.demanded_by_authority);
    return *this;
  }
};

// What a school's posts add up to for the hosting decision.
struct SchoolStaffing {
  std::int32_t established_posts = 0;
  std::int32_t mentors = 0;  // in post
  double mentor_capacity = 0;
  double ect_load = 0;  // mentoring load of the early-career teachers its mentors induct
  // Market Review training its mentors need this year, all providers counted, summed over
  // mentors: in all, and the part the grant does not pay for (each mentor's beyond the grant).
  double training_hours = 0;
  double unfunded_training_hours = 0;
  bool has_lead_mentor = false;
};
SchoolStaffing staffing_of(const World& world, const Parameters& parameters, SchoolId school);

// The utility a school sees in hosting trainees this year; a school with a mentor hosts
// with probability logistic(utility). Public so that tests can check each term on its own.
double hosting_utility(const World& world, const Parameters& parameters, SchoolId school, const SchoolStaffing& staffing);
double hosting_utility(const World& world, const Parameters& parameters, SchoolId school);

// The Market Review's share of the hosting cost: unfunded mentor training, mentoring time
// above the old norm, and training a lead mentor where one is required.
double review_cost(const Parameters& parameters, const PolicyInForce& policy, const SchoolStaffing& staffing);

// Market Review training a mentor needs this year: the initial training if never trained to
// the review's standard, the refresher the year after; `content` once, `hours` repeated in
// part for each provider beyond the first.
double review_training_content(const World& world, TeacherId mentor);
double review_training_hours(const World& world, const Parameters& parameters, TeacherId mentor);

// The coordination cost of a school's providers: each beyond the first adds its prescriptiveness.
double coordination_cost(const World& world, const Parameters& parameters, SchoolId school);

// Week 0: each school's hosting decision for the year (no mentor, no hosting); clears last
// year's hosting records. Under the Market Review a hosting school trains its mentors and,
// where required, a lead mentor. Returns the mentor-training grant paid (GBP).
double decide_hosting(World& world, const Parameters& parameters, const RandomStreams& streams, const Clock& clock);

// September, once hosting is decided: indexes the year's mentors (world.mentor_posts) and
// counts each school's free mentor places, which the market then keeps up to date. Throws
// std::logic_error if a trainee still holds a place from the year before.
void prepare_placement_year(World& world, const Parameters& parameters);

// Indexes the schools in squares of the British National Grid (world.school_grid), unless
// already done with the same squares: schools never move, but a world restored from a
// checkpoint has no index.
void build_school_grid(World& world, const Parameters& parameters);

// Lists each provider's partner schools of each region and phase (world.local_partners) from
// the partnerships as they stand: each September, and wherever they are read after the year
// end has changed them.
void list_local_partners(World& world);

// Weekly, before the weekly updates: trainees who finished a block, left or whose placement
// period is over are released, then each region's market runs (in parallel: trainees are
// placed in their own region), in priority order within the region.
PlacementWeek run_placement_market(World& world, const Parameters& parameters, const RandomStreams& streams,
                                   const Clock& clock);

// Year end: HEIs drop some satellite partnerships that hosted none of their trainees.
struct PartnershipChanges {
  std::int64_t dropped = 0;
  std::int64_t recruited = 0;
};
PartnershipChanges review_partnerships(World& world, const Parameters& parameters, const RandomStreams& streams,
                                       const Clock& clock);

// The furthest a trainee of the phase travels from home to a placement (special schools, which
// never host, take primary's), and whether a school lies within it of the trainee's home.
// Both scaled to the world's population.scale (geography.hpp: scaled_km).
double max_travel_km(const Parameters& parameters, Phase phase) noexcept;
bool within_travel_distance(const World& world, const Parameters& parameters, TraineeId trainee, SchoolId school) noexcept;

// Placement weeks a trainee must complete (the Market Review may lengthen the second block) in block 0 or 1, and the earliest week it may start.
std::int64_t block_weeks(const PolicyInForce& policy, std::int32_t block);
std::int64_t block_start_week(const PlacementParameters& placement, std::int32_t block);

}  // namespace ittsim
