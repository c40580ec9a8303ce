#pragma once
// Where schools and providers are, and who runs each school (docs/ODD.md, Geography).

#include "sim/core/random_stream.hpp"
#include "sim/model/indicators.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

#include <vector>

namespace ittsim {

// A point of the British National Grid, in km.
struct Point {
  double easting_km;
  double northing_km;
};

// A point spread evenly over the disc of radius `radius` km around centre.
Point in_disc(RandomStream& rng, Point centre, double radius);

// Gives every school a local authority of its region, an area type and a location (those of
// the school list when there is one).
void locate_schools(World& world, const Parameters& p, const RandomStreams& streams);
// Gives every provider a base: a SCITT the location of its lead school, drawn among its
// region's primary and secondary schools; an HEI or a national provider a town of a
// local authority of its region, more often a populous one. Needs the schools located; returns
// each SCITT's lead school (no_id for other providers), which partnership synthesis makes the
// SCITT's home school.
std::vector<SchoolId> place_provider_bases(World& world, const Parameters& p, const RandomStreams& streams);
// A school in a multi-academy trust network is run by a multi-academy trust; each other
// school is a single-academy trust with the chance that brings its phase's academies to
// their share (geography.*_academy_share), else maintained. Needs the networks formed. With a
// school list, each school's governance is the list's.
void assign_governance(World& world, const Parameters& p, const RandomStreams& streams);

// Schools other than special schools with no accredited HEI or SCITT based within reach_km
// (cold spots), by region and phase. National providers do not count: they have no local base.
RegionPhaseCounts schools_beyond_provider_reach(const World& world, double reach_km);
// The same cold spots, by region and phase and by local authority.
struct ColdSpots {
  RegionPhaseCounts by_region_phase;
  LocalAuthorityCounts by_authority{};
};
ColdSpots cold_spots(const World& world, double reach_km);

// A distance limit in a world of population.scale: its schools and providers are sparser by
// the scale, so each limit is divided by √scale to keep as many of them within it as England
// has (docs/ODD.md, Geography). Distances themselves stay those of the British National Grid.
double scaled_km(const PopulationParameters& population, double km) noexcept;

// The inverse: a distance in a world of population.scale as the distance in England it stands for.
double england_km(const PopulationParameters& population, double km) noexcept;

// Straight-line distance in km between two points of the British National Grid.
double distance_km(double easting_a, double northing_a, double easting_b, double northing_b);

}  // namespace ittsim
