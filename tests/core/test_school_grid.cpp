#include "sim/core/school_grid.hpp"
#include "sim/core/random_stream.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <vector>

using namespace ittsim;

TEST_CASE("the school grid yields every school within the radius once, in its region and phase, and the nearest of them", "[geography]") {
  Schools schools;
  RandomStream rng = RandomStreams(7, 0).stream(Purpose::school_location, 0, 0);
  for (int n = 0; n < 3000; ++n) {
    const auto region = static_cast<Region>(n % 2 == 0 ? 0 : 6);
    const auto phase = static_cast<Phase>(n % 3);
    const SchoolId id = schools.add(phase, region, 200, 0, 0);
    // A dense town and a sparse hinterland, so that squares hold from none to many schools.
    const double spread = n % 4 == 0 ? 8.0 : 120.0;
    schools.easting_km[id] = 400 + spread * (rng.uniform() - 0.5);
    schools.northing_km[id] = 300 + spread * (rng.uniform() - 0.5);
  }
  // A layer of one school: the secondary schools of the South West.
  const SchoolId lone = schools.add(Phase::secondary, Region::south_west, 900, 0, 0);
  schools.easting_km[lone] = 300;
  schools.northing_km[lone] = 200;
  SchoolGrid grid;
  CHECK_FALSE(grid.built_for(schools, 5.0));
  grid.build(schools, 5.0);
  CHECK(grid.built_for(schools, 5.0));
  CHECK_FALSE(grid.built_for(schools, 6.0));
  // Radii of 7, 4 and 16 squares (the most a search may span).
  const std::array<double, 3> radius_km{35, 20, 16 * 5.0};
  int checked_within = 0;
  for (int query = 0; query < 200; ++query) {
    // Points inside the schools' extent and well outside it.
    const double easting = 250 + 300 * rng.uniform();
    const double northing = 150 + 300 * rng.uniform();
    for (const auto region : {Region::north_east, Region::london, Region::south_west}) {
      for (const auto phase : {Phase::primary, Phase::secondary, Phase::special}) {
        const double radius = radius_km[static_cast<std::size_t>(phase)];
        std::size_t spans = 0;
        std::multiset<SchoolId> found;
        grid.for_each_span(region, phase, easting, northing, radius, [&](std::span<const SchoolId> span) {
          ++spans;
          for (const SchoolId school : span) {
            REQUIRE(schools.region[school] == region);
            REQUIRE(schools.phase[school] == phase);
            found.insert(school);
          }
        });
        REQUIRE(spans <= SchoolGrid::max_spans);
        // The nearest school with an even id, against a search over every school.
        const auto even = [](SchoolId school) { return school % 2 == 0; };
        SchoolId nearest = no_id;
        double nearest_distance = radius;
        for (SchoolId school = 0; school < schools.size(); ++school) {
          if (schools.region[school] != region || schools.phase[school] != phase) continue;
          const double distance = std::hypot(schools.easting_km[school] - easting, schools.northing_km[school] - northing);
          if (distance <= radius) {
            ++checked_within;
            REQUIRE(found.count(school) == 1);
            if (even(school) && (distance < nearest_distance || (distance == nearest_distance && (nearest == no_id || school < nearest)))) {
              nearest = school;
              nearest_distance = distance;
            }
          }
          REQUIRE(found.count(school) <= 1);
        }
        CHECK(grid.nearest(schools, region, phase, easting, northing, radius, even) == nearest);
      }
    }
  }
  CHECK(checked_within > 10000);
}
