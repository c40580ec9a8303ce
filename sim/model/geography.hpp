#pragma once
// Where schools and providers are, and who runs each school (docs/ODD.md, Geography).

#include "sim/core/random_stream.hpp"
#include "sim/model/indicators.hpp"
#include "sim/model/world.hpp"
#include "sim/params/parameters.hpp"

namespace ittsim {

// Gives every school a local authority of its region, an area type and a location (those of
// the school list when there is one).
void locate_schools(World& world, const Parameters& p, const RandomStreams& streams);
// Gives every provider a base: a SCITT its lead (first home) school's location, an HEI or a
// national provider the centre of a local authority of its region, more often a populous one.
// Needs the schools located and the partnerships formed.
void place_provider_bases(World& world, const Parameters& p, const RandomStreams& streams);
// A school in a multi-academy trust network is run by a multi-academy trust; each other
// school is a single-academy trust with the chance that brings its phase's academies to
// their share (geography.*_academy_share), else maintained. Needs the networks formed. With a
// school list, each school's governance is the list's.
void assign_governance(World& world, const Parameters& p, const RandomStreams& streams);

// Schools other than special schools with no accredited HEI or SCITT based within reach_km
// (cold spots), by region and phase. National providers do not count: they have no local base.
RegionPhaseCounts schools_beyond_provider_reach(const World& world, double reach_km);

// Straight-line distance in km between two points of the British National Grid.
double distance_km(double easting_a, double northing_a, double easting_b, double northing_b);

}  // namespace ittsim
